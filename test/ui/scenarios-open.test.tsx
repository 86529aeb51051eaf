/**
 * Every bundled scenario opens in the dashboard from the picker, as a user opens it:
 * the picker lists it by title, enter starts its session paused at its first line, and a
 * few steps run without an error.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Root, type Opened } from '../../source/ui/Root.js';
import { Session } from '../../source/session/session.js';
import { COLOR_THEME } from '../../source/ui/theme.js';
import { listScenarios, type Scenario } from '../../source/session/scenarios.js';
import { scenarioPath, workerUrl } from '../session/helpers.js';
import { settled, untilListening } from './ink-helpers.js';

const scenarios = listScenarios(dirname(scenarioPath('reference_cycle.py')));
const sessions: Session[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.dispose()));
});

/** The first line a scenario runs: the first statement after its docstring. */
function firstLine(source: string): number {
  const lines = source.split('\n');
  const end = lines.findIndex((l, i) => i > 0 && l.includes('"""'));
  return lines.findIndex((l, i) => i > end && l.trim() !== '' && !l.trimStart().startsWith('#')) + 1;
}

const marked = (f: string) => /▶\s*(\d+) /.exec(f)?.[1];

describe('every scenario opens in the dashboard', () => {
  scenarios.forEach((scenario, index) => {
    it(scenario.name, async () => {
      let session: Session | null = null;
      const source = readFileSync(scenario.path, 'utf8');
      const open = (s: Scenario): Opened => {
        session = new Session({ file: s.name, filename: s.path, source: readFileSync(s.path, 'utf8'), workerUrl, startPaused: true });
        sessions.push(session);
        return { session, sourceLines: source.split('\n'), replay: false };
      };
      const app = render(<Root theme={COLOR_THEME} opened={null} scenarios={scenarios} open={open} onQuit={() => undefined} />);
      const frame = () => app.lastFrame() ?? '';
      const until = async (test: (f: string) => boolean, what: string) => {
        for (let i = 0; i < 1000; i++) {
          if (test(frame())) return frame();
          await new Promise((r) => setTimeout(r, 10));
        }
        throw new Error(`${scenario.name}: no frame with ${what}:\n${frame()}`);
      };
      await untilListening(app.stdin);
      for (let i = 0; i < index; i++) {
        app.stdin.write('\x1b[B');
        await settled();
      }
      expect(frame()).toContain(`▸ ${scenario.name}`);
      app.stdin.write('\r');
      const first = String(firstLine(source));
      const opened = await until((f) => f.includes('‖ paused') && marked(f) === first, `the first line (${first})`);
      expect(opened).toContain(scenario.name);
      for (let step = 0; step < 3; step++) {
        const at = session!.state.live.event;
        app.stdin.write('n');
        await session!.waitFor((s) => s.status !== 'running' && s.status !== 'starting' && s.live.event !== at);
      }
      expect(session!.state.error).toBeNull();
      expect(['paused', 'finished']).toContain(session!.state.status);
      app.unmount();
    });
  });
});
