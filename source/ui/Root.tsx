/**
 * The top of the component tree: the scenario picker (no file given) or the live
 * dashboard of a session, in the theme the environment asks for.
 */
import { useState } from 'react';
import { App } from './App.js';
import { Picker } from './Picker.js';
import { ThemeContext, type Theme } from './theme.js';
import { useSession } from './use-session.js';
import { useShown } from './use-shown.js';
import { useTerminalSize } from './use-terminal-size.js';
import type { DashboardSource } from '../session/session.js';
import type { Scenario } from '../session/scenarios.js';

/** A session (live or a replay) and the program's source. */
export type Opened = { readonly session: DashboardSource; readonly sourceLines: readonly string[]; readonly replay: boolean };

type Props = {
  readonly theme: Theme;
  /** The session to show at once, or null to pick a scenario first. */
  readonly opened: Opened | null;
  readonly scenarios: readonly Scenario[];
  /** Start a session for a picked scenario (null: it could not be read). */
  readonly open: (scenario: Scenario) => Opened | null;
  readonly onQuit: () => void;
};

export function Root({ theme, opened, scenarios, open, onQuit }: Props) {
  const [current, setCurrent] = useState<Opened | null>(opened);
  const size = useTerminalSize();
  return (
    <ThemeContext.Provider value={theme}>
      {current ? (
        <LiveDashboard opened={current} columns={size.columns} rows={size.rows} onQuit={onQuit} />
      ) : (
        <Picker
          scenarios={scenarios}
          width={size.columns}
          height={size.rows - 1}
          onPick={(s) => setCurrent(open(s))}
          onQuit={onQuit}
        />
      )}
    </ThemeContext.Provider>
  );
}

type LiveProps = { readonly opened: Opened; readonly columns: number; readonly rows: number; readonly onQuit: () => void };

function LiveDashboard({ opened, columns, rows, onQuit }: LiveProps) {
  const state = useSession(opened.session);
  const shown = useShown(opened.session, state, opened.sourceLines);
  return (
    <App
      state={state}
      controls={opened.session}
      shown={shown}
      sourceLines={opened.sourceLines}
      columns={columns}
      rows={rows}
      replay={opened.replay}
      onQuit={onQuit}
    />
  );
}
