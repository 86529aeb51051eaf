/**
 * Lines of a scenario's output that show process memory (figures in MiB): memory_profiler's
 * tables and the scenarios' own memory_usage() prints. python3 measures its real process,
 * heapscope its model, so these lines are compared by shape and by figures with a margin.
 */

export type MemoryLine = {
  /** The line as printed. */
  readonly line: string;
  /** The line with its MiB figures replaced by '#' and runs of spaces collapsed. */
  readonly shape: string;
  /**
   * The figures to compare: in a memory_profiler table, memory above the table's first row
   * and the increment (the first row itself is the interpreter's size, which depends on the
   * build); elsewhere every figure.
   */
  readonly compared: readonly number[];
};

const FIGURE = /-?\d+(?:\.\d+)? MiB/g;

/** The output with memory lines replaced by a placeholder, and those lines. */
export function splitMemoryLines(out: string): { text: string; figures: MemoryLine[] } {
  const text: string[] = [];
  const figures: MemoryLine[] = [];
  let inTable = false;
  let base: number | null = null;
  for (const line of out.split('\n')) {
    if (line.startsWith('=====')) {
      inTable = true;
      base = null;
    } else if (line === '') {
      inTable = false;
    }
    const found = line.match(FIGURE);
    if (!found) {
      text.push(line);
      continue;
    }
    const numbers = found.map((f) => Number(f.slice(0, -4)));
    let compared: number[] = numbers;
    if (inTable) {
      const [mem, inc] = numbers as [number, number];
      if (base === null) {
        base = mem;
        compared = [];
      } else {
        compared = [mem - base, inc];
      }
    }
    text.push('<memory figures>');
    figures.push({ line, shape: line.replace(FIGURE, '# MiB').replace(/ +/g, ' '), compared });
  }
  return { text: text.join('\n'), figures };
}

/** The increments of memory_profiler table rows by line number (rows with figures only). */
export function memoryFigures(out: string): Map<number, number> {
  const increments = new Map<number, number>();
  for (const line of out.split('\n')) {
    const found = line.match(FIGURE);
    if (!found || found.length < 2 || !/^ *\d+ /.test(line)) continue;
    increments.set(Number(line.slice(0, 6)), Number(found[1]!.slice(0, -4)));
  }
  return increments;
}
