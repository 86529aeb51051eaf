/**
 * The dashboard: status bar, the panels where the layout puts them, key hints, the help
 * overlay. A thin layout: state comes from the session, projections and ui-state; keys
 * are handled by use-dashboard-keys.ts.
 */
import type { ReactNode } from 'react';
import { Box } from 'ink';
import type { SessionControls } from '../session/session.js';
import type { SessionState } from '../session/session-state.js';
import { computeLayout, PANEL_TITLES, type PanelBox } from './layout.js';
import { graphFocus, sourceScrollFor, type UiState } from './ui-state.js';
import { useUiState } from './use-ui-state.js';
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
import { AllocatorPanel } from './AllocatorPanel.js';
import { Unavailable } from './Unavailable.js';
import { graphScreen, selectedObject, type GraphScreen } from './graph-rows.js';
import { useDashboardKeys } from './use-dashboard-keys.js';
import type { LogEntry, ObjectSummary, Projections, Shown } from './views.js';

type Props = {
  readonly state: SessionState;
  readonly controls: SessionControls;
  /** What the cursor shows: position, log lines, projections. */
  readonly shown: Shown;
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
  /** Event shown. */
  readonly event: number;
  /** The object focused or selected in the graph (the Allocator view locates it). */
  readonly selected: ObjectSummary | null;
};

export function App({ state, controls, shown, sourceLines, columns, rows, replay, onQuit }: Props) {
  const { ui, dispatch, current } = useUiState();
  const layout = computeLayout(columns, rows);
  const projections = shown.projections;
  const graphBox = layout.kind === 'dashboard' ? layout.rows.flatMap((r) => r.panels).find((p) => p.id === 'graph') : undefined;
  const graphHeight = graphBox ? innerSize(graphBox.width, graphBox.height).height - 1 : 0;
  const graph = projections.graph ? graphScreen(projections.graph, graphFocus(ui), ui.graphRow, Math.max(1, graphHeight)) : null;
  const data: PanelData = {
    line: shown.line,
    graph,
    entries: shown.entries,
    event: shown.event,
    selected: graph ? selectedObject(graph) : null,
  };
  useDashboardKeys({ ui: current, dispatch, controls, data, projections, graphHeight: Math.max(1, graphHeight), replay, onQuit, run: state.run });

  if (layout.kind === 'too-small') return <TooSmall columns={layout.columns} rows={layout.rows} />;
  const history = state.cursor !== null;
  const event = history ? shown.event : Math.max(shown.end, state.live.event);
  // The program can end while the panels still fold its last events (a run that finishes
  // fast): the bar says it ended only once they show the end.
  const catchingUp = !history && shown.end < state.live.event;
  const status = catchingUp && (state.status === 'finished' || state.status === 'exited') ? 'running' : state.status;
  return (
    <Box flexDirection="column" width={layout.width} height={layout.height}>
      <StatusBar
        file={state.file}
        status={status}
        speed={state.speed}
        event={event}
        events={shown.end}
        history={history}
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
      if (ui.heapMode === 'allocator') {
        return shell(
          'allocator · a: types',
          projections.allocator ? (
            <AllocatorPanel allocator={projections.allocator} selected={data.selected} event={data.event} width={width} height={height} />
          ) : (
            <Unavailable what="allocator" />
          ),
        );
      }
      return shell(
        `sort: ${ui.heapSort} · a: allocator`,
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
