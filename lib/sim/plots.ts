/**
 * Pictures of a run, as plain plotly JSON (the notebook calls `show`): the space-time diagram
 * (plots-space-time.ts), the protocol-state timeline (state-timeline.ts) and message-latency
 * histograms.
 */
import { histogram } from '../plot/index';
import type { Figure } from '../plot/index';
import { messageLatencies } from './metrics';
import { linkKey } from './network';
import type { TraceEvent } from './trace';
import type { NodeId } from './types';

export { spaceTimeDiagram } from './plots-space-time';
export type { SpaceTimeOptions } from './plots-space-time';
export { stateTimeline, recordStates, CRASHED_STATE, ROLE_NAMES, roleName } from './state-timeline';
export type { StateDescription, StateRecord, StateRecorder, StateTimelineOptions } from './state-timeline';

/**
 * A histogram of message latencies (delivery time − send time), overall or one series per link,
 * with p50 and p99 marked.
 *
 * @example
 * show(latencyHistogram(sim.trace, { title: 'Latencia de los mensajes' }));
 */
export function latencyHistogram<M>(
  trace: readonly TraceEvent<M>[],
  options: { title?: string; byLink?: boolean; binSizeMs?: number } = {},
): Figure {
  const series = new Map<string, number[]>();
  if (!options.byLink) series.set('mensajes', messageLatencies(trace));
  else {
    const links = new Map<string, { from: NodeId; to: NodeId }>();
    for (const e of trace) if (e.kind === 'deliver') links.set(linkKey(e.from, e.to), { from: e.from, to: e.to });
    for (const [key, link] of links) series.set(key, messageLatencies(trace, (from, to) => from === link.from && to === link.to));
  }
  // lib/plot's histogram takes a record: built only here, from the Map, at the boundary.
  return histogram(Object.fromEntries(series), {
    title: options.title ?? 'Latencia de los mensajes',
    xTitle: 'latencia (ms)',
    yTitle: 'mensajes',
    percentiles: [50, 99],
    ...(options.binSizeMs ? { binSize: options.binSizeMs } : {}),
  });
}
