/**
 * The chapter's ABR experiments: both rules on the same seeded traces (the table), and the
 * sudden-drop scenario where the throughput estimate lies.
 */
import { bbaRule, throughputRule } from './rules';
import type { AbrRule } from './rules';
import { simulatePlayer } from './player';
import type { PlayerOptions, PlayerRun } from './player';
import { markovTrace, stepTrace } from './trace';
import type { BandwidthTrace, MarkovTraceOptions } from './trace';

/** The two rules the chapter compares, with the settings it uses. */
export function chapterRules(): { readonly name: string; readonly rule: AbrRule }[] {
  return [
    { name: 'por caudal (media armónica de 5 × 0,9)', rule: throughputRule({ k: 5, safety: 0.9 }) },
    { name: 'BBA-0 (reservoir 90 s, cushion 126 s)', rule: bbaRule({ reservoirS: 90, cushionS: 126 }) },
  ];
}

/** One row of {@link compareAbr}: a rule's results over every trace. */
export interface AbrRow {
  readonly rule: string;
  readonly sessions: number;
  /** Σ rebuffer time / Σ play time. */
  readonly rebufferRatio: number;
  /** Stalls per hour of playback (the BBA paper's «rebuffers per playhour»). */
  readonly rebuffersPerHour: number;
  /** Sessions with at least one stall. */
  readonly sessionsWithStall: number;
  readonly meanKbps: number;
  readonly switchesPerSession: number;
  readonly meanStartupS: number;
}

/** Options of {@link compareAbr}. */
export interface CompareAbrOptions {
  readonly seed: string | number;
  /** Number of traces (default 50). */
  readonly traces?: number;
  readonly trace?: Omit<MarkovTraceOptions, 'seed'>;
  readonly player?: Omit<PlayerOptions, 'trace' | 'rule'>;
  readonly rules?: readonly { readonly name: string; readonly rule: AbrRule }[];
}

/**
 * Runs every rule on the same `traces` seeded traces and sums up each rule.
 *
 * @example
 * compareAbr({ seed: 12, traces: 50 }).map((r) => [r.rule, r.rebufferRatio, r.meanKbps]);
 */
export function compareAbr(options: CompareAbrOptions): AbrRow[] {
  const count = options.traces ?? 50;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`compareAbr: traces debe ser un entero ≥ 1, es ${String(count)}`);
  const segments = options.player?.segments ?? 300;
  const segmentS = options.player?.segmentS ?? 4;
  const traces: BandwidthTrace[] = Array.from({ length: count }, (_, i) => markovTrace({ durationS: segments * segmentS * 2, ...options.trace, seed: `${String(options.seed)}/${i}` }));
  return (options.rules ?? chapterRules()).map(({ name, rule }) => {
    const runs: PlayerRun[] = traces.map((trace) => simulatePlayer({ ...options.player, trace, rule }));
    const played = runs.reduce((s, r) => s + r.playedS, 0);
    return {
      rule: name, sessions: runs.length,
      rebufferRatio: runs.reduce((s, r) => s + r.rebufferS, 0) / played,
      rebuffersPerHour: runs.reduce((s, r) => s + r.stalls.length, 0) / (played / 3600),
      sessionsWithStall: runs.filter((r) => r.stalls.length > 0).length,
      meanKbps: runs.reduce((s, r) => s + r.kilobits, 0) / runs.reduce((s, r) => s + r.segments.length * segmentS, 0),
      switchesPerSession: runs.reduce((s, r) => s + r.switches, 0) / runs.length,
      meanStartupS: runs.reduce((s, r) => s + r.startupS, 0) / runs.length,
    };
  });
}

/**
 * The sudden drop: 10 Mb/s for `beforeS` seconds, then `dropKbps` for `dropS` seconds, then
 * 10 Mb/s again. The rate-based rule keeps trusting the throughputs it measured before the
 * drop; BBA only looks at the buffer it has.
 */
export function dropTrace(options: { readonly beforeS?: number; readonly dropS?: number; readonly dropKbps?: number; readonly afterS?: number } = {}): BandwidthTrace {
  return stepTrace([[options.beforeS ?? 30, 10_000], [options.dropS ?? 60, options.dropKbps ?? 800], [options.afterS ?? 600, 10_000]]);
}
