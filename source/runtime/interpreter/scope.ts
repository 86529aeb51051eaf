/**
 * Scope analysis (CPython's symtable.c): for every function, lambda, comprehension and
 * class body, which names are fast locals, cells (captured by an inner function), free
 * variables (taken from an enclosing function), explicit or implicit globals.
 */
import type { Arguments, Comprehension, Expr, Module, Pattern, Stmt } from '../../python/ast.js';
import { PythonSyntaxError } from '../../python/syntax-error.js';

export type ScopeKind = 'module' | 'class' | 'function' | 'lambda' | 'comprehension' | 'genexpr';

export type NameKind = 'local' | 'cell' | 'free' | 'global-explicit' | 'global-implicit' | 'name';

export class Scope {
  readonly params: string[] = [];
  /** Every name bound in this scope, in first-binding order. */
  readonly bound = new Set<string>();
  readonly used = new Set<string>();
  readonly globals = new Set<string>();
  readonly nonlocals = new Set<string>();
  readonly children: Scope[] = [];
  /** Names of this scope captured by inner functions (cell variables). */
  readonly cells = new Set<string>();
  /** Names this scope takes from enclosing functions. */
  readonly frees = new Set<string>();
  isGenerator = false;
  /** Uses `super` or `__class__`: a method that needs the implicit __class__ cell. */
  needsClassCell = false;
  hasVarargs = false;
  hasVarkw = false;
  constructor(
    readonly kind: ScopeKind,
    readonly name: string,
    readonly parent: Scope | null,
    readonly node: unknown,
  ) {}

  /** Resolve a name used in this scope. */
  kindOf(name: string): NameKind {
    if (this.kind === 'module') return 'name';
    if (this.globals.has(name)) return 'global-explicit';
    if (this.kind === 'class') {
      if (this.frees.has(name)) return 'free';
      return 'name';
    }
    if (this.cells.has(name)) return 'cell';
    if (this.frees.has(name)) return 'free';
    if (this.bound.has(name) || this.params.includes(name)) return 'local';
    return 'global-implicit';
  }

  /** Fast-local names in CPython's order: parameters first, then other locals. */
  get varnames(): string[] {
    const out = [...this.params];
    for (const n of this.bound) if (!out.includes(n) && !this.globals.has(n) && !this.nonlocals.has(n)) out.push(n);
    return out;
  }
}

export class SymbolTable {
  /** Scope of each AST node that opens one (FunctionDef, Lambda, ClassDef, comprehensions). */
  readonly scopes = new Map<unknown, Scope>();
  readonly module: Scope;

  constructor(
    readonly mod: Module,
    private readonly filename: string,
  ) {
    this.module = new Scope('module', '<module>', null, mod);
    this.scopes.set(mod, this.module);
    this.visitBody(mod.body, this.module);
    this.analyze(this.module);
  }

  private error(message: string, node: { line: number; col: number; endLine?: number; endCol?: number }): never {
    const lineText = this.mod.source.split('\n')[node.line - 1] ?? '';
    const endCol = node.endLine === node.line && node.endCol !== undefined ? node.endCol + 1 : 0;
    throw new PythonSyntaxError(message, this.filename, node.line, node.col + 1, lineText, 'SyntaxError', endCol);
  }

  // ------------------------------------------------------------ collection

  private visitBody(body: readonly Stmt[], s: Scope): void {
    for (const st of body) this.visitStmt(st, s);
  }

  private bind(name: string, s: Scope): void {
    s.bound.add(name);
  }

