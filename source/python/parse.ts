/**
 * Python source text → typed AST (./ast.ts), built on the @lezer/python grammar.
 *
 * Lezer parses the whole Python 3 grammar with error recovery. This module walks its
 * concrete tree and builds CPython-shaped nodes. Where lezer's grammar is narrower than
 * Python's (bare `yield`, arbitrary decorator expressions, parenthesized or attribute
 * `with` targets) the affected source span is re-parsed piecewise; any error node left
 * after that is a genuine syntax error, reported in CPython's form.
 */
import { parser } from '@lezer/python';
import type { SyntaxNode } from '@lezer/common';
import type {
  Alias, Arg, Arguments, Comprehension, CompareOperator, ExceptHandler, Expr, ExprContext,
  Keyword, MatchCase, Module, Operator, Position, Stmt, UnaryOperator, WithItem,
} from './ast.js';
import { LiteralError, decodeEscapes, decodeNumber, stringTokenShape } from './literals.js';
import { PythonSyntaxError, UnsupportedSyntax } from './syntax-error.js';
import { missingCaseColon, parseCasePatterns, type PatternEnv } from './parse-pattern.js';
import { checkIndentation, checkLegacyCall, checkMissingColon, scanTokens, type TokenScan } from './tokenizer-check.js';

const BINARY_OPERATORS: Record<string, Operator> = {
  '+': 'Add', '-': 'Sub', '*': 'Mult', '@': 'MatMult', '/': 'Div', '%': 'Mod', '**': 'Pow',
  '<<': 'LShift', '>>': 'RShift', '|': 'BitOr', '^': 'BitXor', '&': 'BitAnd', '//': 'FloorDiv',
};
const COMPARE_OPERATORS: Record<string, CompareOperator> = {
  '==': 'Eq', '!=': 'NotEq', '<': 'Lt', '<=': 'LtE', '>': 'Gt', '>=': 'GtE',
};
const SKIPPED = new Set(['Comment']);

export function parseModule(source: string, filename: string): Module {
  const text = source.replace(/\r\n?/g, '\n');
  const scan = scanTokens(text, filename);
  const indentation = checkIndentation(text, filename);
  const converter = new Converter(text, filename, 0);
  let body: Stmt[];
  try {
    body = converter.statements(parseWithRepairs(text).topNode);
  } catch (e) {
    if (!(e instanceof PythonSyntaxError)) throw e;
    throw firstError(text, filename, e, scan, indentation);
  }
  const tokenError = scan.error ?? indentation;
  if (tokenError) throw tokenError;
  if (scan.unclosed.length) {
    const b = scan.unclosed[scan.unclosed.length - 1]!;
    throw new PythonSyntaxError(`'${b.ch}' was never closed`, filename, b.line, b.col + 1, text.split('\n')[b.line - 1] ?? '');
  }
  return { body, source: text, filename };
}

/**
 * Which error CPython reports: the tokenizer meets its errors while the parser reads, so
 * a tokenizer error before the parser's error wins; a parser error inside brackets that
 * never close is reported as the unclosed bracket; a block header without its colon is
 * "expected ':'".
 */
function firstError(text: string, filename: string, parseError: PythonSyntaxError, scan: TokenScan, indentation: PythonSyntaxError | null): PythonSyntaxError {
  const before = (e: PythonSyntaxError | null) =>
    e !== null && (e.lineno < parseError.lineno || (e.lineno === parseError.lineno && e.offset <= parseError.offset));
  if (before(scan.error)) return scan.error!;
  if (before(indentation)) {
    // An indented block after a header without its colon is "expected ':'" (the parser
    // meets the header's NEWLINE before the tokenizer's INDENT).
    const colon = indentation!.msg === 'unexpected indent' ? checkMissingColon(text, filename, indentation!.lineno - 1) : null;
    return colon ?? indentation!;
  }
  const open = scan.unclosed.filter((b) => b.line < parseError.lineno || (b.line === parseError.lineno && b.col < parseError.offset - 1));
  if (open.length && parseError.msg === 'invalid syntax') {
    const b = open[open.length - 1]!;
    return new PythonSyntaxError(`'${b.ch}' was never closed`, filename, b.line, b.col + 1, text.split('\n')[b.line - 1] ?? '');
  }
  if (parseError.msg === 'invalid syntax' || parseError.msg.startsWith('Missing parentheses')) {
    const legacy = checkLegacyCall(text, filename, parseError.lineno, isExpressionList);
    if (legacy) return legacy;
  }
  if (parseError.msg === 'invalid syntax') {
    const colon = checkMissingColon(text, filename, parseError.lineno, parseError.offset) ?? (parseError.offset <= 1 ? checkMissingColon(text, filename, parseError.lineno - 1) : null);
    if (colon) return colon;
  }
  return parseError;
}

/** Whether `text` alone is a valid expression list (lezer finds no error in `_ = (text)`). */
function isExpressionList(text: string): boolean {
  let ok = true;
  parser.parse(`_ = ${text}\n`).iterate({
    enter: (ref) => {
      if (ref.type.isError) ok = false;
      return ok;
    },
  });
  return ok;
}

/**
 * Parse, then blank out (same length, so every offset stays valid) the decorator
 * expressions and `with` headers lezer could not read, and parse again. The converter
 * re-reads those spans from the original text piece by piece.
 */
function parseWithRepairs(text: string) {
  // Lezer's Number token needs a digit after the point; `4.` and `1.e5` are valid Python.
  // Swapping `4.` for `.4` keeps the length; the converter decodes the original text.
  let patched = text.replace(/(?<![\w.])(\d[\d_]*)\.(?=[eEjJ][+-]?\d|[eEjJ]\b|[^\w.]|$)/g, (_m, digits: string) => `.${digits}`);
  // `match *a, b:` reads as a multiplication to lezer; without the star it is a match
  // statement whose subject the converter re-reads from the original text.
  patched = patched.replace(/^([ \t]*match[ \t]+)\*/gm, (m, head: string, at: number) => {
    const colon = scanLogicalLine(patched, at + m.length, true);
    const rest = colon < 0 ? '' : patched.slice(colon + 1, scanLogicalLine(patched, colon + 1, false));
    return colon >= 0 && !rest.trim() ? head + ' ' : m;
  });
  let tree = parser.parse(patched);
  // Each pass repairs what lezer could read up to; a broken case clause hides the next ones.
  for (let attempt = 0; attempt < 256; attempt++) {
    const spans: Span[] = [];
    tree.iterate({
      enter: (ref) => {
        if (!ref.type.isError) return;
        for (let up: SyntaxNode | null = ref.node.parent; up; up = up.parent) {
          if (up.name === 'MatchStatement') {
            // A subject lezer cannot read (`match a, *b:`): blank it, the converter re-reads it.
            const kw = up.firstChild;
            const body = up.getChild('MatchBody');
            const end = body ? body.from : kw ? scanLogicalLine(patched, kw.to, true) : -1;
            if (kw?.name === 'match' && ref.from < end && end - kw.to >= 2) spans.push({ from: kw.to, to: end });
            if (ref.from < end) return;
          }
          const at = repairSpan(up, patched);
          if (at) {
            spans.push(at);
            return;
          }
          // A decorator that lezer cut short leaves its error beside the Decorator node.
          const prev = ref.node.prevSibling;
          // So does a case clause: its error follows the MatchClause inside MatchBody.
          if (up.name === 'MatchBody' && prev?.name === 'MatchClause') {
            const span = repairSpan(prev, patched);
            if (span) spans.push(span);
            return;
          }
          if (up.name === 'DecoratedStatement' && prev?.name === 'Decorator') {
            const span = repairSpan(prev, patched);
            if (span) spans.push(span);
            return;
          }
          if (up.name.endsWith('Statement') || up.name === 'Script') break;
        }
      },
    });
    const fresh = spans.filter((sp) => patched.slice(sp.from, sp.to).trim() !== '_');
    if (!fresh.length) break;
    for (const sp of fresh) patched = patched.slice(0, sp.from) + ' _' + ' '.repeat(sp.to - sp.from - 2) + patched.slice(sp.to);
    tree = parser.parse(patched);
  }
  return tree;
}

