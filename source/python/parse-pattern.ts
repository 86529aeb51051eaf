/**
 * PEP 634 patterns (the text between `case` and the guard or colon) → Pattern nodes.
 *
 * Lezer's pattern grammar is narrower than Python's (empty `[]`, `()`, `{}` and `C()`,
 * implicit string concatenation, complex literals) and cannot give CPython's pattern
 * errors, so the converter re-reads every pattern from the source text with this small
 * recursive-descent parser over the `patterns` rules of CPython 3.11's Grammar/python.gram.
 * Errors follow the PEG parser: "invalid syntax" at the first token it cannot use, and
 * the messages of its invalid_* rules.
 */
import type { ConstantValue, Expr, Pattern, Position } from './ast.js';
import { LiteralError, decodeEscapes, decodeNumber, stringTokenShape } from './literals.js';

export type PatternEnv = {
  /** Module text (offsets below are into it). */
  readonly text: string;
  pos(from: number, to: number): Position;
  /** Throw a SyntaxError highlighting [from, to). */
  error(from: number, to: number, message: string): never;
  /** Python compares identifiers after NFKC normalization. */
  identifier(text: string): string;
};

type TokKind = 'name' | 'number' | 'string' | 'op' | 'end';
type Tok = { readonly kind: TokKind; readonly text: string; readonly from: number; readonly to: number };

const HARD_KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

const NUMBER = /(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*|\d(?:_?\d)*\.?)(?:[eE][+-]?\d(?:_?\d)*)?[jJ]?)/y;
const NAME = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_]*/uy;
const STRING_START = /[rRbBuUfF]{0,2}(?='|")/y;
const OPS = ['**', '...', '(', ')', '[', ']', '{', '}', ',', ':', '|', '.', '=', '-', '+', '*'];

/** Parse the `patterns` of one case clause found at [from, to) of env.text. */
export function parseCasePatterns(env: PatternEnv, from: number, to: number): Pattern {
  const p = new PatternParser(env, tokenize(env, from, to));
  return p.casePatterns();
}

/**
 * A case clause without its colon, up to the end of its line: the error of the first
 * invalid token, else (invalid_case_block) "expected ':'" after the last one.
 */
export function missingCaseColon(env: PatternEnv, from: number, lineEnd: number): never {
  const toks = tokenize(env, from, lineEnd);
  const guard = toks.findIndex((t) => t.kind === 'name' && t.text === 'if');
  const patternToks = guard >= 0 ? [...toks.slice(0, guard), { ...toks[toks.length - 1]!, from: toks[guard]!.from }] : toks;
  new PatternParser(env, patternToks).casePatterns();
  let end = lineEnd;
  while (end > from && /\s/.test(env.text[end - 1]!)) end--;
  return env.error(end, end, "expected ':'");
}

function tokenize(env: PatternEnv, from: number, to: number): Tok[] {
  const text = env.text;
  const out: Tok[] = [];
  let i = from;
  while (i < to) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\f' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < to && text[i] !== '\n') i++;
      continue;
    }
    STRING_START.lastIndex = i;
    const prefix = STRING_START.exec(text);
    if (prefix) {
      const end = skipString(text, i + prefix[0].length);
      out.push({ kind: 'string', text: text.slice(i, end), from: i, to: end });
      i = end;
      continue;
    }
    NUMBER.lastIndex = i;
    const num = /[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? '')) ? NUMBER.exec(text) : null;
    if (num) {
      out.push({ kind: 'number', text: num[0], from: i, to: i + num[0].length });
      i += num[0].length;
      continue;
    }
    NAME.lastIndex = i;
    const name = NAME.exec(text);
    if (name) {
      out.push({ kind: 'name', text: name[0], from: i, to: i + name[0].length });
      i += name[0].length;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i)) ?? c;
    out.push({ kind: 'op', text: op, from: i, to: i + op.length });
    i += op.length;
  }
  // The token after the patterns (`if` or `:`), for errors reported at the end.
  const next = /^(if\b|:)/.exec(text.slice(to, to + 3));
  out.push({ kind: 'end', text: next ? next[0] : '', from: to, to: to + (next ? next[0].length : 1) });
  return out;
}

function skipString(text: string, quoteAt: number): number {
  const q = text[quoteAt]!;
  const triple = text.startsWith(q.repeat(3), quoteAt);
  const close = triple ? q.repeat(3) : q;
  let i = quoteAt + close.length;
  while (i < text.length) {
    if (text[i] === '\\') {
      i += 2;
      continue;
    }
    if (text.startsWith(close, i)) return i + close.length;
    if (!triple && text[i] === '\n') return i;
    i++;
  }
  return text.length;
}