  private visitStmt(st: Stmt, s: Scope): void {
    switch (st.kind) {
      case 'FunctionDef': {
        st.decoratorList.forEach((d) => this.visitExpr(d, s));
        this.visitArgumentDefaults(st.args, s);
        if (st.returns) this.visitExpr(st.returns, s);
        this.bind(st.name, s);
        const fs = this.newScope('function', st.name, s, st);
        this.declareParams(st.args, fs);
        this.visitBody(st.body, fs);
        return;
      }
      case 'ClassDef': {
        st.decoratorList.forEach((d) => this.visitExpr(d, s));
        st.bases.forEach((b) => this.visitExpr(b, s));
        st.keywords.forEach((k) => this.visitExpr(k.value, s));
        this.bind(st.name, s);
        const cs = this.newScope('class', st.name, s, st);
        this.visitBody(st.body, cs);
        return;
      }
      case 'Return':
        if (s.kind === 'module' || s.kind === 'class') this.error("'return' outside function", st);
        if (st.value) this.visitExpr(st.value, s);
        return;
      case 'Delete':
        st.targets.forEach((t) => this.visitTarget(t, s));
        return;
      case 'Assign':
        this.visitExpr(st.value, s);
        st.targets.forEach((t) => this.visitTarget(t, s));
        return;
      case 'AugAssign':
        this.visitExpr(st.value, s);
        this.visitTarget(st.target, s);
        if (st.target.kind === 'Name') s.used.add(st.target.id);
        return;
      case 'AnnAssign':
        if (st.value) this.visitExpr(st.value, s);
        if (st.target.kind === 'Name') {
          if (st.value || s.kind !== 'module') this.bind(st.target.id, s);
        } else this.visitTarget(st.target, s);
        if (s.kind !== 'function') this.visitExpr(st.annotation, s);
        return;
      case 'For':
        this.visitExpr(st.iter, s);
        this.visitTarget(st.target, s);
        this.visitBody(st.body, s);
        this.visitBody(st.orelse, s);
        return;
      case 'While':
        this.visitExpr(st.test, s);
        this.visitBody(st.body, s);
        this.visitBody(st.orelse, s);
        return;
      case 'If':
        this.visitExpr(st.test, s);
        this.visitBody(st.body, s);
        this.visitBody(st.orelse, s);
        return;
      case 'With':
        for (const item of st.items) {
          this.visitExpr(item.contextExpr, s);
          if (item.optionalVars) this.visitTarget(item.optionalVars, s);
        }
        this.visitBody(st.body, s);
        return;
      case 'Match':
        this.visitExpr(st.subject, s);
        for (const c of st.cases) {
          this.visitPattern(c.pattern, s);
          if (c.guard) this.visitExpr(c.guard, s);
          this.visitBody(c.body, s);
        }
        return;
      case 'Raise':
        if (st.exc) this.visitExpr(st.exc, s);
        if (st.cause) this.visitExpr(st.cause, s);
        return;
      case 'Try':
        this.visitBody(st.body, s);
        for (const h of st.handlers) {
          if (h.type) this.visitExpr(h.type, s);
          if (h.name) this.bind(h.name, s);
          this.visitBody(h.body, s);
        }
        this.visitBody(st.orelse, s);
        this.visitBody(st.finalbody, s);
        return;
      case 'Assert':
        this.visitExpr(st.test, s);
        if (st.msg) this.visitExpr(st.msg, s);
        return;
      case 'Import':
        for (const a of st.names) this.bind(a.asname ?? a.name.split('.')[0]!, s);
        return;
      case 'ImportFrom':
        for (const a of st.names) {
          if (a.name === '*') {
            if (s.kind !== 'module') this.error('import * only allowed at module level', st);
            continue;
          }
          this.bind(a.asname ?? a.name, s);
        }
        return;
      case 'Global':
        for (const n of st.names) {
          if (s.params.includes(n)) this.error(`name '${n}' is parameter and global`, st);
          if (s.bound.has(n) || s.used.has(n)) {
            this.error(`name '${n}' is ${s.bound.has(n) ? 'assigned to' : 'used'} before global declaration`, st);
          }
          s.globals.add(n);
        }
        return;
      case 'Nonlocal':
        if (s.kind === 'module') this.error('nonlocal declaration not allowed at module level', st);
        for (const n of st.names) {
          if (s.params.includes(n)) this.error(`name '${n}' is parameter and nonlocal`, st);
          if (s.bound.has(n) || s.used.has(n)) {
            this.error(`name '${n}' is ${s.bound.has(n) ? 'assigned to' : 'used'} before nonlocal declaration`, st);
          }
          s.nonlocals.add(n);
        }
        return;
      case 'Expr':
        this.visitExpr(st.value, s);
        return;
      case 'Pass':
      case 'Break':
      case 'Continue':
        return;
    }
  }

  /** Captures bind names (symtable_visit_pattern); values, classes and keys are loads. */
  private visitPattern(p: Pattern, s: Scope): void {
    switch (p.kind) {
      case 'MatchValue':
        this.visitExpr(p.value, s);
        return;
      case 'MatchSingleton':
        return;
      case 'MatchSequence':
      case 'MatchOr':
        p.patterns.forEach((q) => this.visitPattern(q, s));
        return;
      case 'MatchStar':
        if (p.name !== null) this.bind(p.name, s);
        return;
      case 'MatchMapping':
        p.keys.forEach((k) => this.visitExpr(k, s));
        p.patterns.forEach((q) => this.visitPattern(q, s));
        if (p.rest !== null) this.bind(p.rest, s);
        return;
      case 'MatchClass':
        this.visitExpr(p.cls, s);
        p.patterns.forEach((q) => this.visitPattern(q, s));
        p.kwdPatterns.forEach((q) => this.visitPattern(q, s));
        return;
      case 'MatchAs':
        if (p.pattern !== null) this.visitPattern(p.pattern, s);
        if (p.name !== null) this.bind(p.name, s);
        return;
    }
  }

