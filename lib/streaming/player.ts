/**
 * A video player in simulated time: it downloads segments of `segmentS` seconds one after the
 * other over a bandwidth trace, keeps at most `bufferMaxS` seconds of video in its buffer,
 * starts playing when the first segment arrives, and stalls (rebuffers) when the buffer runs dry
 * while a download is still under way. The ABR rule chooses each segment's rate. Pure: the same
 * trace and rule give the same run.
 */
import type { AbrRule } from './rules';
import { downloadSeconds, validateTrace } from './trace';
import type { BandwidthTrace } from './trace';

/** Options of {@link simulatePlayer}. */
export interface PlayerOptions {
  readonly trace: BandwidthTrace;
  readonly rule: AbrRule;
  /** Ladder in kb/s, strictly ascending (default the chapter's 1750, 3000, 5800, 15000). */
  readonly ladderKbps?: readonly number[];
  /** Segment length (default 4 s). */
  readonly segmentS?: number;
  /** Segments in the video (default 300: 20 minutes). */
  readonly segments?: number;
  /** Buffer capacity (default 240 s, as in the BBA paper). */
  readonly bufferMaxS?: number;
  /** Simulated-time cap: the session is cut there (default 4 × video length + 600 s). */
  readonly maxWallS?: number;
}

/** One downloaded segment. */
export interface SegmentRecord {
  readonly index: number;
  readonly kbps: number;
  readonly requestS: number;
  readonly doneS: number;
  readonly throughputKbps: number;
  readonly bufferAtRequestS: number;
  readonly rebufferS: number;
}

/** The outcome of a session. */
export interface PlayerRun {
  /** `'completo'`: every segment played; `'cortado'`: the simulated-time cap was reached first. */
  readonly status: 'completo' | 'cortado';
  readonly segments: SegmentRecord[];
  /** Buffer level over time (points of a piecewise-linear curve). */
  readonly buffer: { readonly tS: number; readonly bufferS: number }[];
  /** Stalls after playback started: [start, end] in seconds. */
  readonly stalls: { readonly startS: number; readonly endS: number }[];
  /** Time from the first request to the first frame. */
  readonly startupS: number;
  readonly playedS: number;
  readonly rebufferS: number;
  /** Time of the end of the session: startup + played + rebuffer. */
  readonly wallS: number;
  /** Σ rate × segment length over downloaded segments. */
  readonly kilobits: number;
  /** Rebuffer time / play time. */
  readonly rebufferRatio: number;
  /** Mean rate of the downloaded segments, kb/s. */
  readonly meanKbps: number;
  /** Times the rate changed from one segment to the next. */
  readonly switches: number;
}

/** The chapter's ladder in kb/s (NETFLIX_LADDER's bitrates: 480p, 720p, 1080p, 4K). */
export const CHAPTER_LADDER_KBPS: readonly number[] = [1750, 3000, 5800, 15000];

/**
 * Netflix's fixed ladder of 2015 (Netflix Tech Blog, «Per-Title Encode Optimization»): ten rungs
 * from 235 to 5800 kb/s, the range of the BBA paper's experiments (R_min = 235 kb/s).
 */
export const NETFLIX_FIXED_LADDER_KBPS: readonly number[] = [235, 375, 560, 750, 1050, 1750, 2350, 3000, 4300, 5800];

function validateLadderKbps(ladder: readonly number[]): void {
  if (!Array.isArray(ladder) || ladder.length === 0) throw new RangeError('la escalera de bitrates está vacía: hace falta al menos un peldaño (kb/s)');
  if (!ladder.every((x, i) => Number.isFinite(x) && x > 0 && (i === 0 || x > (ladder[i - 1] as number)))) throw new RangeError('la escalera de bitrates debe tener valores > 0 en orden estrictamente creciente');
}

/**
 * Plays one session and returns what happened.
 *
 * @example
 * const run = simulatePlayer({ trace: markovTrace({ seed: 1 }), rule: bbaRule() });
 * run.rebufferRatio; run.meanKbps; run.switches;
 */
