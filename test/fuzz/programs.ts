/**
 * Generated Python programs from the subset heapscope models: assignments, lists, dicts,
 * tuples, instances of classes with and without __del__, reference cycles, del, function
 * calls, generators, try/except, gc.collect() and sys.getrefcount(), printed so that
 * python3 and heapscope can be compared line by line. Programs terminate (loops are
 * bounded, nothing recurses) and their output is deterministic once addresses are masked.
 */
import fc from 'fast-check';

const VARS = ['a', 'b', 'c', 'd', 'e'];

/** Classes and functions every program starts with. */
export const PRELUDE = `import gc, sys
class Node:
    def __init__(self, tag):
        self.tag = tag
        self.ref = None
    def __repr__(self):
        return 'Node(%s)' % (self.tag,)
    def __del__(self):
        print('del', self.tag)
class Plain:
    def __init__(self, tag):
        self.tag = tag
        self.items = []
    def __repr__(self):
        return 'Plain(%s)' % (self.tag,)
def pair(x):
    return [x, x]
def gen(n):
    for i in range(n):
        yield [i]
def safe_add(x, y):
    try:
        return x + y
    except TypeError as err:
        return str(err)
    finally:
        pass
`;

const name = fc.constantFrom(...VARS);
const tag = fc.integer({ min: 0, max: 99 }).map((n) => `'t${n}'`);

const atom = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -300, max: 300 }).map(String) },
  { weight: 2, arbitrary: fc.constantFrom("'x'", "'spam'", "''", 'None', 'True', '2.5', '(1, 2)', '()', '[]', '{}', "b'ab'") },
  { weight: 4, arbitrary: name },
);

const { expr } = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: atom },
    { weight: 2, arbitrary: fc.array(tie('expr'), { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`) },
    { weight: 1, arbitrary: fc.array(tie('expr'), { maxLength: 3 }).map((xs) => `(${xs.join(', ')}${xs.length === 1 ? ',' : ''})`) },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 9 }).map(String), fc.constantFrom("'k'", "'v'", 'None')), tie('expr')), { maxLength: 3 })
        .map((kv) => `{${kv.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
    },
    { weight: 2, arbitrary: fc.tuple(tie('expr'), fc.constantFrom('+', '*', '-', '==', 'is', 'in'), tie('expr')).map(([l, op, r]) => `${l} ${op} ${r}`) },
    { weight: 2, arbitrary: tag.map((t) => `Node(${t})`) },
    { weight: 1, arbitrary: tag.map((t) => `Plain(${t})`) },
    { weight: 1, arbitrary: tie('expr').map((x) => `pair(${x})`) },
    { weight: 1, arbitrary: fc.tuple(tie('expr'), tie('expr')).map(([x, y]) => `safe_add(${x}, ${y})`) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 4 }).map((n) => `list(gen(${n}))`) },
    { weight: 1, arbitrary: tie('expr').map((x) => `[${x} for _ in range(2)]`) },
    { weight: 1, arbitrary: tie('expr').map((x) => `len(${x})`) },
    { weight: 1, arbitrary: fc.constantFrom('gen(3)', 'iter([1, 2])') },
  ),
}));

/** One simple statement (no block). */
const simple = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(name, expr).map(([v, e]) => `${v} = ${e}`) },
  { weight: 2, arbitrary: name.map((v) => `del ${v}`) },
  { weight: 2, arbitrary: fc.tuple(name, expr).map(([v, e]) => `${v}.append(${e})`) },
  { weight: 2, arbitrary: fc.tuple(name, name).map(([x, y]) => `${x}.ref = ${y}`) },
  { weight: 1, arbitrary: name.map((v) => `${v}.append(${v})`) },
  { weight: 1, arbitrary: fc.tuple(name, name).map(([x, y]) => `${x}.items.append(${y})`) },
  { weight: 3, arbitrary: expr.map((e) => `print(${e})`) },
  // Only objects the program made: the counts of None, small ints and interned strings
  // depend on everything CPython's start-up did.
  { weight: 2, arbitrary: name.map((v) => `print(sys.getrefcount(${v}) if type(${v}) in (list, dict, Node, Plain) else type(${v}).__name__)`) },
  { weight: 1, arbitrary: name.map((v) => `print(sys.getsizeof(${v}))`) },
  { weight: 2, arbitrary: fc.constant("print('gc', gc.collect())") },
  { weight: 1, arbitrary: name.map((v) => `print(next(${v}))`) },
  { weight: 1, arbitrary: fc.tuple(name, expr).map(([v, e]) => `${v}[0] = ${e}`) },
);

function indent(lines: string[], by = '    '): string[] {
  return lines.map((l) => by + l);
}

/** A statement, possibly a bounded loop, a try/except or an if around simple ones. */
const statement: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 6, arbitrary: simple.map((s) => [s]) },
  {
    weight: 3,
    arbitrary: fc.array(simple, { minLength: 1, maxLength: 3 }).map((body) => [
      'try:',
      ...indent(body),
      'except Exception as exc:',
      "    print('error', type(exc).__name__, exc)",
    ]),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.array(simple, { minLength: 1, maxLength: 2 })).map(([n, body]) => [
      `for i in range(${n}):`,
      '    try:',
      ...indent(body, '        '),
      '    except Exception as exc:',
      "        print('error', type(exc).__name__)",
    ]),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(name, fc.array(simple, { minLength: 1, maxLength: 2 })).map(([v, body]) => [
      `def local_${v}():`,
      `    ${v} = Node('local')`,
      ...indent(body.map((s) => s.replace(/^print\(next\(\w\)\)$/, 'pass'))),
      `    return ${v}`,
      'try:',
      `    ${v} = local_${v}()`,
      'except Exception as exc:',
      "    print('error', type(exc).__name__)",
    ]),
  },
);

/** A whole program: the prelude, initialised names, statements, a final report. */
export const program: fc.Arbitrary<string> = fc.array(statement, { minLength: 1, maxLength: 14 }).map((stmts) =>
  // The names are released in a known order before exit: CPython's order of __del__ at
  // interpreter exit is not modelled exactly yet (see the robustness report).
  [PRELUDE, `${VARS.join(' = ')} = None`, ...stmts.flat(), `${VARS.join(' = ')} = None`, "print('end', gc.collect())", ''].join('\n'),
);

/** Addresses differ between processes: mask them on both sides. */
export function maskAddresses(text: string): string {
  return text.replace(/0x[0-9a-f]+/g, '0x?');
}

/**
 * A mutation of a source text: `edits` random deletions and insertions of characters
 * (no digits are inserted, so that no mutation asks for a huge number).
 */
export const INSERTABLE = [...' \n\t:()[]{},.=+-*/%<>!#\'"\\@abcdefxyzdefreturnifelsewhileforinlambdayield'];

export function mutate(text: string, edits: { at: number; insert: number | null }[]): string {
  let s = text;
  for (const { at, insert } of edits) {
    const i = s.length ? at % (s.length + 1) : 0;
    if (insert === null) s = s.slice(0, i) + s.slice(i + 1);
    else s = s.slice(0, i) + INSERTABLE[insert % INSERTABLE.length] + s.slice(i);
  }
  return s;
}

export const edits = fc.array(fc.record({ at: fc.nat(), insert: fc.option(fc.nat(), { nil: null }) }), { minLength: 1, maxLength: 6 });