/** The span of expression text to blank out for a decorator or `with` header node. */
function repairSpan(n: SyntaxNode, text: string): Span | null {
  if (n.name === 'Decorator') {
    const at = n.firstChild;
    if (!at || at.name !== 'At') return null;
    const end = scanLogicalLine(text, at.to, false);
    return end - at.to >= 2 ? { from: at.to, to: end } : null;
  }
  if (n.name === 'MatchClause') {
    // A pattern lezer cannot read: blank it; the converter re-reads it from the text.
    const kw = n.firstChild;
    if (!kw || kw.name !== 'case') return null;
    const end = scanPatternEnd(text, kw.to);
    return end - kw.to >= 2 ? { from: kw.to, to: end } : null;
  }
  if (n.name === 'WithStatement') {
    let kw = n.firstChild;
    if (kw?.name === 'async') kw = kw.nextSibling;
    if (!kw || kw.name !== 'with') return null;
    const end = scanLogicalLine(text, kw.to, true);
    return end - kw.to >= 2 ? { from: kw.to, to: end } : null;
  }
  return null;
}

/**
 * Walk one logical line of `text` from `from`, past string literals, backslash
 * continuations, comments and bracketed text; `stop(i)` is asked at every other character
 * outside brackets and may end the walk there. Returns that offset with `stopped`, or
 * where the line ends: a newline or a comment outside brackets, or the end of the text.
 */
function scanLine(text: string, from: number, stop: (i: number) => boolean): { at: number; stopped: boolean } {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      i = skipString(text, i) - 1;
    } else if (c === '\\' && text[i + 1] === '\n') {
      i++;
    } else if (c === '(' || c === '[' || c === '{') {
      depth++;
    } else if (c === ')' || c === ']' || c === '}') {
      depth--;
    } else if (depth > 0) {
      // Inside brackets a comment runs to the end of its physical line only.
      if (c === '#') while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === '\n' || c === '#') {
      return { at: i, stopped: false };
    } else if (stop(i)) {
      return { at: i, stopped: true };
    }
  }
  return { at: text.length, stopped: false };
}

/** Where the current word starts at `i` (no word character before it). */
const wordStart = (text: string, i: number) => !/\w/.test(text[i - 1] ?? ' ');

/**
 * From `from` (just after `case`), the offset where the patterns end: a top-level `if`
 * (the guard) or ':'; -1 when the line ends first.
 */
function scanPatternEnd(text: string, from: number): number {
  const r = scanLine(text, from, (i) => text[i] === ':' || (text.startsWith('if', i) && wordStart(text, i) && !/\w/.test(text[i + 2] ?? ' ')));
  return r.stopped ? r.at : -1;
}

/**
 * From `from`, the offset where the logical line ends (a newline or comment outside
 * brackets), or with `toColon` the offset of the first ':' outside brackets and lambdas
 * (-1 when the line ends first).
 */
function scanLogicalLine(text: string, from: number, toColon: boolean): number {
  if (!toColon) return scanLine(text, from, () => false).at;
  let lambdas = 0;
  const r = scanLine(text, from, (i) => {
    if (text.startsWith('lambda', i) && wordStart(text, i) && !/\w/.test(text[i + 6] ?? ' ')) lambdas++;
    else if (text[i] === ':' && text[i + 1] !== '=') {
      if (lambdas === 0) return true;
      lambdas--;
    }
    return false;
  });
  return r.stopped ? r.at : -1;
}

/** Line starts of a text, to turn character offsets into (line, col). */
class LineMap {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  col(offset: number): number {
    return offset - this.starts[this.line(offset) - 1]!;
  }
  lineText(line: number): string {
    const start = this.starts[line - 1] ?? this.text.length;
    const end = this.starts[line] ?? this.text.length + 1;
    return this.text.slice(start, end - 1);
  }
}

type Span = { from: number; to: number };

class Converter {
  private readonly lines: LineMap;
  constructor(
    /** The whole module text (positions are always reported against it). */
    private readonly text: string,
    private readonly filename: string,
    /** Offset of the parsed fragment inside `text` (for re-parsed pieces). */
    private readonly base: number,
    lines?: LineMap,
  ) {
    this.lines = lines ?? new LineMap(text);
  }

  // ------------------------------------------------------------ helpers

  private pos(from: number, to: number): Position {
    const a = from + this.base;
    let b = to + this.base;
    // lezer's statement nodes end after their newline; CPython's end at the last token
    while (b > a && /\s/.test(this.text[b - 1]!)) b--;
    return { line: this.lines.line(a), col: this.lines.col(a), endLine: this.lines.line(b), endCol: this.lines.col(b) };
  }
  private spanPos(first: Span, last: Span): Position {
    return this.pos(first.from, last.to);
  }
  private src(n: Span): string {
    return this.text.slice(n.from + this.base, n.to + this.base);
  }

