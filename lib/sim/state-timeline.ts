/**
 * The protocol-state timeline: one row per node, a coloured segment per stretch of time in one
 * state (follower / candidate / leader, a view, any string), annotated with the term or view,
 * crashed stretches in grey. Segments, not points, so a whole 10 s run of 5 nodes stays
 * readable. `recordStates` collects the state changes during a run, as a checker.
 */
import type { Figure, Trace } from '../plot/index';
import { COLORWAY } from '../plot/index';
import type { ClusterView } from './checkers';
import type { TraceEvent } from './trace';
import type { NodeId } from './types';

/** The state a crashed node is shown in. */
export const CRASHED_STATE = 'caído';

/**
 * Spanish names of the common role identifiers (`node.role` stays English in code; tables,
 * legends and timelines students read use these).
 */
export const ROLE_NAMES: Readonly<Record<string, string>> = {
  follower: 'seguidor',
  candidate: 'candidato',
  leader: 'líder',
  waitingCoordinator: 'esperando al coordinador',
};

/** A role identifier in Spanish (`'leader'` → `'líder'`); a role not in {@link ROLE_NAMES} comes back as it is. */
export function roleName(role: string): string {
  return ROLE_NAMES[role] ?? role;
}

/** A node entered `state` at `timeMs` (with an optional short annotation, e.g. `t=3`). */
export interface StateRecord {
  readonly timeMs: number;
  readonly node: NodeId;
  readonly state: string;
  readonly annotation?: string;
}

/** What `recordStates`' function says about a node: a state, or a state and an annotation. */
export type StateDescription = string | { readonly state: string; readonly annotation?: string };

/**
 * A checker that never fails and records every change of state: pass it in `checkers`, then
 * draw `recorder.records` (or the recorder itself) with {@link stateTimeline}.
 */
export interface StateRecorder<N> {
  (cluster: ClusterView<N>): void;
  /** The changes so far, in time order. */
  readonly records: readonly StateRecord[];
  /** Simulated time of the last event seen (the end of the last segments). */
  readonly endMs: number;
}

/**
 * Builds a {@link StateRecorder}: after every event it describes each live node with
 * `describe` and each crashed node as {@link CRASHED_STATE}, and keeps only the changes.
 * Use one recorder per run.
 *
 * @example
 * const states = recordStates<RaftNode>((node) => ({ state: node.role, annotation: `t=${node.currentTerm}` }));
 * const sim = new Simulation({ seed: 1, nodeIds, createNode, checkers: [states] });
 * sim.runFor(10_000);
 * show(stateTimeline(states, { title: 'Roles durante la ejecución' }));
 */
export function recordStates<N>(describe: (node: N, id: NodeId) => StateDescription): StateRecorder<N> {
  const records: StateRecord[] = [];
  const last = new Map<NodeId, string>();
  let endMs = 0;
  const note = (timeMs: number, node: NodeId, description: StateDescription): void => {
    const state = typeof description === 'string' ? description : description.state;
    const annotation = typeof description === 'string' ? undefined : description.annotation;
    if (typeof state !== 'string') throw new TypeError(`recordStates: the state of ${node} must be a string, got ${JSON.stringify(state)}`);
    const key = annotation === undefined ? state : `${state}\u0000${annotation}`;
    if (last.get(node) === key) return;
    last.set(node, key);
    records.push(annotation === undefined ? { timeMs, node, state } : { timeMs, node, state, annotation: String(annotation) });
  };
  const recorder = function recordStates(cluster: ClusterView<N>): void {
    endMs = cluster.nowMs;
    for (const [id, node] of cluster.nodes) note(cluster.nowMs, id, describe(node, id));
    for (const id of cluster.crashed) note(cluster.nowMs, id, CRASHED_STATE);
  };
  Object.defineProperty(recorder, 'records', { get: () => records });
  Object.defineProperty(recorder, 'endMs', { get: () => endMs });
  return recorder as StateRecorder<N>;
}

/** Options of {@link stateTimeline}. */
export interface StateTimelineOptions {
  /** Rows top to bottom (default: in order of first appearance in the records). */
  readonly nodeIds?: readonly NodeId[];
  /** Start of the drawn time range (default: the first record). */
  readonly startMs?: number;
  /** End of the last segments (default: the recorder's `endMs`, or the last record). */
  readonly endMs?: number;
  /** Figure title (Spanish). */
  readonly title?: string;
  /** Colour per state; others get the course's colours in order of first appearance. */
  readonly colors?: Readonly<Record<string, string>>;
  /** A trace of the run: its partitions and heals are drawn as dashed vertical lines. */
  readonly trace?: readonly TraceEvent<unknown>[];
}

/** Colours of common role names, so Raft-like runs look the same in every chapter. */
const ROLE_COLORS: ReadonlyMap<string, string> = new Map([
  ['follower', '#56B4E9'], ['seguidor', '#56B4E9'],
  ['candidate', '#E69F00'], ['candidato', '#E69F00'],
  ['leader', '#009E73'], ['líder', '#009E73'],
  [CRASHED_STATE, '#c8c8c8'],
]);

