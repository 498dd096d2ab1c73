/**
 * Explaining a failing seed: the replay's verdict, the seed's fault plan, and a window of the
 * replayed trace that starts at the cause — the first event that touched the violated state —
 * and ends at the violation, filtered to the nodes the violation is about.
 */
import type { Violation } from './checkers';
import { formatViolation } from './checkers';
import { formatEvent } from './trace';
import type { TraceEvent } from './trace';
import type { NodeId } from './types';

/**
 * Finds the trace index of the first event that touched the violated state (e.g. the first
 * RequestVote of the term with two leaders), given the replayed trace, the violation, the
 * index of the violation's event and the nodes it is about; `undefined` when it cannot tell.
 */
export type CauseLocator = (trace: readonly TraceEvent<unknown>[], violation: Violation, violationIndex: number, nodes: readonly NodeId[]) => number | undefined;

/** A failing seed explained. */
export interface FailureExplanation {
  /** True when the replay (trace on) hit the same checker, message, time and event as the sweep. */
  readonly replayed: boolean;
  /** The nodes the window is filtered to. */
  readonly nodes: readonly NodeId[];
  /** Trace index of the cause (where the window starts) and of the violation. */
  readonly causeIndex: number;
  readonly violationIndex: number;
  /** The lines of the window (the cause and the violation marked). */
  readonly traceLines: readonly string[];
  /** The last lines of the whole replayed trace up to the violation, unfiltered (default 20). */
  readonly traceTail: string;
  /** The seed's fault plan, as the scenario described it. */
  readonly plan: string | undefined;
  /** Everything above as one readable text (Spanish). */
  readonly report: string;
}

/** What {@link explainFailure} needs. */
export interface ExplainInput {
  readonly seed: string;
  /** The violation found by the sweep, and the one found by the replay. */
  readonly first: Violation;
  readonly again: Violation | undefined;
  /** The replayed trace and the cluster's node ids. */
  readonly trace: readonly TraceEvent<unknown>[];
  readonly nodeIds: readonly NodeId[];
  readonly plan?: string | undefined;
  readonly cause?: CauseLocator;
  /** Events of the involved nodes shown before the cause (default 8) and at most in all (default 60). */
  readonly before?: number;
  readonly maxLines?: number;
  /** Lines in `traceTail` (default 20). */
  readonly tailLines?: number;
}

/** Replays' verdict, plan and cause window of a failing seed. */
export function explainFailure(input: ExplainInput): FailureExplanation {
  const { first, again, trace } = input;
  const replayed = again !== undefined && again.checker === first.checker && again.message === first.message && sameNumber(again.timeMs, first.timeMs) && again.eventCount === first.eventCount;
  const violation = again ?? first;
  const nodes = involvedNodes(violation, input.nodeIds);
  let violationIndex = trace.length - 1;
  if (Number.isFinite(violation.timeMs)) while (violationIndex > 0 && (trace[violationIndex] as TraceEvent<unknown>).timeMs > violation.timeMs) violationIndex--;
  const involved: number[] = [];
  for (let i = 0; i <= violationIndex; i++) if (involves(trace[i] as TraceEvent<unknown>, nodes)) involved.push(i);
  const before = input.before ?? 8;
  const maxLines = input.maxLines ?? 60;
  const located = input.cause?.(trace, violation, violationIndex, nodes);
  // Without a locator, the cause is unknown: show the last events of the involved nodes.
  const causeIndex = located !== undefined && located >= 0 && located <= violationIndex ? located : (involved[Math.max(0, involved.length - maxLines)] ?? 0);
  let startAt = involved.findIndex((i) => i >= causeIndex);
  if (startAt < 0) startAt = involved.length;
  const shown = involved.slice(Math.max(0, startAt - (located === undefined ? 0 : before)));
  const lines = shown.map((i) => {
    const mark = i === causeIndex ? '   ◀ causa' : i === violationIndex ? '   ◀ violación' : '';
    return formatEvent(trace[i] as TraceEvent<unknown>) + mark;
  });
  const traceLines = lines.length <= maxLines ? lines : [...lines.slice(0, Math.ceil(maxLines / 2)), `… (${lines.length - maxLines} eventos más) …`, ...lines.slice(lines.length - Math.floor(maxLines / 2))];
  const replayLine = replayed ? `Repetición con seed=${input.seed}: misma violación.` : `¡La repetición con seed=${input.seed} no reprodujo la violación!`;
  const causeTime = trace[causeIndex]?.timeMs;
  const header =
    trace.length === 0
      ? 'Sin traza (la repetición no llegó a crear la simulación).'
      : `Traza de ${nodes.join(', ')} desde ${located === undefined ? 'sus últimos eventos' : 'la causa'}${causeTime === undefined ? '' : ` (t=${Math.round(causeTime)})`} hasta la violación:`;
  const report = [
    formatViolation(first),
    replayLine,
    ...(input.plan === undefined ? [] : ['Plan de fallos de la semilla:', indent(input.plan)]),
    header,
    indent(traceLines.join('\n')),
  ].join('\n');
  const tailFrom = Math.max(0, violationIndex + 1 - (input.tailLines ?? 20));
  const traceTail = trace.slice(tailFrom, violationIndex + 1).map((event) => formatEvent(event)).join('\n');
  return { replayed, nodes, causeIndex, violationIndex, traceLines, traceTail, plan: input.plan, report };
}

/** The nodes a violation is about: its `nodes`, else the node ids its message names, else all. */
export function involvedNodes(violation: Violation, nodeIds: readonly NodeId[]): NodeId[] {
  if (violation.nodes !== undefined && violation.nodes.length > 0) return [...new Set(violation.nodes)];
  const named = nodeIds.filter((id) => new RegExp(`(^|[^\\w])${escapeRegExp(id)}($|[^\\w])`).test(violation.message));
  return named.length > 0 ? named : [...nodeIds];
}

/** True when an event involves one of `nodes` (partitions and heals involve everyone). */
export function involves(event: TraceEvent<unknown>, nodes: readonly NodeId[]): boolean {
  switch (event.kind) {
    case 'send':
    case 'deliver':
    case 'drop':
    case 'cut':
    case 'restore':
      return nodes.includes(event.from) || nodes.includes(event.to);
    case 'partition':
    case 'heal':
      return true;
    default:
      return 'node' in event && nodes.includes((event as { node: NodeId }).node);
  }
}

function sameNumber(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
