/**
 * The typed syntax tree of a Python 3.11 module.
 *
 * Node and field names follow CPython's `ast` module, so that a reader can check a node
 * against `python3 -c "import ast; print(ast.dump(ast.parse(src)))"` and so that tests can
 * compare the two trees directly. Positions are 1-based lines and 0-based columns counted
 * in characters (CPython counts UTF-8 bytes; the two agree on ASCII source).
 */

export type Position = {
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
};

type Node<K extends string, F> = Position & { readonly kind: K } & F;

// ---------------------------------------------------------------- expressions

export type ConstantValue =
  | { readonly type: 'int'; readonly value: bigint }
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'complex'; readonly imag: number }
  | { readonly type: 'str'; readonly value: string }
  | { readonly type: 'bytes'; readonly value: Uint8Array }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'None' }
  | { readonly type: 'Ellipsis' };

export type Operator =
  | 'Add' | 'Sub' | 'Mult' | 'MatMult' | 'Div' | 'Mod' | 'Pow'
  | 'LShift' | 'RShift' | 'BitOr' | 'BitXor' | 'BitAnd' | 'FloorDiv';
export type UnaryOperator = 'Invert' | 'Not' | 'UAdd' | 'USub';
export type CompareOperator = 'Eq' | 'NotEq' | 'Lt' | 'LtE' | 'Gt' | 'GtE' | 'Is' | 'IsNot' | 'In' | 'NotIn';
export type ExprContext = 'Load' | 'Store' | 'Del';

export type Keyword = Position & { readonly arg: string | null; readonly value: Expr };

export type Comprehension = {
  readonly target: Expr;
  readonly iter: Expr;
  readonly ifs: readonly Expr[];
  readonly isAsync: boolean;
};

export type Arg = Position & { readonly arg: string; readonly annotation: Expr | null };

export type Arguments = {
  readonly posonlyargs: readonly Arg[];
  readonly args: readonly Arg[];
  readonly vararg: Arg | null;
  readonly kwonlyargs: readonly Arg[];
  /** One entry per kwonly argument; null where it has no default. */
  readonly kwDefaults: readonly (Expr | null)[];
  readonly kwarg: Arg | null;
  /** Defaults of the last positional (posonly + args) parameters. */
  readonly defaults: readonly Expr[];
};

export type Expr =
  | Node<'BoolOp', { op: 'And' | 'Or'; values: readonly Expr[] }>
  | Node<'NamedExpr', { target: Expr & { kind: 'Name' }; value: Expr }>
  | Node<'BinOp', { left: Expr; op: Operator; right: Expr }>
  | Node<'UnaryOp', { op: UnaryOperator; operand: Expr }>
  | Node<'Lambda', { args: Arguments; body: Expr }>
  | Node<'IfExp', { test: Expr; body: Expr; orelse: Expr }>
  | Node<'Dict', { keys: readonly (Expr | null)[]; values: readonly Expr[] }>
  | Node<'Set', { elts: readonly Expr[] }>
  | Node<'ListComp', { elt: Expr; generators: readonly Comprehension[] }>
  | Node<'SetComp', { elt: Expr; generators: readonly Comprehension[] }>
  | Node<'DictComp', { key: Expr; value: Expr; generators: readonly Comprehension[] }>
  | Node<'GeneratorExp', { elt: Expr; generators: readonly Comprehension[] }>
  | Node<'Await', { value: Expr }>
  | Node<'Yield', { value: Expr | null }>
  | Node<'YieldFrom', { value: Expr }>
  | Node<'Compare', { left: Expr; ops: readonly CompareOperator[]; comparators: readonly Expr[] }>
  | Node<'Call', { func: Expr; args: readonly Expr[]; keywords: readonly Keyword[] }>
  | Node<'FormattedValue', { value: Expr; conversion: -1 | 115 | 114 | 97; formatSpec: Expr | null }>
  | Node<'JoinedStr', { values: readonly Expr[] }>
  | Node<'Constant', { value: ConstantValue }>
  | Node<'Attribute', { value: Expr; attr: string; ctx: ExprContext }>
  | Node<'Subscript', { value: Expr; slice: Expr; ctx: ExprContext }>
  | Node<'Starred', { value: Expr; ctx: ExprContext }>
  | Node<'Name', { id: string; ctx: ExprContext }>
  | Node<'List', { elts: readonly Expr[]; ctx: ExprContext }>
  | Node<'Tuple', { elts: readonly Expr[]; ctx: ExprContext }>
  | Node<'Slice', { lower: Expr | null; upper: Expr | null; step: Expr | null }>;