interface Segment {
  readonly node: NodeId;
  readonly state: string;
  readonly annotation: string;
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * The protocol-state timeline of a run: one row per node, one horizontal bar per stretch in a
 * state, coloured by state (legend), labelled inside with its annotation where it fits (labels
 * that would not fit are hidden, not shrunk; every bar has a hover text), crashed stretches
 * grey and hatched.
 *
 * @example
 * show(stateTimeline([{ timeMs: 0, node: 'n1', state: 'follower', annotation: 't=0' },
 *   { timeMs: 180, node: 'n1', state: 'leader', annotation: 't=1' }], { endMs: 1_000 }));
 */
export function stateTimeline(records: readonly StateRecord[] | StateRecorder<never>, options: StateTimelineOptions = {}): Figure {
  const list: readonly StateRecord[] = typeof records === 'function' ? records.records : records;
  list.forEach((r, i) => {
    if (r === null || typeof r !== 'object' || !Number.isFinite(r.timeMs) || typeof r.node !== 'string' || typeof r.state !== 'string') {
      throw new TypeError(`stateTimeline: record ${i} must be { timeMs: finite number, node: string, state: string }, got ${JSON.stringify(r)}`);
    }
  });
  const lastRecord = list.reduce((m, r) => Math.max(m, r.timeMs), -Infinity);
  const endMs = options.endMs ?? (typeof records === 'function' ? Math.max(records.endMs, lastRecord) : lastRecord);
  const startMs = options.startMs ?? list.reduce((m, r) => Math.min(m, r.timeMs), Infinity);
  const nodeIds = options.nodeIds ?? [...new Set(list.map((r) => r.node))];
  const segments = toSegments(list, nodeIds, Number.isFinite(startMs) ? startMs : 0, Number.isFinite(endMs) ? endMs : 0);

  const states = [...new Set(segments.map((s) => s.state))].sort((a, b) => Number(a === CRASHED_STATE) - Number(b === CRASHED_STATE));
  const palette = COLORWAY.filter((c) => c !== '#000000' && ![...ROLE_COLORS.values()].includes(c));
  let next = 0;
  const data: Trace[] = states.map((state) => {
    const color = options.colors?.[state] ?? ROLE_COLORS.get(state) ?? palette[next++ % palette.length];
    const ofState = segments.filter((s) => s.state === state);
    return {
      type: 'bar',
      orientation: 'h',
      name: state,
      y: ofState.map((s) => s.node),
      base: ofState.map((s) => s.fromMs),
      x: ofState.map((s) => s.toMs - s.fromMs),
      width: 0.62,
      text: ofState.map((s) => s.annotation),
      textposition: 'inside',
      insidetextanchor: 'middle',
      textangle: 0,
      hovertext: ofState.map((s) => `${s.node}: ${s.state}${s.annotation ? ` (${s.annotation})` : ''}<br>${formatMs(s.fromMs)}–${formatMs(s.toMs)} ms`),
      hoverinfo: 'text',
      marker: { color, line: { color: '#ffffff', width: 1 }, ...(state === CRASHED_STATE ? { pattern: { shape: '/', fgcolor: '#888', size: 6 } } : {}) },
    };
  });
  const shapes: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  for (const e of options.trace ?? []) {
    if ((e.kind !== 'partition' && e.kind !== 'heal') || e.timeMs < startMs || e.timeMs > endMs) continue;
    const color = e.kind === 'partition' ? '#D55E00' : '#009E73';
    shapes.push({ type: 'line', xref: 'x', yref: 'paper', x0: e.timeMs, x1: e.timeMs, y0: 0, y1: 1, line: { dash: 'dash', width: 1, color } });
    annotations.push({ x: e.timeMs, xref: 'x', yref: 'paper', y: 1, yanchor: 'bottom', showarrow: false, text: e.kind === 'partition' ? 'partición' : 'fin', font: { size: 10, color } });
  }
  return {
    data,
    layout: {
      title: options.title ?? 'Estado de cada nodo',
      separators: ', ',
      barmode: 'overlay',
      bargap: 0.3,
      uniformtext: { minsize: 9, mode: 'hide' },
      xaxis: { title: 'tiempo simulado (ms)', range: [startMs, Math.max(endMs, startMs + 1)], exponentformat: 'none' },
      yaxis: { title: 'nodo', type: 'category', categoryorder: 'array', categoryarray: [...nodeIds], autorange: 'reversed', fixedrange: true },
      shapes,
      annotations,
      height: Math.max(260, 150 + 48 * nodeIds.length),
      hovermode: 'closest',
      legend: { orientation: 'h', y: -0.25, traceorder: 'normal' },
    },
  };
}

/** The stretches of each node in one state and annotation, clipped to `[startMs, endMs]`. */
function toSegments(records: readonly StateRecord[], nodeIds: readonly NodeId[], startMs: number, endMs: number): Segment[] {
  const segments: Segment[] = [];
  for (const node of nodeIds) {
    // Stable sort by time: records of one instant keep their order, the last one wins.
    const own = records.filter((r) => r.node === node).sort((a, b) => a.timeMs - b.timeMs);
    let open: { state: string; annotation: string; fromMs: number } | undefined;
    const close = (toMs: number): void => {
      if (open === undefined) return;
      const from = Math.max(open.fromMs, startMs);
      const to = Math.min(toMs, endMs);
      if (to > from) segments.push({ node, state: open.state, annotation: open.annotation, fromMs: from, toMs: to });
    };
    for (const r of own) {
      const annotation = r.annotation ?? '';
      if (open !== undefined && open.state === r.state && open.annotation === annotation) continue;
      close(r.timeMs);
      open = { state: r.state, annotation, fromMs: r.timeMs };
    }
    close(endMs);
  }
  return segments;
}

/** A time in ms for hover text: at most one decimal, with a decimal comma. */
function formatMs(timeMs: number): string {
  return String(Math.round(timeMs * 10) / 10).replace('.', ',');
}
