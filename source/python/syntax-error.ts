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
    const stripped = this.lineText.replace(/^[ \t\f]+/, '');
    const removed = this.lineText.length - stripped.length;
    let out = `  File "${this.filename}", line ${this.lineno}\n    ${stripped.trimEnd()}\n`;
    if (this.offset > 0) {
      const caretCol = Math.max(0, this.offset - 1 - removed);
      const width = this.endOffset > this.offset ? this.endOffset - this.offset : 1;
      out += `    ${' '.repeat(caretCol)}${'^'.repeat(width)}\n`;
    }
    return out + `${this.excType}: ${this.msg}\n`;
  }
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
