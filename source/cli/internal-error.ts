/**
 * A heapscope bug reaching the top: one line on stderr and exit code 70 (EX_SOFTWARE),
 * never a JavaScript stack trace unless HEAPSCOPE_DEBUG asks for it.
 */
export const EXIT_INTERNAL = 70;

export function internalErrorText(e: unknown): string {
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const line = what.split('\n')[0]!.trim();
  if (process.env.HEAPSCOPE_DEBUG && e instanceof Error && e.stack) {
    return `heapscope: internal error: ${line} (please report)\n${e.stack}\n`;
  }
  return `heapscope: internal error: ${line} (please report; rerun with HEAPSCOPE_DEBUG=1 for the stack)\n`;
}

/**
 * A fault on purpose, for the tests of this path (HEAPSCOPE_TEST_FAULT=where): heapscope
 * has no known internal error to trigger them with.
 */
export function injectedFault(where: string): void {
  if (process.env.HEAPSCOPE_TEST_FAULT === where) {
    const missing: { run?: () => void } = {};
    missing.run!(); // a genuine TypeError, as a bug would throw
  }
}
