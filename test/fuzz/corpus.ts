/** Files whose mutations the fuzzers run: the shipped scenarios and the conformance programs. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export function corpus(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const dir of ['scenarios', 'test/conformance/programs']) {
    for (const f of readdirSync(join(root, dir)).filter((n) => n.endsWith('.py')).sort()) {
      out.push({ name: `${dir}/${f}`, text: readFileSync(join(root, dir, f), 'utf8') });
    }
  }
  return out;
}
