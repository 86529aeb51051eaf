/**
 * Errors found before a program runs: CPython's SyntaxError (printed in its exact form)
 * and constructs that parse but that heapscope cannot run yet.
 */

export class PythonSyntaxError extends Error {
  constructor(
    readonly msg: string,
    readonly filename: string,
    readonly lineno: number,
    /** 1-based column of the caret, in characters. */
    readonly offset: number,
    readonly lineText: string,
    readonly excType: 'SyntaxError' | 'IndentationError' | 'TabError' = 'SyntaxError',
  ) {
    super(msg);
  }

  /** The text CPython prints on stderr for an uncaught SyntaxError in the main script. */
  format(): string {
    const stripped = this.lineText.replace(/^[ \t\f]+/, '');
    const removed = this.lineText.length - stripped.length;
    const caretCol = Math.max(0, Math.min(this.offset - 1 - removed, stripped.trimEnd().length));
    return (
      `  File "${this.filename}", line ${this.lineno}\n` +
      `    ${stripped.trimEnd()}\n` +
      `    ${' '.repeat(caretCol)}^\n` +
      `${this.excType}: ${this.msg}\n`
    );
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
