/**
 * Errors of the host's streams as the program sees them: stdout became a broken pipe
 * (`heapscope run ... | head -1`), so print() raises BrokenPipeError as in CPython.
 */
import { PyRaise } from '../errors.js';
import { E } from '../objects/exceptions.js';
import { newInt } from '../objects/int.js';
import { newStr } from '../objects/str.js';
import { call } from '../protocols/abstract.js';

/** BrokenPipeError(32, 'Broken pipe'): "[Errno 32] Broken pipe". */
export function brokenPipe(): PyRaise {
  return new PyRaise(call(E.BrokenPipeError!, [newInt(32), newStr('Broken pipe')]));
}
