/**
 * Export a trace to ShiViz (Beschastnikh et al., "Debugging distributed systems", CACM 2016),
 * which draws any log whose events carry vector clocks. Paste the text into ShiViz's input box
 * and the regex below into its "log parsing regular expression" field; no network needed if
 * ShiViz is opened from a local copy.
 */
import { stampTrace } from './causality';
import type { MessageFormatter, TraceEvent } from './trace';
import { formatEvent, formatMessage } from './trace';

/**
 * The parser regex to give ShiViz for {@link toShiViz}'s output: a `host {clock}` line followed
 * by an event line (the format GoVector writes).
 */
export const SHIVIZ_REGEX = '(?<host>\\S*) (?<clock>{.*})\\n(?<event>.*)';

/**
 * The trace in ShiViz's log format: for every node event, a line `host {"host":n,…}` with its
 * vector clock as JSON, then a line describing the event.
 *
 * @example
 * const log = toShiViz(sim.trace);
 * // n1 {"n1":1}
 * // t=0000 n1 start
 * // n1 {"n1":2}
 * // t=0000 n1→n2 Ping seq=1
 */
export function toShiViz<M>(trace: readonly TraceEvent<M>[], formatter: MessageFormatter<M> = formatMessage): string {
  const lines: string[] = [];
  for (const stamped of stampTrace(trace)) {
    const clock: Record<string, number> = {};
    for (const [id, value] of stamped.vector) clock[id] = value;
    lines.push(`${stamped.node} ${JSON.stringify(clock)}`);
    lines.push(formatEvent(stamped.event, formatter));
  }
  return lines.join('\n');
}
