/**
 * Hybrid logical clocks (Kulkarni, Demirbas et al., 2014, "Logical Physical Clocks"):
 * a timestamp close to physical time that still respects causality like a Lamport clock.
 * Beyond the lecture; CockroachDB and MongoDB use it.
 */

/** An HLC timestamp: `l` is the largest physical time seen, `c` counts events within the same `l`. */
export interface HlcTimestamp {
  readonly l: number;
  readonly c: number;
}

/** Orders two HLC timestamps: by `l`, then by `c`. */
export function compareHlc(a: HlcTimestamp, b: HlcTimestamp): number {
  return a.l !== b.l ? a.l - b.l : a.c - b.c;
}

/**
 * The HLC rule for a local event or a send at physical time `physicalMs` (paper, Fig. 5).
 *
 * @example
 * hlcLocal({ l: 10, c: 0 }, 8);  // { l: 10, c: 1 }: the physical clock is behind, count
 * hlcLocal({ l: 10, c: 3 }, 12); // { l: 12, c: 0 }: physical time moved on, reset the counter
 */
export function hlcLocal(current: HlcTimestamp, physicalMs: number): HlcTimestamp {
  const l = Math.max(current.l, physicalMs);
  return { l, c: l === current.l ? current.c + 1 : 0 };
}

/** The HLC rule for receiving a message stamped `received` at physical time `physicalMs` (paper, Fig. 5). */
export function hlcReceive(current: HlcTimestamp, received: HlcTimestamp, physicalMs: number): HlcTimestamp {
  const l = Math.max(current.l, received.l, physicalMs);
  let c: number;
  if (l === current.l && l === received.l) c = Math.max(current.c, received.c) + 1;
  else if (l === current.l) c = current.c + 1;
  else if (l === received.l) c = received.c + 1;
  else c = 0;
  return { l, c };
}

/**
 * An HLC timestamp as chapter 02 writes it, ⟨l, c⟩ with `l` in whole milliseconds:
 * `⟨1203, 2⟩` (not `1203.2`, which a reader takes for a decimal number).
 *
 * @example
 * formatHlc({ l: 1_000, c: 1 }); // '⟨1000, 1⟩'
 */
export function formatHlc(timestamp: HlcTimestamp): string {
  return `⟨${Math.round(timestamp.l)}, ${timestamp.c}⟩`;
}
