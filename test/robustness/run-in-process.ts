/** Run a program in this process (as the conformance tests do) and collect what it prints. */
import { runProgram, type RunOptions } from '../../source/runtime/run.js';
import type { Runtime } from '../../source/runtime/runtime.js';

export type Printed = { stdout: string; stderr: string; exitCode: number; runtime: Runtime };

export function runSource(source: string, options: RunOptions = {}, filename = '/scenarios/test.py'): Printed {
  let stdout = '';
  let stderr = '';
  const { exitCode, runtime } = runProgram(filename, source, {
    ...options,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { stdout, stderr, exitCode, runtime };
}