export type ExprKind = Expr['kind'];
export type ExprOf<K extends ExprKind> = Extract<Expr, { kind: K }>;

// ---------------------------------------------------------------- statements

export type Alias = Position & { readonly name: string; readonly asname: string | null };
export type WithItem = { readonly contextExpr: Expr; readonly optionalVars: Expr | null };
export type ExceptHandler = Position & {
  readonly type: Expr | null;
  readonly name: string | null;
  readonly body: readonly Stmt[];
};
/** PEP 634 patterns, as CPython's `pattern` nodes. */
export type Pattern =
  | Node<'MatchValue', { value: Expr }>
  | Node<'MatchSingleton', { value: ConstantValue & { type: 'None' | 'bool' } }>
  | Node<'MatchSequence', { patterns: readonly Pattern[] }>
  | Node<'MatchMapping', { keys: readonly Expr[]; patterns: readonly Pattern[]; rest: string | null }>
  | Node<'MatchClass', { cls: Expr; patterns: readonly Pattern[]; kwdAttrs: readonly string[]; kwdPatterns: readonly Pattern[] }>
  | Node<'MatchStar', { name: string | null }>
  | Node<'MatchAs', { pattern: Pattern | null; name: string | null }>
  | Node<'MatchOr', { patterns: readonly Pattern[] }>;

export type PatternKind = Pattern['kind'];
export type PatternOf<K extends PatternKind> = Extract<Pattern, { kind: K }>;

export type MatchCase = { readonly pattern: Pattern; readonly guard: Expr | null; readonly body: readonly Stmt[] };

export type FunctionDefFields = {
  name: string;
  args: Arguments;
  body: readonly Stmt[];
  decoratorList: readonly Expr[];
  returns: Expr | null;
  isAsync: boolean;
};

export type Stmt =
  | Node<'FunctionDef', FunctionDefFields>
  | Node<'ClassDef', { name: string; bases: readonly Expr[]; keywords: readonly Keyword[]; body: readonly Stmt[]; decoratorList: readonly Expr[] }>
  | Node<'Return', { value: Expr | null }>
  | Node<'Delete', { targets: readonly Expr[] }>
  | Node<'Assign', { targets: readonly Expr[]; value: Expr }>
  | Node<'AugAssign', { target: Expr; op: Operator; value: Expr }>
  | Node<'AnnAssign', { target: Expr; annotation: Expr; value: Expr | null; simple: boolean }>
  | Node<'For', { target: Expr; iter: Expr; body: readonly Stmt[]; orelse: readonly Stmt[]; isAsync: boolean }>
  | Node<'While', { test: Expr; body: readonly Stmt[]; orelse: readonly Stmt[] }>
  | Node<'If', { test: Expr; body: readonly Stmt[]; orelse: readonly Stmt[] }>
  | Node<'With', { items: readonly WithItem[]; body: readonly Stmt[]; isAsync: boolean }>
  | Node<'Match', { subject: Expr; cases: readonly MatchCase[] }>
  | Node<'Raise', { exc: Expr | null; cause: Expr | null }>
  | Node<'Try', { body: readonly Stmt[]; handlers: readonly ExceptHandler[]; orelse: readonly Stmt[]; finalbody: readonly Stmt[]; isStar: boolean }>
  | Node<'Assert', { test: Expr; msg: Expr | null }>
  | Node<'Import', { names: readonly Alias[] }>
  | Node<'ImportFrom', { module: string | null; names: readonly Alias[]; level: number }>
  | Node<'Global', { names: readonly string[] }>
  | Node<'Nonlocal', { names: readonly string[] }>
  | Node<'Expr', { value: Expr }>
  | Node<'Pass', {}>
  | Node<'Break', {}>
  | Node<'Continue', {}>;

export type StmtKind = Stmt['kind'];
export type StmtOf<K extends StmtKind> = Extract<Stmt, { kind: K }>;

export type Module = { readonly body: readonly Stmt[]; readonly source: string; readonly filename: string };

export function assertNever(x: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(x)}`);
}
