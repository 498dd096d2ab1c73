/**
 * Labels of a space-time diagram that do not overprint: simultaneous events of one lane share
 * a label, a greedy pass keeps a label only where it has room at the initial zoom, and labels
 * at the edges are anchored inside the plot.
 */

/** One label to place: its x in ms, its lane (a row and a side) and its text. */
export interface LabelSpot {
  readonly x: number;
  readonly lane: string;
  readonly text: string;
}

/** Approximate width of a character of a 10 px label, in pixels. */
export const LABEL_CHAR_PX = 6.2;

/** How a kept label is anchored: centred on its event, or starting/ending there near an edge. */
export type LabelAnchor = 'center' | 'left' | 'right';

/**
 * Which labels to keep so that none overprints another in its lane, given the scale of the
 * initial view (`pxPerMs`, the plot starting at `startMs` and `widthPx` wide): walks each lane
 * left to right and keeps a label only when it starts after the previous kept one ends (plus
 * a small gap). A label that would stick out of the plot is anchored at its event instead of
 * centred on it (`left`: it starts at the event). Returns a flag and an anchor per spot.
 */
export function thinLabels(spots: readonly LabelSpot[], view: { readonly pxPerMs: number; readonly startMs: number; readonly widthPx: number }): { keep: boolean[]; anchor: LabelAnchor[] } {
  const keep = new Array<boolean>(spots.length).fill(false);
  const anchor = new Array<LabelAnchor>(spots.length).fill('center');
  const order = spots.map((_, i) => i).sort((a, b) => (spots[a] as LabelSpot).x - (spots[b] as LabelSpot).x || a - b);
  const laneEnd = new Map<string, number>();
  for (const i of order) {
    const spot = spots[i] as LabelSpot;
    if (spot.text === '') continue;
    const width = labelWidthPx(spot.text);
    const at = (spot.x - view.startMs) * view.pxPerMs;
    const side: LabelAnchor = at - width / 2 < 0 ? 'left' : at + width / 2 > view.widthPx ? 'right' : 'center';
    const left = side === 'left' ? at : side === 'right' ? at - width : at - width / 2;
    if (left < (laneEnd.get(spot.lane) ?? -Infinity) + 4) continue;
    keep[i] = true;
    anchor[i] = side;
    laneEnd.set(spot.lane, left + width);
  }
  return { keep, anchor };
}

/** The approximate width of a 10 px label in pixels (an ellipsis is about two characters wide). */
export function labelWidthPx(text: string): number {
  return (text.length + (text.match(/\u2026/g)?.length ?? 0)) * LABEL_CHAR_PX;
}

/**
 * Gives simultaneous spots of one lane (a leader's heartbeats to every follower, consecutive in
 * the trace) a single label, `L=5…8` (the first and the last), on the first of them; the
 * others get an empty label. Same length and order as `spots`.
 */
export function mergeSimultaneous(spots: readonly LabelSpot[]): LabelSpot[] {
  const out: LabelSpot[] = [];
  for (let i = 0; i < spots.length; i++) {
    const first = spots[i] as LabelSpot;
    let j = i;
    while (j + 1 < spots.length && (spots[j + 1] as LabelSpot).lane === first.lane && (spots[j + 1] as LabelSpot).x === first.x) j++;
    out.push({ ...first, text: mergeLabels(first.text, (spots[j] as LabelSpot).text, j > i) });
    for (let k = i + 1; k <= j; k++) out.push({ ...(spots[k] as LabelSpot), text: '' });
    i = j;
  }
  return out;
}

/** One label for a run of simultaneous events: `L=5…8`, or the first label and an ellipsis. */
function mergeLabels(first: string, last: string, several: boolean): string {
  if (!several || first === '') return first;
  const lamport = /^(.*L=)(\d+)$/;
  const a = lamport.exec(first);
  const b = lamport.exec(last);
  return a !== null && b !== null && a[1] === b[1] ? `${first}\u2026${b[2]}` : `${first}\u2026`;
}

/** A time in ms for a Spanish note: at most one decimal, with a decimal comma. */
export function formatMs(timeMs: number): string {
  return String(Math.round(timeMs * 10) / 10).replace('.', ',');
}
