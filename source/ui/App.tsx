/**
 * The dashboard: status bar, the panels where the layout puts them, key hints, the help
 * overlay. A thin layout: state comes from the session, projections and ui-state; keys
 * are handled by use-dashboard-keys.ts.
 */
import { useReducer, type ReactNode } from 'react';
import { Box } from 'ink';
import type { SessionControls } from '../session/session.js';
import { viewedPosition, type SessionState } from '../session/session-state.js';
import { computeLayout, PANEL_TITLES, type PanelBox } from './layout.js';
import { initialUiState, uiReducer, graphFocus, sourceScrollFor, type UiState } from './ui-state.js';
import { Panel, innerSize } from './Panel.js';
import { StatusBar } from './StatusBar.js';
import { KeyHints } from './KeyHints.js';
import { HelpOverlay } from './HelpOverlay.js';
import { TooSmall } from './TooSmall.js';
import { SourcePanel } from './SourcePanel.js';
import { OutputPanel } from './OutputPanel.js';
import { HeapPanel } from './HeapPanel.js';
import { GraphPanel } from './GraphPanel.js';
import { GenerationsPanel } from './GenerationsPanel.js';
import { ProfilerPanel } from './ProfilerPanel.js';
import { Unavailable } from './Unavailable.js';
import { graphScreen, type GraphScreen } from './graph-rows.js';
import { logEntries } from './log-entries.js';
import { useDashboardKeys } from './use-dashboard-keys.js';
import type { LogEntry, Projections } from './views.js';

type Props = {
  readonly state: SessionState;
  readonly controls: SessionControls;
  /** The projections at the event being shown. */
  readonly projections: Projections;
  /** The scenario's source lines. */
  readonly sourceLines: readonly string[];
  /** Terminal size. */
  readonly columns: number;
  readonly rows: number;
  /** Replaying a recording (read-only). */
  readonly replay: boolean;
  readonly onQuit: () => void;
};

/** What the panels show, derived once per frame for both drawing and keys. */
export type PanelData = {
  readonly line: number;
  readonly graph: GraphScreen | null;
  readonly entries: readonly LogEntry[];
};

export function App({ state, controls, projections, sourceLines, columns, rows, replay, onQuit }: Props) {
  const [ui, dispatch] = useReducer(uiReducer, initialUiState);
  const layout = computeLayout(columns, rows);
  const position = viewedPosition(state);
  const graphBox = layout.kind === 'dashboard' ? layout.rows.flatMap((r) => r.panels).find((p) => p.id === 'graph') : undefined;
  const graphHeight = graphBox ? innerSize(graphBox.width, graphBox.height).height - 1 : 0;
  const data: PanelData = {
    line: position.line,
    graph: projections.graph ? graphScreen(projections.graph, graphFocus(ui), ui.graphRow, Math.max(1, graphHeight)) : null,
    entries: logEntries(state, state.cursor),
  };
  useDashboardKeys({ ui, dispatch, controls, data, projections, replay, onQuit, run: state.run });

  if (layout.kind === 'too-small') return <TooSmall columns={layout.columns} rows={layout.rows} />;
  const event = state.cursor ?? state.live.event;
  return (
    <Box flexDirection="column" width={layout.width} height={layout.height}>
      <StatusBar
        file={state.file}
        status={state.status}
        speed={state.speed}
        event={event}
        events={state.live.event}
        history={state.cursor !== null}
        replay={replay}
        width={layout.width}
      />
      {ui.help ? (
        <HelpOverlay width={layout.width} height={layout.height - 2} replay={replay} />
      ) : (
        layout.rows.map((row, i) => (
          <Box key={i} flexDirection="row" height={row.height}>
            {row.panels.map((box) => (
              <PanelFor key={box.id} box={box} ui={ui} data={data} projections={projections} sourceLines={sourceLines} />
            ))}
          </Box>
        ))
      )}
      <KeyHints width={layout.width} replay={replay} />
    </Box>
  );
}

type PanelProps = {
  readonly box: PanelBox;
  readonly ui: UiState;
  readonly data: PanelData;
  readonly projections: Projections;
  readonly sourceLines: readonly string[];
};

function PanelFor({ box, ui, data, projections, sourceLines }: PanelProps) {
  const { width, height } = innerSize(box.width, box.height);
  const focused = ui.focus === box.id;
  const shell = (info: string | undefined, body: ReactNode) => (
    <Panel title={PANEL_TITLES[box.id]} info={info} width={box.width} height={box.height} focused={focused}>
      {body}
    </Panel>
  );
  switch (box.id) {
    case 'source':
      return shell(
        data.line > 0 ? `line ${data.line}` : undefined,
        <SourcePanel lines={sourceLines} current={data.line} width={width} height={height} scroll={sourceScrollFor(ui, data.line)} />,
      );
    case 'output':
      return shell(undefined, <OutputPanel entries={data.entries} width={width} height={height} scroll={ui.outputScroll} />);
    case 'heap':
      return shell(
        `sort: ${ui.heapSort}`,
        projections.heap ? (
          <HeapPanel heap={projections.heap} sort={ui.heapSort} selected={ui.heapRow} width={width} height={height} />
        ) : (
          <Unavailable what="heap" />
        ),
      );
    case 'graph':
      return shell(
        ui.graphPath.length > 0 ? `⌫ back (${ui.graphPath.length})` : undefined,
        data.graph ? <GraphPanel screen={data.graph} width={width} /> : <Unavailable what="object graph" />,
      );
    case 'generations':
      return shell(
        undefined,
        projections.generations ? <GenerationsPanel generations={projections.generations} width={width} /> : <Unavailable what="generations" />,
      );
    case 'profiler':
      return shell(
        undefined,
        projections.profiler ? (
          <ProfilerPanel profiler={projections.profiler} width={width} height={height} scroll={ui.profilerScroll} />
        ) : (
          <Unavailable what="profiler" />
        ),
      );
  }
}
