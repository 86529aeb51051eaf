/** Text helpers shared by builtins: ascii(). */
import type { PyObject } from '../objects/object.js';
import { repr } from '../protocols/abstract.js';

/** ascii(o): repr with non-ASCII characters escaped. */
export function asciiOf(o: PyObject): string {
  let out = '';
  for (const ch of repr(o)) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out += ch;
    else if (c <= 0xff) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c <= 0xffff) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += '\\U' + c.toString(16).padStart(8, '0');
  }
  return out;
}