  private kids(n: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.type.isError) this.checkError(c);
      else if (!SKIPPED.has(c.name)) out.push(c);
    }
    return out;
  }

  /** Throw a SyntaxError for an error node, unless it is a lezer gap handled elsewhere. */
  private checkError(n: SyntaxNode): void {
    const parent = n.parent;
    // Bare `yield`: lezer's grammar wants an operand and inserts an empty error node.
    if (n.from === n.to && parent && (parent.name === 'YieldExpression' || parent.name === 'YieldStatement')) return;
    this.syntaxError(n.from, n.to);
  }

  private syntaxError(from: number, to: number, message = 'invalid syntax'): never {
    const at = Math.min(from + this.base, this.text.length);
    const end = Math.min(to + this.base, this.text.length);
    let line = this.lines.line(at);
    let col = this.lines.col(at);
    // An error at the very end of a line (a missing token) is reported by CPython at the
    // start of the offending token; for a truncated file it points past the end.
    const lineText = this.lines.lineText(line);
    if (col >= lineText.length && at >= this.text.length && line > 1 && lineText.trim() === '') {
      line -= 1;
      col = this.lines.lineText(line).length;
    }
    // Specific messages highlight the whole construct (when it fits on the line).
    const endCol = message !== 'invalid syntax' && this.lines.line(end) === line && end > at ? this.lines.col(end) + 1 : 0;
    throw new PythonSyntaxError(message, this.filename, line, col + 1, this.lines.lineText(line), 'SyntaxError', endCol);
  }

  private unsupported(n: Span, construct: string): never {
    throw new UnsupportedSyntax(construct, this.lines.line(n.from + this.base));
  }

  /** Split children at separator tokens (by name), dropping the separators. */
  private splitBy(nodes: SyntaxNode[], sep: string): SyntaxNode[][] {
    const groups: SyntaxNode[][] = [[]];
    for (const n of nodes) {
      if (n.name === sep) groups.push([]);
      else groups[groups.length - 1]!.push(n);
    }
    return groups;
  }

  // ------------------------------------------------------------ statements

  statements(n: SyntaxNode): Stmt[] {
    const out: Stmt[] = [];
    for (const c of this.kids(n)) this.statementInto(c, out);
    return out;
  }

  private body(n: SyntaxNode): Stmt[] {
    // Body { ":" (simpleStatement | newline indent statement+) }
    const out: Stmt[] = [];
    for (const c of this.kids(n)) if (c.name !== ':') this.statementInto(c, out);
    return out;
  }

  private statementInto(n: SyntaxNode, out: Stmt[]): void {
    if (n.name === 'StatementGroup') {
      for (const c of this.kids(n)) if (c.name !== ';') out.push(this.statement(c));
    } else {
      out.push(this.statement(n));
    }
  }

  private statement(n: SyntaxNode): Stmt {
    const stmt = this.statementNode(n);
    // A compound statement ends where its last nested statement ends (not at comments).
    const last = lastNested(stmt);
    if (last && (last.endLine !== stmt.endLine || last.endCol !== stmt.endCol)) {
      return { ...stmt, endLine: last.endLine, endCol: last.endCol };
    }
    return stmt;
  }

  private statementNode(n: SyntaxNode): Stmt {
    const k = this.kids(n);
    // A trailing comment belongs to lezer's node but not to CPython's statement.
    const p = this.pos(n.from, k.length ? k[k.length - 1]!.to : n.to);
    switch (n.name) {
      case 'ExpressionStatement':
        return { kind: 'Expr', ...p, value: this.expressionList(k, 'Load') };
      case 'AssignStatement':
        return this.assignment(n, k, p);
      case 'UpdateStatement': {
        const opIndex = k.findIndex((c) => c.name === 'UpdateOp');
        const target = this.expressionList(k.slice(0, opIndex), 'Store');
        this.checkAugTarget(target);
        const opText = this.src(k[opIndex]!).slice(0, -1);
        const rest = k.slice(opIndex + 1);
        const value = rest.length === 1 && rest[0]!.name === 'YieldExpression' ? this.expr(rest[0]!) : this.expressionList(rest, 'Load');
        return { kind: 'AugAssign', ...p, target, op: BINARY_OPERATORS[opText]!, value };
      }
      case 'DeleteStatement': {
        const targets = this.splitBy(k.slice(1), ',').filter((g) => g.length).map((g) => this.expr(g[0]!, 'Del'));
        targets.forEach((t) => this.checkTarget(t, 'Del'));
        return { kind: 'Delete', ...p, targets };
      }
      case 'PassStatement':
        return { kind: 'Pass', ...p };
      case 'BreakStatement':
        return { kind: 'Break', ...p };
      case 'ContinueStatement':
        return { kind: 'Continue', ...p };
      case 'ReturnStatement':
        return { kind: 'Return', ...p, value: k.length > 1 ? this.expressionList(k.slice(1), 'Load') : null };
      case 'YieldStatement':
        return { kind: 'Expr', ...p, value: this.yieldExpr(n, k) };
      case 'PrintStatement':
        this.syntaxError(n.from, n.to, "Missing parentheses in call to 'print'. Did you mean print(...)?");
      // falls through (syntaxError never returns)
      case 'RaiseStatement': {
        const rest = k.slice(1);
        if (rest.some((c) => c.name === ',')) this.syntaxError(rest.find((c) => c.name === ',')!.from, n.to);
        const fromIndex = rest.findIndex((c) => c.name === 'from');
        const exc = rest.length ? this.expr(rest[0]!) : null;
        const cause = fromIndex >= 0 ? this.expr(rest[fromIndex + 1]!) : null;
        return { kind: 'Raise', ...p, exc, cause };
      }
      case 'ImportStatement':
        return this.importStatement(k, p);
      case 'ScopeStatement': {
        const names = k.filter((c) => c.name === 'VariableName').map((c) => this.src(c));
        return k[0]!.name === 'global' ? { kind: 'Global', ...p, names } : { kind: 'Nonlocal', ...p, names };
      }
      case 'AssertStatement': {
        const parts = this.splitBy(k.slice(1), ',');
        return { kind: 'Assert', ...p, test: this.expr(parts[0]![0]!), msg: parts[1]?.[0] ? this.expr(parts[1][0]) : null };
      }
      case 'TypeDefinition':
        return this.syntaxError(k[0]!.to + 1, n.to); // `type X = ...` is Python 3.12 syntax
      case 'IfStatement':
        return this.ifStatement(k, 0);
      case 'WhileStatement': {
        const bodies = k.filter((c) => c.name === 'Body');
        return { kind: 'While', ...p, test: this.expr(k[1]!), body: this.body(bodies[0]!), orelse: bodies[1] ? this.body(bodies[1]) : [] };
      }
      case 'ForStatement':
        return this.forStatement(k, p);
      case 'TryStatement':
        return this.tryStatement(k, p);
      case 'WithStatement':
        return this.withStatement(n, k, p);
      case 'FunctionDefinition':
        return this.functionDef(n, k, []);
      case 'ClassDefinition':
        return this.classDef(n, k, []);
      case 'DecoratedStatement': {
        const decorators = k.filter((c) => c.name === 'Decorator').map((d) => this.decorator(d));
        const def = k[k.length - 1]!;
        const defKids = this.kids(def);
        return def.name === 'FunctionDefinition' ? this.functionDef(def, defKids, decorators) : this.classDef(def, defKids, decorators);
      }
      case 'MatchStatement':
        return this.matchStatement(k, p);
      default:
        return this.syntaxError(n.from, n.to);
    }
  }

  private assignment(n: SyntaxNode, k: SyntaxNode[], p: Position): Stmt {
    const typeDefIndex = k.findIndex((c) => c.name === 'TypeDef');
    if (typeDefIndex >= 0) {
      const targetNodes = k.slice(0, typeDefIndex);
      if (targetNodes.length !== 1) {
        this.syntaxError(targetNodes[0]!.from, n.to, 'only single target (not tuple) can be annotated');
      }
      const target = this.expr(targetNodes[0]!, 'Store');
      if (target.kind !== 'Name' && target.kind !== 'Attribute' && target.kind !== 'Subscript') {
        this.syntaxError(targetNodes[0]!.from, n.to, 'illegal target for annotation');
      }
      const annotation = this.expr(this.kids(k[typeDefIndex]!).find((c) => c.name !== ':')!);
      const rest = k.slice(typeDefIndex + 1).filter((c) => c.name !== 'AssignOp');
      const value = rest.length ? (rest.length === 1 && rest[0]!.name === 'YieldExpression' ? this.expr(rest[0]!) : this.expressionList(rest, 'Load')) : null;
      const simple = target.kind === 'Name' && targetNodes[0]!.name === 'VariableName';
      return { kind: 'AnnAssign', ...p, target, annotation, value, simple };
    }
    const groups = this.splitBy(k, 'AssignOp');
    const valueNodes = groups.pop()!;
    const value = valueNodes.length === 1 && valueNodes[0]!.name === 'YieldExpression' ? this.expr(valueNodes[0]!) : this.expressionList(valueNodes, 'Load');
    const targets = groups.map((g) => {
      const t = this.expressionList(g, 'Store');
      this.checkTarget(t, 'Store');
      return t;
    });
    return { kind: 'Assign', ...p, targets, value };
  }

  private checkAugTarget(t: Expr): void {
    if (t.kind !== 'Name' && t.kind !== 'Attribute' && t.kind !== 'Subscript') {
      const what = describeForError(t);
      throw new PythonSyntaxError(`'${what}' is an illegal expression for augmented assignment`, this.filename, t.line, t.col + 1, this.lines.lineText(t.line));
    }
  }

  private checkTarget(t: Expr, ctx: 'Store' | 'Del'): void {
    switch (t.kind) {
      case 'Name':
      case 'Attribute':
      case 'Subscript':
        return;
      case 'Starred':
        if (ctx === 'Del') break;
        this.checkTarget(t.value, ctx);
        return;
      case 'Tuple':
      case 'List':
        t.elts.forEach((e) => this.checkTarget(e, ctx));
        return;
      default:
        break;
    }
    const verb = ctx === 'Del' ? 'delete' : 'assign to';
    const what = describeForError(t);
    const hint = ctx === 'Store' && (t.kind === 'Compare' || t.kind === 'Constant' || t.kind === 'BinOp' || t.kind === 'Call') ? "; maybe you meant '==' instead of '='?" : '';
    const message = t.kind === 'Call' && ctx === 'Store' ? `cannot assign to function call here. Maybe you meant '==' instead of '='?` : `cannot ${verb} ${what}${ctx === 'Store' && hint ? " here. Maybe you meant '==' instead of '='?" : ''}`;
    throw new PythonSyntaxError(message, this.filename, t.line, t.col + 1, this.lines.lineText(t.line));
  }

  private importStatement(k: SyntaxNode[], p: Position): Stmt {
    const aliases = (nodes: SyntaxNode[]): Alias[] => {
      const out: Alias[] = [];
      for (const g of this.splitBy(nodes.filter((c) => c.name !== '(' && c.name !== ')'), ',')) {
        if (!g.length) continue;
        const asIndex = g.findIndex((c) => c.name === 'as');
        const nameNodes = asIndex >= 0 ? g.slice(0, asIndex) : g;
        const name = nameNodes.map((c) => this.src(c)).join('');
        const asname = asIndex >= 0 ? this.src(g[asIndex + 1]!) : null;
        out.push({ ...this.spanPos(g[0]!, g[g.length - 1]!), name, asname });
      }
      return out;
    };
    if (k[0]!.name === 'import') return { kind: 'Import', ...p, names: aliases(k.slice(1)) };
    const importIndex = k.findIndex((c) => c.name === 'import');
    const moduleNodes = k.slice(1, importIndex);
    let level = 0;
    const moduleParts: string[] = [];
    for (const c of moduleNodes) {
      if (c.name === '.' && !moduleParts.length) level += 1;
      else if (c.name === 'Ellipsis' || this.src(c) === '...') level += 3;
      else moduleParts.push(this.src(c));
    }
    const rest = k.slice(importIndex + 1);
    const names: Alias[] = rest.length === 1 && rest[0]!.name === '*' ? [{ ...this.pos(rest[0]!.from, rest[0]!.to), name: '*', asname: null }] : aliases(rest);
    return { kind: 'ImportFrom', ...p, module: moduleParts.length ? moduleParts.join('') : null, names, level };
  }

  private ifStatement(k: SyntaxNode[], start: number): Stmt {
    // if test Body (elif test Body)* (else Body)?
    const test = this.expr(k[start + 1]!);
    const body = this.body(k[start + 2]!);
    const next = k[start + 3];
    let orelse: Stmt[] = [];
    if (next?.name === 'elif') orelse = [this.ifStatement(k, start + 3)];
    else if (next?.name === 'else') orelse = this.body(k[start + 4]!);
    const last = orelse[orelse.length - 1] ?? body[body.length - 1]!;
    return { kind: 'If', ...this.pos(k[start]!.from, k[start]!.to), endLine: last.endLine, endCol: last.endCol, test, body, orelse };
  }

  private forStatement(k: SyntaxNode[], p: Position): Stmt {
    let i = 0;
    const isAsync = k[0]!.name === 'async';
    if (isAsync) i++;
    const inIndex = k.findIndex((c) => c.name === 'in');
    const bodies = k.filter((c) => c.name === 'Body');
    const bodyIndex = k.indexOf(bodies[0]!);
    const target = this.expressionList(k.slice(i + 1, inIndex), 'Store');
    this.checkTarget(target, 'Store');
    const iter = this.expressionList(k.slice(inIndex + 1, bodyIndex), 'Load');
    return { kind: 'For', ...p, target, iter, body: this.body(bodies[0]!), orelse: bodies[1] ? this.body(bodies[1]) : [], isAsync };
  }

  private tryStatement(k: SyntaxNode[], p: Position): Stmt {
    const body = this.body(k[1]!);
    const handlers: ExceptHandler[] = [];
    let orelse: Stmt[] = [];
    let finalbody: Stmt[] = [];
    let isStar = false;
    let i = 2;
    while (i < k.length) {
      const c = k[i]!;
      if (c.name === 'except') {
        let j = i + 1;
        const star = k[j]?.name === '*';
        if (star) j++;
        // invalid_try_stmt: a try takes except or except*, not both
        if (handlers.length && star !== isStar) {
          this.syntaxError(c.from, star ? k[j - 1]!.to : c.to, "cannot have both 'except' and 'except*' on the same 'try'");
        }
        isStar = star;
        if (star && k[j]!.name === 'Body') this.syntaxError(k[j]!.from, k[j]!.from + 1, 'expected one or more exception types');
        let type: Expr | null = null;
        let name: string | null = null;
        if (k[j]!.name !== 'Body') {
          type = this.expr(k[j]!);
          j++;
          if (k[j]!.name === ',') {
            // from the first type to the last one
            let last = j;
            while (k[last + 1] && k[last + 1]!.name !== 'as' && k[last + 1]!.name !== 'Body') last++;
            this.syntaxError(k[j - 1]!.from, k[last]!.to, 'multiple exception types must be parenthesized');
          }
          if (k[j]!.name === 'as') {
            name = this.src(k[j + 1]!);
            j += 2;
          }
        }
        const bodyNode = k[j]!;
        const handlerBody = this.body(bodyNode);
        const last = handlerBody[handlerBody.length - 1]!;
        handlers.push({ ...this.pos(c.from, c.to), endLine: last.endLine, endCol: last.endCol, type, name, body: handlerBody });
        i = j + 1;
      } else if (c.name === 'else') {
        orelse = this.body(k[i + 1]!);
        i += 2;
      } else if (c.name === 'finally') {
        finalbody = this.body(k[i + 1]!);
        i += 2;
      } else {
        this.syntaxError(c.from, c.to);
      }
    }
    if (!handlers.length && !finalbody.length) this.syntaxError(k[k.length - 1]!.to, k[k.length - 1]!.to, "expected 'except' or 'finally' block");
    return { kind: 'Try', ...p, body, handlers, orelse, finalbody, isStar };
  }

  private withStatement(n: SyntaxNode, _k: SyntaxNode[], p: Position): Stmt {
    // Lezer only allows a plain name after `as` and no parenthesized item list, so the
    // items are re-read from the source text between `with` and the body's colon.
    const raw: SyntaxNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) if (!SKIPPED.has(c.name)) raw.push(c);
    const isAsync = raw[0]!.name === 'async';
    const withKw = raw[isAsync ? 1 : 0]!;
    const bodyNode = raw.find((c) => c.name === 'Body');
    if (!bodyNode) this.syntaxError(n.to, n.to, "expected ':'");
    let from = withKw.to;
    let to = bodyNode.from;
    let inner = this.text.slice(from + this.base, to + this.base);
    // `with (a as b, c as d):` — strip the outer parentheses when they enclose every item.
    const trimmedStart = inner.length - inner.trimStart().length;
    const trimmedEnd = inner.length - inner.trimEnd().length;
    const core = inner.trim();
    if (core.startsWith('(') && matchingClose(core, 0) === core.length - 1) {
      const pieces = splitTopLevel(core.slice(1, -1), ',');
      if (pieces.some((piece) => /\bas\b/.test(piece.text)) || pieces.length > 1) {
        from = from + trimmedStart + 1;
        to = to - trimmedEnd - 1;
        inner = this.text.slice(from + this.base, to + this.base);
      }
    }
    const items: WithItem[] = [];
    for (const piece of splitTopLevel(inner, ',')) {
      if (!piece.text.trim()) continue;
      const asPieces = splitTopLevel(piece.text, ' as ');
      const exprPiece = asPieces[0]!;
      const contextExpr = this.subExpression(from + piece.start + exprPiece.start, exprPiece.text);
      let optionalVars: Expr | null = null;
      if (asPieces.length > 1) {
        const target = asPieces[1]!;
        optionalVars = withContext(this.subExpression(from + piece.start + target.start, target.text), 'Store');
        this.checkTarget(optionalVars, 'Store');
      }
      items.push({ contextExpr, optionalVars });
    }
    if (!items.length) this.syntaxError(from, to);
    return { kind: 'With', ...p, items, body: this.body(bodyNode), isAsync };
  }

  /** Parse `text` (found at fragment offset `at`) as one expression. */
  private subExpression(at: number, text: string): Expr {
    const lead = text.length - text.trimStart().length;
    const body = text.trim().replace(/(\s*\\)+$/, ''); // a line continuation before `as`
    if (!body) this.syntaxError(at, at);
    const sub = new Converter(this.text, this.filename, this.base + at + lead, this.lines);
    // Parenthesize so that line breaks inside the piece stay legal; positions shift by one.
    const wrapped = new Converter(this.text, this.filename, this.base + at + lead - 1, this.lines);
    const tree = parser.parse(`(${body})`);
    const stmt = tree.topNode.firstChild;
    if (!stmt || stmt.nextSibling || stmt.name !== 'ExpressionStatement') return sub.syntaxError(0, body.length);
    const exprNode = wrapped.kids(stmt)[0]!;
    const kids = wrapped.kids(exprNode);
    if (exprNode.name === 'ParenthesizedExpression') return wrapped.expr(kids[1]!);
    return wrapped.expr(exprNode);
  }

  private decorator(d: SyntaxNode): Expr {
    // Decorator { At expression newline }: the expression (PEP 614 allows any) is re-read
    // from the original text, since lezer only knows dotted names with arguments.
    const at = d.firstChild!;
    const start = at.to + this.base;
    const end = scanLogicalLine(this.text, start, false);
    return this.subExpression(at.to, this.text.slice(start, end).trimEnd());
  }

  private functionDef(n: SyntaxNode, k: SyntaxNode[], decoratorList: Expr[]): Stmt {
    let i = 0;
    const isAsync = k[0]!.name === 'async';
    if (isAsync) i++;
    const name = this.src(k[i + 1]!);
    if (k[i + 2]!.name === 'TypeParamList') this.syntaxError(k[i + 2]!.from, k[i + 2]!.to);
    const args = this.parameters(k[i + 2]!, false);
    const typeDef = k.find((c) => c.name === 'TypeDef');
    const returns = typeDef ? this.expr(this.kids(typeDef).find((c) => c.name !== '->' && c.name !== ':')!) : null;
    const bodyNode = k.find((c) => c.name === 'Body');
    if (!bodyNode) return this.syntaxError(n.to, n.to, "expected ':'");
    const p = this.pos(n.from, n.to);
    return { kind: 'FunctionDef', ...p, name, args, body: this.body(bodyNode), decoratorList, returns, isAsync };
  }

  private classDef(n: SyntaxNode, k: SyntaxNode[], decoratorList: Expr[]): Stmt {
    const name = this.src(k[1]!);
    if (k[2]?.name === 'TypeParamList') this.syntaxError(k[2].from, k[2].to);
    const argList = k.find((c) => c.name === 'ArgList');
    const { args, keywords } = argList ? this.callArguments(argList) : { args: [], keywords: [] };
    const bodyNode = k.find((c) => c.name === 'Body');
    if (!bodyNode) return this.syntaxError(n.to, n.to, "expected ':'");
    const p = this.pos(n.from, n.to);
    return { kind: 'ClassDef', ...p, name, bases: args, keywords, body: this.body(bodyNode), decoratorList };
  }

  private matchStatement(k: SyntaxNode[], p: Position): Stmt {
    const matchBody = k.find((c) => c.name === 'MatchBody')!;
    // Lezer reads one expression; the subject may be a tuple with starred items.
    const subject = this.expressionListText(k[0]!.to, matchBody.from);
    // Children in source order, so that a pattern's error comes before later ones.
    const cases: MatchCase[] = [];
    for (let clause = matchBody.firstChild; clause; clause = clause.nextSibling) {
      if (clause.type.isError) this.checkError(clause);
      if (clause.name !== 'MatchClause') continue;
      // The patterns come first in the source, so their errors are reported first.
      const caseKw = clause.firstChild!;
      const guardNode = clause.getChild('Guard');
      const bodyNode = clause.getChild('Body');
      if (!bodyNode) return missingCaseColon(this.patternEnv(), caseKw.to + this.base, scanLogicalLine(this.text, caseKw.to + this.base, false));
      const pattern = parseCasePatterns(this.patternEnv(), caseKw.to + this.base, (guardNode ?? bodyNode).from + this.base);
      this.kids(clause);
      cases.push({ pattern, guard: guardNode ? this.expr(this.kids(guardNode)[1]!) : null, body: this.body(bodyNode) });
    }
    return { kind: 'Match', ...p, subject, cases };
  }

  /** `a, *b, c` re-read from the text at [from, to): one expression or a Tuple. */
  private expressionListText(from: number, to: number): Expr {
    const text = this.text.slice(from + this.base, to + this.base);
    const pieces = splitTopLevel(text, ',');
    const item = (piece: { text: string; start: number }): Expr => {
      const lead = piece.text.length - piece.text.trimStart().length;
      const at = from + piece.start + lead;
      const body = piece.text.trim();
      if (!body.startsWith('*')) return this.subExpression(at, body);
      const value = this.subExpression(at + 1, body.slice(1));
      return { kind: 'Starred', ...this.pos(at, at + body.length), value, ctx: 'Load' };
    };
    if (pieces.length === 1) {
      const only = item(pieces[0]!);
      if (only.kind === 'Starred') this.syntaxError(from, to);
      return only;
    }
    const elts: Expr[] = [];
    pieces.forEach((piece, i) => {
      if (!piece.text.trim()) {
        if (i === pieces.length - 1 && i > 0) return; // a trailing comma
        this.syntaxError(from + piece.start, from + piece.start);
      }
      elts.push(item(piece));
    });
    const first = pieces[0]!;
    const start = from + first.start + (first.text.length - first.text.trimStart().length);
    // The tuple ends at its last item, or after a trailing comma.
    const last = pieces[pieces.length - 1]!;
    const end = last.text.trim() ? from + last.start + last.text.trimEnd().length : from + last.start;
    return { kind: 'Tuple', ...this.pos(start, end), elts, ctx: 'Load' };
  }

  /** How parse-pattern.ts reads patterns from the module text and reports errors. */
  private patternEnv(): PatternEnv {
    return {
      text: this.text,
      pos: (a, b) => this.pos(a - this.base, b - this.base),
      error: (a, b, message) => {
        const line = this.lines.line(a);
        const endCol = this.lines.line(b) === line && b > a ? this.lines.col(b) + 1 : 0;
        throw new PythonSyntaxError(message, this.filename, line, this.lines.col(a) + 1, this.lines.lineText(line), 'SyntaxError', endCol);
      },
      identifier,
    };
  }

  private parameters(n: SyntaxNode, lambda: boolean): Arguments {
    const k = this.kids(n).filter((c) => c.name !== '(' && c.name !== ')');
    const posonlyargs: Arg[] = [];
    const args: Arg[] = [];
    const kwonlyargs: Arg[] = [];
    const kwDefaults: (Expr | null)[] = [];
    const defaults: Expr[] = [];
    let vararg: Arg | null = null;
    let kwarg: Arg | null = null;
    let state: 'pos' | 'kwonly' = 'pos';
    const seen = new Set<string>();
    // Parameters are separated by ','; a lone '/' is an anonymous token lezer drops, so
    // it shows up as an empty group whose source text is '/'.
    let groupStart = n.from + (lambda ? 0 : 1);
    const groups: { nodes: SyntaxNode[]; text: string }[] = [];
    let current: SyntaxNode[] = [];
    const close = (end: number) => {
      groups.push({ nodes: current, text: this.text.slice(groupStart + this.base, end + this.base) });
      current = [];
    };
    for (const c of k) {
      if (c.name === ',') {
        close(c.from);
        groupStart = c.to;
      } else current.push(c);
    }
    close(lambda ? n.to : n.to - 1);
    for (const { nodes: g, text: groupText } of groups) {
      if (!g.length) {
        if (groupText.trim() === '/') {
          if (posonlyargs.length || state !== 'pos' || !args.length) this.syntaxError(groupStart, groupStart);
          posonlyargs.push(...args.splice(0));
        }
        continue;
      }
      const first = g[0]!;
      const makeArg = (nameNode: SyntaxNode, typeDef?: SyntaxNode): Arg => {
        const arg = this.src(nameNode);
        if (seen.has(arg)) this.syntaxError(nameNode.from, nameNode.to, `duplicate argument '${arg}' in function definition`);
        seen.add(arg);
        const annotation = typeDef ? this.expr(this.kids(typeDef).find((c) => c.name !== ':')!) : null;
        return { ...this.pos(nameNode.from, (typeDef ?? nameNode).to), arg, annotation };
      };
      if (first.name === '*') {
        if (g[1]) vararg = makeArg(g[1], g.find((c) => c.name === 'TypeDef'));
        state = 'kwonly';
        continue;
      }
      if (first.name === '**') {
        kwarg = makeArg(g[1]!, g.find((c) => c.name === 'TypeDef'));
        continue;
      }
      const typeDef = g.find((c) => c.name === 'TypeDef');
      const arg = makeArg(first, typeDef);
      const eq = g.findIndex((c) => c.name === 'AssignOp');
      const dflt = eq >= 0 ? this.expr(g[eq + 1]!) : null;
      if (state === 'pos') {
        args.push(arg);
        if (dflt) defaults.push(dflt);
        else if (defaults.length) this.syntaxError(first.from, first.to, 'non-default argument follows default argument');
      } else {
        kwonlyargs.push(arg);
        kwDefaults.push(dflt);
      }
    }
    return { posonlyargs, args, vararg, kwonlyargs, kwDefaults, kwarg, defaults };
  }

  // ------------------------------------------------------------ expressions

  /** A comma-separated list of expressions: one expression, or a Tuple when commas appear. */
  private expressionList(nodes: SyntaxNode[], ctx: ExprContext): Expr {
    if (!nodes.length) this.syntaxError(0, 0);
    const hasComma = nodes.some((c) => c.name === ',');
    if (!hasComma) return this.expr(nodes[0]!, ctx);
    const elts = this.elements(nodes, ctx);
    return { kind: 'Tuple', ...this.spanPos(nodes[0]!, nodes[nodes.length - 1]!), elts, ctx };
  }

  /** Elements separated by ',' with optional `*` prefixes (lists, tuples, sets, calls). */
  private elements(nodes: SyntaxNode[], ctx: ExprContext): Expr[] {
    const out: Expr[] = [];
    for (const g of this.splitBy(nodes, ',')) {
      if (!g.length) continue;
      if (g[0]!.name === '*') {
        out.push({ kind: 'Starred', ...this.spanPos(g[0]!, g[1]!), value: this.expr(g[1]!, ctx), ctx });
      } else {
        out.push(this.expr(g[0]!, ctx));
      }
    }
    return out;
  }

  expr(n: SyntaxNode, ctx: ExprContext = 'Load'): Expr {
    const p = this.pos(n.from, n.to);
    switch (n.name) {
      case 'VariableName':
        return { kind: 'Name', ...p, id: identifier(this.src(n)), ctx };
      case 'Number':
        return { kind: 'Constant', ...p, value: this.literal(n, () => decodeNumber(this.src(n))) };
      case 'String':
      case 'FormatString':
      case 'ContinuedString':
        return this.strings(n);
      case 'Ellipsis':
        return { kind: 'Constant', ...p, value: { type: 'Ellipsis' } };
      case 'None':
        return { kind: 'Constant', ...p, value: { type: 'None' } };
      case 'Boolean':
        return { kind: 'Constant', ...p, value: { type: 'bool', value: this.src(n) === 'True' } };
      case 'ParenthesizedExpression': {
        const inner = this.kids(n).filter((c) => c.name !== '(' && c.name !== ')');
        if (inner[0]!.name === '*') this.syntaxError(inner[0]!.from, inner[0]!.to, 'cannot use starred expression here');
        return this.expr(inner[0]!, ctx);
      }
      case 'TupleExpression': {
        const inner = this.kids(n).filter((c) => c.name !== '(' && c.name !== ')');
        return { kind: 'Tuple', ...p, elts: this.elements(inner, ctx), ctx };
      }
      case 'ArrayExpression': {
        const inner = this.kids(n).filter((c) => c.name !== '[' && c.name !== ']');
        return { kind: 'List', ...p, elts: this.elements(inner, ctx), ctx };
      }
      case 'SetExpression': {
        const inner = this.kids(n).filter((c) => c.name !== '{' && c.name !== '}');
        return { kind: 'Set', ...p, elts: this.elements(inner, 'Load') };
      }
      case 'DictionaryExpression':
        return this.dict(n, p);
      case 'ComprehensionExpression':
      case 'ArrayComprehensionExpression':
      case 'SetComprehensionExpression':
      case 'DictionaryComprehensionExpression':
        return this.comprehension(n, p);
      case 'BinaryExpression':
        return this.binary(n, p);
      case 'UnaryExpression': {
        const [op, operand] = this.kids(n);
        const text = this.src(op!);
        if (text === 'not') return this.booleanChain(n);
        const uop: UnaryOperator = text === 'not' ? 'Not' : text === '-' ? 'USub' : text === '+' ? 'UAdd' : 'Invert';
        return { kind: 'UnaryOp', ...p, op: uop, operand: this.expr(operand!) };
      }
      case 'AwaitExpression':
        return { kind: 'Await', ...p, value: this.expr(this.kids(n)[1]!) };
      case 'YieldExpression':
        return this.yieldExpr(n, this.kids(n));
      case 'CallExpression': {
        const [func, argList] = this.kids(n);
        const { args, keywords } = this.callArguments(argList!);
        return { kind: 'Call', ...p, func: this.expr(func!), args, keywords };
      }
      case 'MemberExpression':
        return this.member(n, p, ctx);
      case 'LambdaExpression': {
        const k = this.kids(n);
        const params = k.find((c) => c.name === 'ParamList');
        const args = params ? this.parameters(params, true) : emptyArguments();
        return { kind: 'Lambda', ...p, args, body: this.expr(k[k.length - 1]!) };
      }
      case 'ConditionalExpression': {
        const [body, , test, , orelse] = this.kids(n);
        return { kind: 'IfExp', ...p, test: this.expr(test!), body: this.expr(body!), orelse: this.expr(orelse!) };
      }
      case 'NamedExpression': {
        const [target, , value] = this.kids(n);
        const t = this.expr(target!, 'Store');
        if (t.kind !== 'Name') {
          throw new PythonSyntaxError(`cannot use assignment expressions with ${describeForError(t)}`, this.filename, t.line, t.col + 1, this.lines.lineText(t.line));
        }
        return { kind: 'NamedExpr', ...p, target: t, value: this.expr(value!) };
      }
      default:
        return this.syntaxError(n.from, n.to);
    }
  }

  private literal<T>(n: SyntaxNode, decode: () => T): T {
    try {
      return decode();
    } catch (e) {
      if (e instanceof LiteralError) {
        if (e.message.includes('not supported by heapscope')) this.unsupported(n, e.message.replace(' are not supported by heapscope yet', ''));
        this.syntaxError(n.from + e.offset, n.to, e.message);
      }
      throw e;
    }
  }

  private decodeText(n: SyntaxNode, decode: () => string): string {
    return this.literal(n, decode);
  }

  private yieldExpr(n: SyntaxNode, k: SyntaxNode[]): Expr {
    const p = this.pos(n.from, n.to);
    if (k[1]?.name === 'from') return { kind: 'YieldFrom', ...p, value: this.expr(k[2]!) };
    const rest = k.slice(1);
    return { kind: 'Yield', ...p, value: rest.length ? this.expressionList(rest, 'Load') : null };
  }

  private binary(n: SyntaxNode, p: Position): Expr {
    const k = this.kids(n);
    const left = k[0]!;
    const opNodes = k.slice(1, -1);
    const right = k[k.length - 1]!;
    const opText = opNodes.map((c) => this.src(c)).join(' ');
    if (opText === 'and' || opText === 'or') return this.booleanChain(n);
    const cmp = compareOperator(opText);
    if (cmp) {
      const l = this.expr(left);
      if (l.kind === 'Compare' && left.name === 'BinaryExpression') {
        return { kind: 'Compare', ...p, left: l.left, ops: [...l.ops, cmp], comparators: [...l.comparators, this.expr(right)] };
      }
      return { kind: 'Compare', ...p, left: l, ops: [cmp], comparators: [this.expr(right)] };
    }
    const op = BINARY_OPERATORS[opText];
    if (!op) return this.syntaxError(opNodes[0]!.from, opNodes[0]!.to);
    return { kind: 'BinOp', ...p, left: this.expr(left), op, right: this.expr(right) };
  }

  /**
   * `and`, `or` and `not` with Python's precedence (or < and < not). Lezer's grammar lets
   * `not` take a whole `a and b` as its operand, so the unparenthesized chain is
   * flattened into operands and operators and rebuilt here.
   */
  private booleanChain(n: SyntaxNode): Expr {
    type Item = { op: 'and' | 'or' | 'not'; node: SyntaxNode } | { operand: SyntaxNode };
    const items: Item[] = [];
    const flatten = (m: SyntaxNode) => {
      const k = this.kids(m);
      if (m.name === 'UnaryExpression' && k[0]!.name === 'not') {
        items.push({ op: 'not', node: k[0]! });
        flatten(k[1]!);
      } else if (m.name === 'BinaryExpression' && k.length === 3 && (k[1]!.name === 'and' || k[1]!.name === 'or')) {
        flatten(k[0]!);
        items.push({ op: k[1]!.name as 'and' | 'or', node: k[1]! });
        flatten(k[2]!);
      } else {
        items.push({ operand: m });
      }
    };
    flatten(n);
    // Positions come from the source nodes, so a parenthesized operand counts its parens.
    type Built = { expr: Expr; from: number; to: number };
    let i = 0;
    const peek = () => items[i];
    const parseNot = (): Built => {
      const item = items[i++]!;
      if ('operand' in item) return { expr: this.expr(item.operand), from: item.operand.from, to: item.operand.to };
      if (item.op !== 'not') this.syntaxError(item.node.from, item.node.to);
      const operand = parseNot();
      return { expr: { kind: 'UnaryOp', ...this.pos(item.node.from, operand.to), op: 'Not', operand: operand.expr }, from: item.node.from, to: operand.to };
    };
    const parseLevel = (op: 'and' | 'or', next: () => Built): Built => {
      const first = next();
      const values = [first];
      while (peek() && 'op' in peek()! && (peek() as { op: string }).op === op) {
        i++;
        values.push(next());
      }
      if (values.length === 1) return first;
      const last = values[values.length - 1]!;
      const expr: Expr = { kind: 'BoolOp', ...this.pos(first.from, last.to), op: op === 'and' ? 'And' : 'Or', values: values.map((v) => v.expr) };
      return { expr, from: first.from, to: last.to };
    };
    const result = parseLevel('or', () => parseLevel('and', parseNot)).expr;
    if (i !== items.length) this.syntaxError(n.from, n.to);
    return result;
  }

  private member(n: SyntaxNode, p: Position, ctx: ExprContext): Expr {
    const k = this.kids(n);
    const value = this.expr(k[0]!);
    if (k[1]!.name === '.') {
      return { kind: 'Attribute', ...p, value, attr: identifier(this.src(k[2]!)), ctx };
    }
    // subscript: "[" commaSep<testNamed | slice> "]"
    const inner = k.slice(2, -1);
    const groups = this.splitBy(inner, ',');
    const hasComma = inner.some((c) => c.name === ',');
    const items = groups.filter((g) => g.length).map((g) => this.sliceItem(g));
    let slice: Expr;
    if (!hasComma) {
      slice = items[0]!;
    } else {
      const first = inner[0]!;
      const last = inner[inner.length - 1]!;
      slice = { kind: 'Tuple', ...this.pos(first.from, last.to), elts: items, ctx: 'Load' };
    }
    return { kind: 'Subscript', ...p, value, slice, ctx };
  }

  private sliceItem(g: SyntaxNode[]): Expr {
    if (!g.some((c) => c.name === ':')) return this.expr(g[0]!);
    const parts: (Expr | null)[] = [null, null, null];
    let idx = 0;
    for (const c of g) {
      if (c.name === ':') idx++;
      else parts[idx] = this.expr(c);
    }
    const pos = this.pos(g[0]!.from, g[g.length - 1]!.to);
    return { kind: 'Slice', ...pos, lower: parts[0]!, upper: parts[1]!, step: parts[2]! };
  }

  private callArguments(argList: SyntaxNode): { args: Expr[]; keywords: Keyword[] } {
    const inner = this.kids(argList).filter((c) => c.name !== '(' && c.name !== ')');
    const args: Expr[] = [];
    const keywords: Keyword[] = [];
    const forIndex = inner.findIndex((c) => c.name === 'for' || c.name === 'async');
    if (forIndex >= 0) {
      // a bare generator expression argument: f(x for x in y)
      const generators = this.compFor(inner.slice(forIndex));
      if (forIndex !== 1) this.syntaxError(inner[0]!.from, inner[0]!.to, 'Generator expression must be parenthesized');
      args.push({ kind: 'GeneratorExp', ...this.pos(argList.from, argList.to), elt: this.expr(inner[0]!), generators });
      return { args, keywords };
    }
    const groups = this.splitBy(inner, ',').filter((g) => g.length);
    for (const g of groups) {
      const first = g[0]!;
      if (first.name === '*') {
        args.push({ kind: 'Starred', ...this.spanPos(first, g[1]!), value: this.expr(g[1]!), ctx: 'Load' });
      } else if (first.name === '**') {
        keywords.push({ ...this.spanPos(first, g[1]!), arg: null, value: this.expr(g[1]!) });
      } else if (g[1]?.name === 'AssignOp' && this.src(g[1]) === '=') {
        const name = this.src(first);
        if (first.name !== 'VariableName') this.syntaxError(first.from, first.to, 'expression cannot contain assignment, perhaps you meant "=="?');
        if (keywords.some((kw) => kw.arg === name)) this.syntaxError(first.from, first.to, `keyword argument repeated: ${name}`);
        keywords.push({ ...this.spanPos(first, g[g.length - 1]!), arg: name, value: this.expr(g[2]!) });
      } else if (g[1]?.name === 'AssignOp') {
        // walrus as a positional argument
        const target = this.expr(first, 'Store') as Expr & { kind: 'Name' };
        args.push({ kind: 'NamedExpr', ...this.spanPos(first, g[2]!), target, value: this.expr(g[2]!) });
      } else {
        if (keywords.length && !keywords.some((kw) => kw.arg === null)) {
          this.syntaxError(first.from, first.to, 'positional argument follows keyword argument');
        }
        if (keywords.some((kw) => kw.arg === null)) {
          this.syntaxError(first.from, first.to, 'positional argument follows keyword argument unpacking');
        }
        args.push(this.expr(first));
      }
    }
    return { args, keywords };
  }

  private dict(n: SyntaxNode, p: Position): Expr {
    const inner = this.kids(n).filter((c) => c.name !== '{' && c.name !== '}');
    const keys: (Expr | null)[] = [];
    const values: Expr[] = [];
    for (const g of this.splitBy(inner, ',')) {
      if (!g.length) continue;
      if (g[0]!.name === '**') {
        keys.push(null);
        values.push(this.expr(g[1]!));
      } else {
        keys.push(this.expr(g[0]!));
        values.push(this.expr(g[2]!));
      }
    }
    return { kind: 'Dict', ...p, keys, values };
  }

  private comprehension(n: SyntaxNode, p: Position): Expr {
    const k = this.kids(n).slice(1, -1);
    const forIndex = k.findIndex((c) => c.name === 'for' || c.name === 'async');
    const head = k.slice(0, forIndex);
    const generators = this.compFor(k.slice(forIndex));
    if (head[0]!.name === '*' || head[0]!.name === '**') {
      this.syntaxError(head[0]!.from, head[1]!.to, n.name === 'DictionaryComprehensionExpression' ? 'dict unpacking cannot be used in dict comprehension' : 'iterable unpacking cannot be used in comprehension');
    }
    switch (n.name) {
      case 'ComprehensionExpression':
        return { kind: 'GeneratorExp', ...p, elt: this.expr(head[0]!), generators };
      case 'ArrayComprehensionExpression':
        return { kind: 'ListComp', ...p, elt: this.expr(head[0]!), generators };
      case 'SetComprehensionExpression':
        return { kind: 'SetComp', ...p, elt: this.expr(head[0]!), generators };
      default:
        return { kind: 'DictComp', ...p, key: this.expr(head[0]!), value: this.expr(head[2]!), generators };
    }
  }

  /** compFor { async? for targets in testInner (compFor | compIf)? }, flattened by lezer. */
  private compFor(nodes: SyntaxNode[]): Comprehension[] {
    const out: { target: Expr; iter: Expr; ifs: Expr[]; isAsync: boolean }[] = [];
    let i = 0;
    while (i < nodes.length) {
      const c = nodes[i]!;
      if (c.name === 'async' || c.name === 'for') {
        const isAsync = c.name === 'async';
        if (isAsync) i++;
        const inIndex = nodes.findIndex((x, j) => j > i && x.name === 'in');
        const target = this.expressionList(nodes.slice(i + 1, inIndex), 'Store');
        this.checkTarget(target, 'Store');
        const iter = this.expr(nodes[inIndex + 1]!);
        out.push({ target, iter, ifs: [], isAsync });
        i = inIndex + 2;
      } else if (c.name === 'if') {
        out[out.length - 1]!.ifs.push(this.expr(nodes[i + 1]!));
        i += 2;
      } else {
        this.syntaxError(c.from, c.to);
      }
    }
    return out;
  }

  // ------------------------------------------------------------ strings

  private strings(n: SyntaxNode): Expr {
    const p = this.pos(n.from, n.to);
    const parts = n.name === 'ContinuedString' ? this.kids(n) : [n];
    let anyBytes = false;
    let anyStr = false;
    let anyFormat = false;
    // Each part becomes a list of pieces: literal text or a FormattedValue.
    const pieces: (string | Expr)[] = [];
    for (const part of parts) {
      const text = this.src(part);
      const shape = this.literalShape(part, text);
      if (shape.bytes) anyBytes = true;
      else anyStr = true;
      if (shape.format) anyFormat = true;
      if (anyBytes && anyStr) this.syntaxError(n.from, n.to, 'cannot mix bytes and nonbytes literals');
      const bodyStart = part.from + shape.openLength;
      const bodyEnd = part.to - shape.quoteLength;
      if (!shape.format) {
        const body = this.text.slice(bodyStart + this.base, bodyEnd + this.base);
        pieces.push(this.decodeText(part, () => decodeEscapes(body, shape.bytes, shape.raw)));
        continue;
      }
      this.formatPieces(part, bodyStart, bodyEnd, shape.raw, pieces);
    }
    if (anyBytes) {
      const value = pieces.join('');
      const bytes = new Uint8Array(value.length);
      for (let i = 0; i < value.length; i++) bytes[i] = value.charCodeAt(i);
      return { kind: 'Constant', ...p, value: { type: 'bytes', value: bytes } };
    }
    if (!anyFormat) return { kind: 'Constant', ...p, value: { type: 'str', value: pieces.join('') } };
    return { kind: 'JoinedStr', ...p, values: mergePieces(pieces, p) };
  }

  private literalShape(part: SyntaxNode, text: string) {
    try {
      return stringTokenShape(text);
    } catch {
      return this.syntaxError(part.from, part.to);
    }
  }

  /** Split an f-string part into literal text and replacement fields. */
  private formatPieces(part: SyntaxNode, bodyStart: number, bodyEnd: number, raw: boolean, out: (string | Expr)[]): void {
    let cursor = bodyStart;
    const literalUpTo = (end: number) => {
      if (end <= cursor) return;
      const chunk = this.text.slice(cursor + this.base, end + this.base).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
      out.push(this.decodeText(part, () => decodeEscapes(chunk, false, raw)));
    };
    for (const c of this.kids(part)) {
      if (c.name !== 'FormatReplacement') continue;
      literalUpTo(c.from);
      out.push(this.formatReplacement(c));
      cursor = c.to;
    }
    literalUpTo(bodyEnd);
  }

  private formatReplacement(n: SyntaxNode): Expr {
    const k = this.kids(n);
    const exprNodes = k.filter((c) => !['{', '}', 'FormatSelfDoc', 'FormatConversion', 'FormatSpec'].includes(c.name));
    const selfDoc = k.find((c) => c.name === 'FormatSelfDoc');
    const conversionNode = k.find((c) => c.name === 'FormatConversion');
    const specNode = k.find((c) => c.name === 'FormatSpec');
    if (!exprNodes.length) this.syntaxError(n.from, n.to, "f-string: empty expression not allowed");
    const value = exprNodes[0]!.name === 'YieldExpression' ? this.expr(exprNodes[0]!) : this.expressionList(exprNodes, 'Load');
    let conversion: -1 | 115 | 114 | 97 = -1;
    if (conversionNode) conversion = this.src(conversionNode).charCodeAt(1) as 115 | 114 | 97;
    let formatSpec: Expr | null = null;
    const p = this.pos(n.from, n.to);
    if (specNode) {
      const pieces: (string | Expr)[] = [];
      let cursor = specNode.from + 1;
      for (const c of this.kids(specNode)) {
        if (c.name !== 'FormatReplacement') continue;
        if (c.from > cursor) pieces.push(this.text.slice(cursor + this.base, c.from + this.base));
        pieces.push(this.formatReplacement(c));
        cursor = c.to;
      }
      if (specNode.to > cursor) pieces.push(this.text.slice(cursor + this.base, specNode.to + this.base));
      formatSpec = { kind: 'JoinedStr', ...p, values: mergePieces(pieces, p) };
    }
    if (selfDoc && conversion === -1 && !specNode) conversion = 114;
    const formatted: Expr = { kind: 'FormattedValue', ...p, value, conversion, formatSpec };
    if (!selfDoc) return formatted;
    // f'{x=}' expands to the literal text 'x=' followed by the value
    const docEnd = (conversionNode ?? specNode ?? k[k.length - 1]!).from;
    const docText = this.text.slice(n.from + 1 + this.base, docEnd + this.base);
    return { kind: 'JoinedStr', ...p, values: [{ kind: 'Constant', ...p, value: { type: 'str', value: docText } }, formatted] };
  }
}