export function simulatePlayer(options: PlayerOptions): PlayerRun {
  if (options === null || typeof options !== 'object') throw new TypeError('simulatePlayer: las opciones deben ser un objeto { trace, rule, … }');
  const trace = validateTrace(options.trace);
  if (typeof options.rule !== 'function') throw new TypeError('simulatePlayer: rule debe ser una regla ABR (una función del estado)');
  const ladder = options.ladderKbps ?? CHAPTER_LADDER_KBPS;
  validateLadderKbps(ladder);
  const V = options.segmentS ?? 4;
  const n = options.segments ?? 300;
  const bufferMaxS = options.bufferMaxS ?? 240;
  if (!(V > 0) || !Number.isFinite(V)) throw new RangeError(`segmentS debe ser un número de segundos > 0, es ${String(V)}`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`segments debe ser un entero ≥ 1, es ${String(n)}`);
  if (!(bufferMaxS >= V) || !Number.isFinite(bufferMaxS)) throw new RangeError(`bufferMaxS debe ser un número finito ≥ segmentS (${V} s), es ${String(bufferMaxS)}`);
  const maxWallS = options.maxWallS ?? 4 * n * V + 600;
  if (!(maxWallS > 0) || !Number.isFinite(maxWallS)) throw new RangeError(`maxWallS debe ser un número finito > 0, es ${String(maxWallS)}`);

  let t = 0;
  let buffer = 0;
  let playing = false;
  let startupS = 0;
  let playedS = 0;
  let rebufferS = 0;
  let kilobits = 0;
  let status: PlayerRun['status'] = 'completo';
  const segments: SegmentRecord[] = [];
  const points: { tS: number; bufferS: number }[] = [{ tS: 0, bufferS: 0 }];
  const stalls: { startS: number; endS: number }[] = [];
  const throughputs: number[] = [];
  /** Lets `d` seconds pass with no segment arriving: play from the buffer, stall when it is empty. */
  const pass = (d: number) => {
    if (!playing) {
      startupS += d;
    } else if (buffer >= d) {
      buffer -= d;
      playedS += d;
    } else {
      playedS += buffer;
      const stall = d - buffer;
      rebufferS += stall;
      stalls.push({ startS: t + buffer, endS: t + d });
      points.push({ tS: t + buffer, bufferS: 0 });
      buffer = 0;
    }
    t += d;
    points.push({ tS: t, bufferS: buffer });
  };

  for (let index = 0; index < n; index++) {
    // No room for one more segment: wait (playing) until there is, but never past the cap.
    const wait = buffer + V - bufferMaxS;
    if (wait > 0) {
      if (t + wait >= maxWallS) {
        pass(maxWallS - t);
        status = 'cortado';
        break;
      }
      pass(wait);
    }
    const previousKbps = segments.length ? (segments[segments.length - 1] as SegmentRecord).kbps : undefined;
    const kbps = options.rule({ index, bufferS: buffer, previousKbps, throughputsKbps: throughputs, ladderKbps: ladder, segmentS: V, bufferMaxS });
    if (!ladder.includes(kbps)) throw new RangeError(`la regla ABR devolvió ${String(kbps)} kb/s, que no es un peldaño de la escalera (${ladder.join(', ')})`);
    const requestS = t;
    const bufferAtRequestS = buffer;
    const d = downloadSeconds(trace, t, kbps * V);
    if (t + d > maxWallS) {
      // Cut the session: the download never finishes within the cap (zero bandwidth to the end).
      pass(Math.max(0, maxWallS - t));
      status = 'cortado';
      break;
    }
    const stalledBefore = rebufferS;
    pass(d);
    buffer += V;
    points.push({ tS: t, bufferS: buffer });
    playing = true;
    kilobits += kbps * V;
    throughputs.push((kbps * V) / d);
    segments.push({ index, kbps, requestS, doneS: t, throughputKbps: (kbps * V) / d, bufferAtRequestS, rebufferS: rebufferS - stalledBefore });
  }
  if (status === 'completo') {
    // Play out what is left in the buffer.
    playedS += buffer;
    t += buffer;
    buffer = 0;
    points.push({ tS: t, bufferS: 0 });
  }
  let switches = 0;
  for (let i = 1; i < segments.length; i++) if ((segments[i] as SegmentRecord).kbps !== (segments[i - 1] as SegmentRecord).kbps) switches += 1;
  return {
    status, segments, buffer: points, stalls, startupS, playedS, rebufferS, wallS: t, kilobits,
    rebufferRatio: playedS > 0 ? rebufferS / playedS : 0,
    meanKbps: segments.length ? segments.reduce((s, x) => s + x.kbps, 0) / segments.length : 0,
    switches,
  };
}
