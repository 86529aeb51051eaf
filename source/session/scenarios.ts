/**
 * The bundled scenarios (scenarios/*.py) and their headers: a module docstring whose
 * first line is the title, then what the scenario teaches and what to watch.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Scenario = {
  /** File name, e.g. reference_cycle.py. */
  readonly name: string;
  readonly path: string;
  /** The docstring's first line, or the file name without a docstring. */
  readonly title: string;
  /** The rest of the docstring. */
  readonly description: string;
};

/** The module docstring of Python source, or null. */
export function moduleDocstring(source: string): string | null {
  const m = /^(?:\s*#[^\n]*\n|\s*\n)*\s*[rRuU]?("""|''')([\s\S]*?)\1/.exec(source);
  return m ? m[2]! : null;
}

export function scenarioHeader(name: string, source: string): { title: string; description: string } {
  const doc = moduleDocstring(source);
  if (doc === null) return { title: name, description: '' };
  const lines = doc.replace(/\r\n?/g, '\n').trim().split('\n');
  return { title: lines[0]!.trim() || name, description: lines.slice(1).join('\n').trim() };
}

/** Every .py file of `dir`, by name. */
export function listScenarios(dir: string): Scenario[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.py')).sort();
  } catch {
    return [];
  }
  return names.map((name) => {
    const path = join(dir, name);
    let source = '';
    try {
      source = readFileSync(path, 'utf8');
    } catch {
      // Listed but unreadable: shown by name; opening it reports the error.
    }
    return { name, path, ...scenarioHeader(name, source) };
  });
}
