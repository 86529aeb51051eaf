/** Helpers for driving Ink apps in ink-testing-library. */
import type { EventEmitter } from 'node:events';

/**
 * Resolves once the app listens for keys: useInput subscribes in an effect after the
 * first render, and a key written before that is lost.
 */
export async function untilListening(stdin: EventEmitter): Promise<void> {
  for (let i = 0; i < 500 && stdin.listenerCount('readable') === 0; i++) await new Promise((r) => setTimeout(r, 10));
  if (stdin.listenerCount('readable') === 0) throw new Error('the app never listened for keys');
}

/**
 * Resolves after React has drawn what a key press changed. Ink hands the update to
 * React's scheduler, which runs it in a setImmediate: waiting a fixed time instead can
 * expire first on a busy machine (timers run before immediates in Node's event loop).
 */
export async function settled(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
}