  private newScope(kind: ScopeKind, name: string, parent: Scope, node: unknown): Scope {
    const child = new Scope(kind, name, parent, node);
    parent.children.push(child);
    this.scopes.set(node, child);
    return child;
  }

  private declareParams(args: Arguments, fs: Scope): void {
    const all = [...args.posonlyargs, ...args.args, ...args.kwonlyargs];
    for (const a of all) fs.params.push(a.arg);
    if (args.vararg) {
      fs.params.splice(args.posonlyargs.length + args.args.length, 0, args.vararg.arg);
      fs.hasVarargs = true;
    }
    if (args.kwarg) {
      fs.params.push(args.kwarg.arg);
      fs.hasVarkw = true;
    }
    // CPython orders varnames: positional, keyword-only, *args, **kwargs
    const ordered = [...args.posonlyargs, ...args.args, ...args.kwonlyargs].map((a) => a.arg);
    if (args.vararg) ordered.push(args.vararg.arg);
    if (args.kwarg) ordered.push(args.kwarg.arg);
    fs.params.length = 0;
    fs.params.push(...ordered);
  }

  private visitArgumentDefaults(args: Arguments, s: Scope): void {
    args.defaults.forEach((d) => this.visitExpr(d, s));
    args.kwDefaults.forEach((d) => d && this.visitExpr(d, s));
    for (const a of [...args.posonlyargs, ...args.args, ...args.kwonlyargs, args.vararg, args.kwarg]) {
      if (a?.annotation) this.visitExpr(a.annotation, s);
    }
  }

  private visitTarget(t: Expr, s: Scope): void {
    switch (t.kind) {
      case 'Name':
        this.bind(t.id, s);
        return;
      case 'Tuple':
      case 'List':
        t.elts.forEach((e) => this.visitTarget(e, s));
        return;
      case 'Starred':
        this.visitTarget(t.value, s);
        return;
      default:
        this.visitExpr(t, s);
    }
  }

  private visitExpr(e: Expr, s: Scope): void {
    switch (e.kind) {
      case 'Name':
        if (e.ctx === 'Load') {
          s.used.add(e.id);
          if ((e.id === 'super' || e.id === '__class__') && (s.kind === 'function' || s.kind === 'lambda')) s.needsClassCell = true;
        } else this.bind(e.id, s);
        return;
      case 'Lambda': {
        this.visitArgumentDefaults(e.args, s);
        const ls = this.newScope('lambda', '<lambda>', s, e);
        this.declareParams(e.args, ls);
        this.visitExpr(e.body, ls);
        return;
      }
      case 'ListComp':
      case 'SetComp':
      case 'GeneratorExp':
      case 'DictComp':
        this.visitComprehension(e, s);
        return;
      case 'NamedExpr': {
        this.visitExpr(e.value, s);
        // The target binds in the nearest enclosing non-comprehension scope.
        let target = s;
        while (target.kind === 'comprehension' || target.kind === 'genexpr') {
          target.frees.add(e.target.id);
          target = target.parent!;
        }
        if (target !== s) target.cells.add(e.target.id);
        this.bind(e.target.id, target);
        return;
      }
      case 'Yield':
      case 'YieldFrom':
      case 'Await':
        if (s.kind === 'module' || s.kind === 'class') this.error(`'${e.kind === 'Await' ? 'await' : 'yield'}' outside function`, e);
        if (s.kind === 'comprehension') this.error("'yield' inside list comprehension", e);
        if (e.kind !== 'Await') s.isGenerator = true;
        if (e.value) this.visitExpr(e.value, s);
        return;
      default:
        for (const child of childExprs(e)) this.visitExpr(child, s);
    }
  }

  private visitComprehension(e: Expr & { generators: readonly Comprehension[] }, s: Scope): void {
    // The first iterable is evaluated in the enclosing scope and passed in as `.0`.
    this.visitExpr(e.generators[0]!.iter, s);
    const cs = this.newScope(e.kind === 'GeneratorExp' ? 'genexpr' : 'comprehension', comprehensionName(e.kind), s, e);
    cs.params.push('.0');
    if (e.kind === 'GeneratorExp') cs.isGenerator = true;
    e.generators.forEach((g, i) => {
      if (i > 0) this.visitExpr(g.iter, cs);
      this.visitTarget(g.target, cs);
      g.ifs.forEach((c) => this.visitExpr(c, cs));
    });
    if (e.kind === 'DictComp') {
      this.visitExpr(e.key, cs);
      this.visitExpr(e.value, cs);
    } else {
      this.visitExpr((e as { elt: Expr }).elt, cs);
    }
  }