class PatternParser {
  private i = 0;
  /** End offset of the last consumed token: nodes end there (CPython's EXTRA). */
  private lastEnd = 0;

  constructor(
    private readonly env: PatternEnv,
    private readonly toks: Tok[],
  ) {}

  // ------------------------------------------------------------ tokens

  private peek(k = 0): Tok {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)]!;
  }
  private next(): Tok {
    const t = this.peek();
    if (t.kind !== 'end') this.i++;
    this.lastEnd = t.to;
    return t;
  }
  private isOp(text: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'op' && t.text === text;
  }
  private isName(k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'name' && !HARD_KEYWORDS.has(t.text);
  }
  private isKeyword(text: string): boolean {
    const t = this.peek();
    return t.kind === 'name' && t.text === text;
  }
  private fail(t: Tok = this.peek(), message = 'invalid syntax'): never {
    return this.env.error(t.from, t.to, message);
  }
  private expectOp(text: string): Tok {
    if (!this.isOp(text)) this.fail();
    return this.next();
  }
  private pos(from: number): Position {
    return this.env.pos(from, this.lastEnd);
  }

  // ------------------------------------------------------------ rules

  /** patterns: open_sequence_pattern | pattern */
  casePatterns(): Pattern {
    const start = this.peek().from;
    const first = this.maybeStarPattern();
    let result = first;
    if (this.isOp(',')) {
      const items = [first];
      while (this.isOp(',')) {
        this.next();
        if (this.peek().kind === 'end') break;
        items.push(this.maybeStarPattern());
      }
      result = { kind: 'MatchSequence', ...this.pos(start), patterns: items };
    } else if (first.kind === 'MatchStar') {
      this.fail();
    }
    if (this.peek().kind !== 'end') this.fail();
    return result;
  }

  /** maybe_star_pattern: star_pattern | pattern */
  private maybeStarPattern(): Pattern {
    if (!this.isOp('*')) return this.pattern();
    const star = this.next();
    const t = this.peek();
    if (t.kind !== 'name' || HARD_KEYWORDS.has(t.text)) this.fail();
    this.next();
    if (t.text !== '_' && (this.isOp('.') || this.isOp('(') || this.isOp('='))) this.fail();
    return { kind: 'MatchStar', ...this.pos(star.from), name: t.text === '_' ? null : this.env.identifier(t.text) };
  }

  /** pattern: as_pattern | or_pattern */
  private pattern(): Pattern {
    const start = this.peek().from;
    const or = this.orPattern();
    if (!this.isKeyword('as')) return or;
    this.next();
    const t = this.peek();
    if (t.kind === 'name' && t.text === '_') this.fail(t, "cannot use '_' as a target");
    if (this.isName()) {
      this.next();
      if (this.isOp('.') || this.isOp('(') || this.isOp('=')) this.fail();
      return { kind: 'MatchAs', ...this.pos(start), pattern: or, name: this.env.identifier(t.text) };
    }
    // invalid_as_pattern: `or_pattern 'as' !NAME expression`
    if (t.kind === 'number' || t.kind === 'string' || (t.kind === 'name' && ['None', 'True', 'False', 'lambda', 'not', 'await'].includes(t.text))) {
      this.fail(t, 'invalid pattern target');
    }
    if (t.kind === 'op' && '([{-+~'.includes(t.text)) {
      const close = '([{'.includes(t.text) ? this.closingOf(this.i) : null;
      this.fail({ ...t, to: close ? close.to : t.to }, 'invalid pattern target');
    }
    return this.fail();
  }

  /** The token closing the bracket at index `at`, if any. */
  private closingOf(at: number): Tok | null {
    let depth = 0;
    for (let k = at; k < this.toks.length; k++) {
      const t = this.toks[k]!;
      if (t.kind !== 'op') continue;
      if ('([{'.includes(t.text)) depth++;
      else if (')]}'.includes(t.text) && --depth === 0) return t;
    }
    return null;
  }

  /** or_pattern: '|'.closed_pattern+ */
  private orPattern(): Pattern {
    const start = this.peek().from;
    const alts = [this.closedPattern()];
    while (this.isOp('|')) {
      this.next();
      alts.push(this.closedPattern());
    }
    return alts.length === 1 ? alts[0]! : { kind: 'MatchOr', ...this.pos(start), patterns: alts };
  }

  private closedPattern(): Pattern {
    const t = this.peek();
    const start = t.from;
    if (t.kind === 'number' || this.isOp('-')) {
      const value = this.numberLiteral();
      return { kind: 'MatchValue', ...this.pos(start), value };
    }
    if (t.kind === 'string') {
      const value = this.strings();
      return { kind: 'MatchValue', ...this.pos(start), value };
    }
    if (t.kind === 'name') {
      if (t.text === 'None' || t.text === 'True' || t.text === 'False') {
        this.next();
        const value = t.text === 'None' ? { type: 'None' as const } : { type: 'bool' as const, value: t.text === 'True' };
        return { kind: 'MatchSingleton', ...this.pos(start), value };
      }
      if (HARD_KEYWORDS.has(t.text)) this.fail();
      if (t.text === '_') {
        // wildcard_pattern wins over value and class patterns (PEG ordered choice)
        this.next();
        return { kind: 'MatchAs', ...this.pos(start), pattern: null, name: null };
      }
      const target = this.nameOrAttr();
      if (this.isOp('(')) return this.classPattern(target, start);
      if (this.isOp('=')) this.fail();
      if (target.kind === 'Attribute') return { kind: 'MatchValue', ...this.pos(start), value: target };
      return { kind: 'MatchAs', ...this.pos(start), pattern: null, name: (target as Expr & { kind: 'Name' }).id };
    }
    if (this.isOp('(')) return this.groupOrSequence();
    if (this.isOp('[')) {
      this.next();
      const patterns = this.isOp(']') ? [] : this.sequenceItems(']');
      this.expectOp(']');
      return { kind: 'MatchSequence', ...this.pos(start), patterns };
    }
    if (this.isOp('{')) return this.mappingPattern();
    return this.fail();
  }

  /** maybe_sequence_pattern: ','.maybe_star_pattern+ ','? (up to `close`) */
  private sequenceItems(close: string): Pattern[] {
    const items = [this.maybeStarPattern()];
    while (this.isOp(',')) {
      this.next();
      if (this.isOp(close)) break;
      items.push(this.maybeStarPattern());
    }
    return items;
  }

  /** group_pattern | '(' open_sequence_pattern? ')' */
  private groupOrSequence(): Pattern {
    const start = this.next().from;
    if (this.isOp(')')) {
      this.next();
      return { kind: 'MatchSequence', ...this.pos(start), patterns: [] };
    }
    const first = this.maybeStarPattern();
    if (!this.isOp(',')) {
      if (first.kind === 'MatchStar') this.fail();
      this.expectOp(')');
      return first;
    }
    const items = [first];
    while (this.isOp(',')) {
      this.next();
      if (this.isOp(')')) break;
      items.push(this.maybeStarPattern());
    }
    this.expectOp(')');
    return { kind: 'MatchSequence', ...this.pos(start), patterns: items };
  }

  /** name_or_attr: NAME ('.' NAME)* as a Name or Attribute load. */
  private nameOrAttr(): Expr {
    const first = this.next();
    let e: Expr = { kind: 'Name', ...this.pos(first.from), id: this.env.identifier(first.text), ctx: 'Load' };
    while (this.isOp('.')) {
      this.next();
      if (!this.isName()) this.fail();
      const attr = this.next();
      e = { kind: 'Attribute', ...this.pos(first.from), value: e, attr: this.env.identifier(attr.text), ctx: 'Load' };
    }
    return e;
  }

  private classPattern(cls: Expr, start: number): Pattern {
    this.expectOp('(');
    const patterns: Pattern[] = [];
    const kwdAttrs: string[] = [];
    const kwdPatterns: Pattern[] = [];
    while (!this.isOp(')')) {
      if (this.isName() && this.isOp('=', 1)) {
        kwdAttrs.push(this.env.identifier(this.next().text));
        this.next();
        kwdPatterns.push(this.pattern());
      } else if (kwdAttrs.length) {
        // invalid_class_pattern: the run of positional patterns after a keyword one
        const from = this.peek().from;
        this.pattern();
        while (this.isOp(',') && !(this.isName(1) && this.isOp('=', 2)) && !this.isOp(')', 1)) {
          this.next();
          this.pattern();
        }
        return this.env.error(from, this.lastEnd, 'positional patterns follow keyword patterns');
      } else {
        patterns.push(this.pattern());
      }
      if (!this.isOp(',')) break;
      this.next();
    }
    this.expectOp(')');
    return { kind: 'MatchClass', ...this.pos(start), cls, patterns, kwdAttrs, kwdPatterns };
  }

  private mappingPattern(): Pattern {
    const start = this.next().from;
    const keys: Expr[] = [];
    const patterns: Pattern[] = [];
    let rest: string | null = null;
    while (!this.isOp('}')) {
      if (this.isOp('**')) {
        this.next();
        const t = this.peek();
        if (!this.isName() || t.text === '_') this.fail();
        this.next();
        if (this.isOp('.') || this.isOp('(') || this.isOp('=')) this.fail();
        rest = this.env.identifier(t.text);
        if (this.isOp(',')) this.next();
        break;
      }
      keys.push(this.mappingKey());
      this.expectOp(':');
      patterns.push(this.pattern());
      if (!this.isOp(',')) break;
      this.next();
    }
    this.expectOp('}');
    return { kind: 'MatchMapping', ...this.pos(start), keys, patterns, rest };
  }

  /** key_value_pattern's key: literal_expr | attr */
  private mappingKey(): Expr {
    const t = this.peek();
    if (t.kind === 'number' || this.isOp('-')) return this.numberLiteral();
    if (t.kind === 'string') return this.strings();
    if (t.kind === 'name' && (t.text === 'None' || t.text === 'True' || t.text === 'False')) {
      this.next();
      const value: ConstantValue = t.text === 'None' ? { type: 'None' } : { type: 'bool', value: t.text === 'True' };
      return { kind: 'Constant', ...this.pos(t.from), value };
    }
    if (!this.isName()) this.fail();
    const e = this.nameOrAttr();
    if (e.kind !== 'Attribute') this.fail();
    return e;
  }

  /** signed_number !('+' | '-') | complex_number */
  private numberLiteral(): Expr {
    const start = this.peek().from;
    const minus = this.isOp('-') ? this.next() : null;
    const num = this.peek();
    if (num.kind !== 'number') this.fail();
    this.next();
    let value: Expr = this.numberConstant(num);
    if (minus) value = { kind: 'UnaryOp', ...this.pos(start), op: 'USub', operand: value };
    if (!this.isOp('+') && !this.isOp('-')) return value;
    if (isImaginary(num.text)) this.fail(num, 'real number required in complex literal');
    const op = this.next().text === '+' ? 'Add' : 'Sub';
    const imag = this.peek();
    if (imag.kind !== 'number') this.fail();
    this.next();
    const right = this.numberConstant(imag);
    if (!isImaginary(imag.text)) this.fail(imag, 'imaginary number required in complex literal');
    return { kind: 'BinOp', ...this.pos(start), left: value, op, right };
  }

  private numberConstant(t: Tok): Expr {
    // `0o7j`: the tokenizer's error about the literal is reported there.
    const after = this.peek();
    if (after.kind === 'name' && after.from === t.to) this.fail(after);
    try {
      return { kind: 'Constant', ...this.env.pos(t.from, t.to), value: decodeNumber(t.text) };
    } catch (e) {
      if (e instanceof LiteralError) this.fail(t, e.message);
      throw e;
    }
  }

  /** strings: STRING+ (implicit concatenation). */
  private strings(): Expr {
    const start = this.peek().from;
    const parts: Tok[] = [];
    while (this.peek().kind === 'string') parts.push(this.next());
    let anyBytes = false;
    let anyStr = false;
    let anyFormat = false;
    let value = '';
    for (const part of parts) {
      let shape;
      try {
        shape = stringTokenShape(part.text);
      } catch {
        return this.fail(part);
      }
      if (shape.bytes) anyBytes = true;
      else anyStr = true;
      if (shape.format) {
        anyFormat = true;
        continue;
      }
      const body = part.text.slice(shape.openLength, part.text.length - shape.quoteLength);
      try {
        value += decodeEscapes(body, shape.bytes, shape.raw);
      } catch (e) {
        if (e instanceof LiteralError) this.fail(part, e.message);
        throw e;
      }
    }
    // The action runs after the parser has read the next token: CPython reports there.
    if (anyBytes && anyStr) this.fail(this.peek(), 'cannot mix bytes and nonbytes literals');
    const p = this.pos(start);
    // An f-string is parsed but refused by the compiler; its parts do not matter.
    if (anyFormat) return { kind: 'JoinedStr', ...p, values: [] };
    if (anyBytes) {
      const bytes = new Uint8Array(value.length);
      for (let k = 0; k < value.length; k++) bytes[k] = value.charCodeAt(k);
      return { kind: 'Constant', ...p, value: { type: 'bytes', value: bytes } };
    }
    return { kind: 'Constant', ...p, value: { type: 'str', value } };
  }
}

function isImaginary(text: string): boolean {
  return /[jJ]$/.test(text);
}