/** The last statement inside a compound statement, which decides where it ends. */
function lastNested(s: Stmt): Stmt | null {
  const tail = (list: readonly Stmt[]): Stmt | null => list[list.length - 1] ?? null;
  switch (s.kind) {
    case 'FunctionDef':
    case 'ClassDef':
    case 'With':
      return tail(s.body);
    case 'If':
    case 'For':
    case 'While':
      return tail(s.orelse) ?? tail(s.body);
    case 'Try':
      return tail(s.finalbody) ?? tail(s.orelse) ?? tail(s.handlers[s.handlers.length - 1]?.body ?? []) ?? tail(s.body);
    case 'Match':
      return tail(s.cases[s.cases.length - 1]?.body ?? []);
    default:
      return null;
  }
}

function mergePieces(pieces: (string | Expr)[], p: Position): Expr[] {
  const out: Expr[] = [];
  let pending = '';
  const flush = () => {
    if (pending) out.push({ kind: 'Constant', ...p, value: { type: 'str', value: pending } });
    pending = '';
  };
  for (const piece of pieces) {
    if (typeof piece === 'string') pending += piece;
    else if (piece.kind === 'JoinedStr') {
      for (const v of piece.values) {
        if (v.kind === 'Constant' && v.value.type === 'str') pending += v.value.value;
        else {
          flush();
          out.push(v);
        }
      }
    } else {
      flush();
      out.push(piece);
    }
  }
  flush();
  return out;
}

