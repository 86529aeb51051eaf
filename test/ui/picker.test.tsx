/** The scenario picker and the scenario headers it shows. */
import { describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { dirname } from 'node:path';
import { Picker } from '../../source/ui/Picker.js';
import { listScenarios, moduleDocstring, scenarioHeader, type Scenario } from '../../source/session/scenarios.js';
import { scenarioPath } from '../session/helpers.js';
import { settled, untilListening } from './ink-helpers.js';

describe('scenario headers', () => {
  it('reads the title from the docstring', () => {
    expect(scenarioHeader('x.py', '"""Title here\n\nMore.\n"""\nx = 1\n')).toEqual({ title: 'Title here', description: 'More.' });
    expect(scenarioHeader('x.py', '# coding: utf-8\n\n\'\'\'One line\'\'\'\n')).toEqual({ title: 'One line', description: '' });
    expect(scenarioHeader('x.py', 'x = """not a docstring"""\n')).toEqual({ title: 'x.py', description: '' });
    expect(moduleDocstring('print(1)\n')).toBeNull();
  });

  it('lists every bundled scenario with a title', () => {
    const all = listScenarios(dirname(scenarioPath('reference_cycle.py')));
    expect(all.map((s) => s.name)).toContain('reference_cycle.py');
    for (const s of all) {
      expect(s.title, s.name).not.toBe(s.name);
      expect(s.description, s.name).toMatch(/^Teaches: /);
    }
  });
});

describe('picker', () => {
  const scenarios: Scenario[] = [
    { name: 'a.py', path: '/a.py', title: 'First one', description: 'Teaches: a' },
    { name: 'b.py', path: '/b.py', title: 'Second one', description: 'Teaches: b' },
  ];

  it('shows titles, moves with the arrows and opens with enter', async () => {
    const picked: string[] = [];
    let quit = 0;
    const app = render(<Picker scenarios={scenarios} width={80} height={23} onPick={(s) => picked.push(s.name)} onQuit={() => quit++} />);
    await untilListening(app.stdin);
    expect(app.lastFrame()).toMatch(/▸ a\.py +First one/);
    expect(app.lastFrame()).toContain('Teaches: a');
    app.stdin.write('\x1b[B');
    await settled();
    expect(app.lastFrame()).toMatch(/▸ b\.py +Second one/);
    expect(app.lastFrame()).toContain('Teaches: b');
    app.stdin.write('\r');
    await settled();
    expect(picked).toEqual(['b.py']);
    app.stdin.write('q');
    await settled();
    expect(quit).toBe(1);
  });
});
