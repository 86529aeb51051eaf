/**
 * Errors found before a program runs: CPython's SyntaxError (printed in its exact form)
 * and constructs that parse but that heapscope cannot run yet.
 */

export class PythonSyntaxError extends Error {
  constructor(
    readonly msg: string,
    readonly filename: string,
    readonly lineno: number,
    /** 1-based column of the caret, in characters; 0 prints no caret line. */
    readonly offset: number,
    readonly lineText: string,
    readonly excType: 'SyntaxError' | 'IndentationError' | 'TabError' = 'SyntaxError',
    /** 1-based column just after the highlighted range (same line), when CPython gives one. */
    readonly endOffset = 0,
  ) {
    super(msg);
  }

  /** The text CPython prints on stderr for an uncaught SyntaxError in the main script. */
  format(): string {
    return `  File "${this.filename}", line ${this.lineno}\n${formatErrorText(this.lineText, this.offset, this.endOffset)}${this.excType}: ${this.msg}\n`;
  }
}

/**
 * The source line and caret line of a SyntaxError report (pythonrun.c print_error_text,
 * 3.11): leading whitespace is stripped and the 1-based offset moves with it; no caret
 * when that leaves it left of the text; the offset is clipped to the line's end.
 */
export function formatErrorText(text: string, offset: number, endOffset: number): string {
  const carets = endOffset > 0 && endOffset > offset ? endOffset - offset : 1;
  let off = offset - 1;
  let i = 0;
  while (text[i] === ' ' || text[i] === '\t' || text[i] === '\f') {
    i++;
    off--;
  }
  let t = text.slice(i);
  let len = t.length;
  if (len > 0 && t[len - 1] === '\n') len--;
  if (off > len) off = len;
  for (;;) {
    const nl = t.indexOf('\n');
    if (nl < 0 || nl >= off) break;
    t = t.slice(nl + 1);
    len -= nl + 1;
    off -= nl + 1;
  }
  const out = `    ${t}${t[len] === '\n' ? '' : '\n'}`;
  if (off < 0) return out;
  return `${out}    ${' '.repeat(off)}${'^'.repeat(carets)}\n`;
}

/** A construct heapscope parses but cannot execute; reported as NotImplementedError. */
export class UnsupportedSyntax extends Error {
  constructor(
    readonly construct: string,
    readonly lineno: number,
  ) {
    super(`heapscope does not support ${construct} yet (line ${lineno})`);
  }
}