/** Python compares identifiers after NFKC normalization (PEP 3131). */
function identifier(text: string): string {
  return /^[\x00-\x7f]*$/.test(text) ? text : text.normalize('NFKC');
}

function compareOperator(text: string): CompareOperator | null {
  if (COMPARE_OPERATORS[text]) return COMPARE_OPERATORS[text]!;
  switch (text) {
    case 'in':
      return 'In';
    case 'not in':
      return 'NotIn';
    case 'is':
      return 'Is';
    case 'is not':
      return 'IsNot';
    case '<>':
      return null;
    default:
      return null;
  }
}

function emptyArguments(): Arguments {
  return { posonlyargs: [], args: [], vararg: null, kwonlyargs: [], kwDefaults: [], kwarg: null, defaults: [] };
}

function withContext(e: Expr, ctx: ExprContext): Expr {
  switch (e.kind) {
    case 'Name':
    case 'Attribute':
    case 'Subscript':
      return { ...e, ctx };
    case 'Starred':
      return { ...e, ctx, value: withContext(e.value, ctx) };
    case 'Tuple':
    case 'List':
      return { ...e, ctx, elts: e.elts.map((x) => withContext(x, ctx)) };
    default:
      return e;
  }
}

/** How CPython names an expression in "cannot assign to ..." messages. */
export function describeForError(e: Expr): string {
  switch (e.kind) {
    case 'Constant':
      return e.value.type === 'None' || e.value.type === 'bool' || e.value.type === 'Ellipsis' ? (e.value.type === 'bool' ? String(e.value.value ? 'True' : 'False') : e.value.type) : 'literal';
    case 'Call':
      return 'function call';
    case 'BinOp':
    case 'UnaryOp':
      return 'expression';
    case 'BoolOp':
      return 'expression';
    case 'Compare':
      return 'comparison';
    case 'Lambda':
      return 'lambda';
    case 'IfExp':
      return 'conditional expression';
    case 'NamedExpr':
      return 'named expression';
    case 'Dict':
      return 'dict literal';
    case 'Set':
      return 'set display';
    case 'ListComp':
      return 'list comprehension';
    case 'SetComp':
      return 'set comprehension';
    case 'DictComp':
      return 'dict comprehension';
    case 'GeneratorExp':
      return 'generator expression';
    case 'Yield':
    case 'YieldFrom':
      return 'yield expression';
    case 'Await':
      return 'await expression';
    case 'JoinedStr':
    case 'FormattedValue':
      return 'f-string expression';
    case 'Starred':
      return 'starred';
    case 'Tuple':
      return 'tuple';
    case 'List':
      return 'list';
    default:
      return 'expression';
  }
}

/** Index of the bracket closing the one at `open`, skipping strings; -1 if none. */
function matchingClose(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      i = skipString(text, i) - 1;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function skipString(text: string, start: number): number {
  const q = text[start]!;
  const triple = text.startsWith(q.repeat(3), start);
  const close = triple ? q.repeat(3) : q;
  let i = start + close.length;
  while (i < text.length) {
    if (text[i] === '\\') {
      i += 2;
      continue;
    }
    if (text.startsWith(close, i)) return i + close.length;
    i++;
  }
  return text.length;
}

/** Split at a separator that is outside brackets and strings. */
function splitTopLevel(text: string, sep: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      i = skipString(text, i) - 1;
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0 && text.startsWith(sep, i)) {
      out.push({ text: text.slice(start, i), start });
      start = i + sep.length;
      i = start - 1;
    }
  }
  out.push({ text: text.slice(start), start });
  return out;
}
