/**
 * The messages of the distributed bank used by the checkpoint and snapshot examples: money
 * transfers and Chandy–Lamport markers, each with a per-channel sequence number so that the
 * receiver can restore FIFO order over a network that reorders (and drop duplicates).
 */

/** A bank message (Chandy & Lamport 1985 call the marker simply "marker"). */
export type BankMessage =
  | { readonly type: 'Transfer'; readonly seq: number; readonly amount: number }
  | { readonly type: 'Marker'; readonly seq: number; readonly snapshot: number };

/** What the marker rule decides on a marker arriving on channel `from`. */
export interface MarkerDecision {
  /** Record the local state now. */
  readonly recordState: boolean;
  /** Send a marker on every outgoing channel now. */
  readonly sendMarkers: boolean;
  /** The incoming channels still being recorded after this marker. */
  readonly open: string[];
}

/** Reads an untrusted message: a well-formed bank message, or `undefined`. */
export function parseBankMessage(m: unknown): BankMessage | undefined {
  if (typeof m !== 'object' || m === null) return undefined;
  const x = m as Record<string, unknown>;
  if (!Number.isSafeInteger(x.seq) || (x.seq as number) < 1) return undefined;
  if (x.type === 'Transfer' && typeof x.amount === 'number' && Number.isSafeInteger(x.amount) && x.amount > 0) return { type: 'Transfer', seq: x.seq as number, amount: x.amount };
  if (x.type === 'Marker' && Number.isSafeInteger(x.snapshot)) return { type: 'Marker', seq: x.seq as number, snapshot: x.snapshot as number };
  return undefined;
}

/**
 * Chandy–Lamport's marker receiving rule (the teacher's own implementation; exercise 08.2 is the
 * student's). First marker: record the state, send markers, and record every other incoming
 * channel (the marker's own channel is empty). Later markers: stop recording that channel.
 */
export function markerRuleReference(recorded: boolean, open: readonly string[], from: string, incoming: readonly string[]): MarkerDecision {
  if (!recorded) return { recordState: true, sendMarkers: true, open: incoming.filter((c) => c !== from) };
  return { recordState: false, sendMarkers: false, open: open.filter((c) => c !== from) };
}