  // ------------------------------------------------------------ resolution

  /** Decide cells and frees: a free name in a function binds to the nearest enclosing function that binds it. */
  private analyze(s: Scope): void {
    for (const c of s.children) this.analyze(c);
    if (s.kind === 'module') return;
    const candidates = new Set<string>([...s.used, ...s.nonlocals, ...s.frees]);
    for (const child of s.children) for (const f of child.frees) candidates.add(f);
    for (const name of candidates) {
      if (s.globals.has(name)) continue;
      const localHere = s.kind !== 'class' && (s.bound.has(name) || s.params.includes(name)) && !s.nonlocals.has(name);
      if (localHere) {
        if (s.children.some((c) => c.frees.has(name))) s.cells.add(name);
        continue;
      }
      if (s.kind === 'class' && s.bound.has(name) && !s.nonlocals.has(name)) continue;
      // Look outward for a function scope binding `name`.
      let p = s.parent;
      let found = false;
      while (p && p.kind !== 'module') {
        if (p.kind !== 'class' && (p.bound.has(name) || p.params.includes(name) || p.nonlocals.has(name) || p.cells.has(name)) && !p.globals.has(name)) {
          found = true;
          break;
        }
        if (p.globals.has(name)) break;
        p = p.parent;
      }
      if (s.nonlocals.has(name) && !found) this.error(`no binding for nonlocal '${name}' found`, s.node as { line: number; col: number });
      if (found) s.frees.add(name);
    }
    // The implicit __class__ cell of methods that use super().
    if (s.needsClassCell) {
      // Only when a class encloses the function (super(cls, self) in a plain nested
      // function has no __class__ to close over).
      let p = s.parent;
      while (p && p.kind !== 'class' && p.kind !== 'module') p = p.parent;
      if (p?.kind === 'class') {
        for (let q = s.parent; q && q !== p; q = q.parent) q.frees.add('__class__');
        p.cells.add('__class__');
        s.frees.add('__class__');
      }
    }
    // A name free in a child is also free here unless bound here (pass-through).
    for (const child of s.children) {
      for (const f of child.frees) {
        if (f === '__class__' && s.kind === 'class') continue;
        const boundHere = s.kind !== 'class' && (s.bound.has(f) || s.params.includes(f)) && !s.nonlocals.has(f) && !s.globals.has(f);
        if (!boundHere) s.frees.add(f);
      }
    }
  }
}

function comprehensionName(kind: string): string {
  switch (kind) {
    case 'ListComp':
      return '<listcomp>';
    case 'SetComp':
      return '<setcomp>';
    case 'DictComp':
      return '<dictcomp>';
    default:
      return '<genexpr>';
  }
}

/** Direct sub-expressions of an expression (not descending into new scopes' bodies). */
export function childExprs(e: Expr): Expr[] {
  switch (e.kind) {
    case 'BoolOp':
      return [...e.values];
    case 'NamedExpr':
      return [e.value];
    case 'BinOp':
      return [e.left, e.right];
    case 'UnaryOp':
      return [e.operand];
    case 'IfExp':
      return [e.test, e.body, e.orelse];
    case 'Dict':
      return [...(e.keys.filter(Boolean) as Expr[]), ...e.values];
    case 'Set':
      return [...e.elts];
    case 'Compare':
      return [e.left, ...e.comparators];
    case 'Call':
      return [e.func, ...e.args, ...e.keywords.map((k) => k.value)];
    case 'FormattedValue':
      return e.formatSpec ? [e.value, e.formatSpec] : [e.value];
    case 'JoinedStr':
      return [...e.values];
    case 'Attribute':
      return [e.value];
    case 'Subscript':
      return [e.value, e.slice];
    case 'Starred':
      return [e.value];
    case 'List':
    case 'Tuple':
      return [...e.elts];
    case 'Slice':
      return [e.lower, e.upper, e.step].filter(Boolean) as Expr[];
    case 'Await':
    case 'YieldFrom':
      return [e.value];
    case 'Yield':
      return e.value ? [e.value] : [];
    case 'Lambda':
    case 'ListComp':
    case 'SetComp':
    case 'DictComp':
    case 'GeneratorExp':
    case 'Name':
    case 'Constant':
      return [];
  }
}

/** Does an expression contain a yield (outside nested scopes)? */
export function containsYield(e: Expr): boolean {
  if (e.kind === 'Yield' || e.kind === 'YieldFrom' || e.kind === 'Await') return true;
  if (e.kind === 'ListComp' || e.kind === 'SetComp' || e.kind === 'DictComp' || e.kind === 'GeneratorExp') return containsYield(e.generators[0]!.iter);
  return childExprs(e).some(containsYield);
}
