"""Dump CPython's ast for a file as JSON in heapscope's AST shape (source/python/ast.ts).

Used by the parser tests to compare heapscope's parser with CPython's on real code.
Usage: python3 ast_json.py FILE...  (one JSON line per file: {file, body} or {file, error})
"""
import ast
import json
import sys

RENAME = {
    'decorator_list': 'decoratorList', 'format_spec': 'formatSpec', 'kw_defaults': 'kwDefaults',
    'context_expr': 'contextExpr', 'optional_vars': 'optionalVars', 'is_async': 'isAsync',
    'kwd_attrs': 'kwdAttrs', 'kwd_patterns': 'kwdPatterns',
}
DROP = {'type_comment', 'type_ignores', 'kind', 'type_params'}
ASYNC = {'AsyncFunctionDef': 'FunctionDef', 'AsyncFor': 'For', 'AsyncWith': 'With'}


def char_col(lines, lineno, byte_col):
    line = lines[lineno - 1].encode('utf-8')
    return len(line[:byte_col].decode('utf-8', errors='replace'))


def convert(node, lines, in_fstring=False):
    if isinstance(node, list):
        return [convert(x, lines, in_fstring) for x in node]
    if node is None or isinstance(node, (str, int, float)):
        return node
    if isinstance(node, (ast.expr_context)):
        return type(node).__name__
    if isinstance(node, (ast.operator, ast.unaryop, ast.cmpop, ast.boolop)):
        return type(node).__name__
    name = type(node).__name__
    out = {}
    if isinstance(node, (ast.stmt, ast.expr, ast.pattern)):
        out['kind'] = ASYNC.get(name, 'Try' if name == 'TryStar' else name)
    if hasattr(node, 'lineno') and not in_fstring:
        out['line'] = node.lineno
        out['col'] = char_col(lines, node.lineno, node.col_offset)
        out['endLine'] = node.end_lineno
        out['endCol'] = char_col(lines, node.end_lineno, node.end_col_offset)
    for field in node._fields:
        if field in DROP:
            continue
        value = getattr(node, field)
        key = RENAME.get(field, field)
        if name == 'Constant' and field == 'value':
            out['value'] = constant(value)
            continue
        if name == 'MatchSingleton' and field == 'value':
            out['value'] = constant(value)
            continue
        out[key] = convert(value, lines, in_fstring or name == 'JoinedStr')
    if name in ASYNC or name == 'comprehension':
        out['isAsync'] = name in ASYNC or bool(node.is_async)
    elif name in ('FunctionDef', 'For', 'With'):
        out['isAsync'] = False
    if name in ('Try', 'TryStar'):
        out['isStar'] = name == 'TryStar'
    if name == 'AnnAssign':
        out['simple'] = bool(node.simple)
    return out


def finite(x):
    # JSON has no inf/nan: both sides write them as their repr
    return x if x == x and x not in (float('inf'), float('-inf')) else repr(x)


def constant(v):
    if v is None:
        return {'type': 'None'}
    if v is Ellipsis:
        return {'type': 'Ellipsis'}
    if isinstance(v, bool):
        return {'type': 'bool', 'value': v}
    if isinstance(v, int):
        return {'type': 'int', 'value': f'{v}n'}
    if isinstance(v, float):
        return {'type': 'float', 'value': finite(v)}
    if isinstance(v, complex):
        return {'type': 'complex', 'imag': finite(v.imag)}
    if isinstance(v, str):
        return {'type': 'str', 'value': v}
    if isinstance(v, bytes):
        return {'type': 'bytes', 'value': list(v)}
    raise TypeError(type(v))


def main():
    for path in sys.argv[1:]:
        try:
            src = open(path, encoding='utf-8').read()
        except (UnicodeDecodeError, OSError) as e:
            print(json.dumps({'file': path, 'skip': str(e)}))
            continue
        try:
            tree = ast.parse(src, path)
        except (SyntaxError, ValueError) as e:
            print(json.dumps({'file': path, 'error': str(e), 'line': getattr(e, 'lineno', None)}))
            continue
        print(json.dumps({'file': path, 'body': convert(tree.body, src.replace('\r\n', '\n').split('\n'))}))


main()
