/**
 * How stale a reader gets, and what freshness costs: a writer rewrites a file at random
 * times (seeded), readers read it every `readEveryMs` of simulated time under a given mount
 * policy, in process (the same client and server code as over HTTP, without the sockets).
 */
import { createRng } from '../random/index';
import type { CachePolicy } from './cache-policy';
import { NfsClient } from './client';
import type { DecideFn } from './client';
import { manualClock } from './clock';
import { NfsServer } from './server';
import { NfsStore } from './store';
import { inProcessTransport } from './transport';

/** How a reader reads: through a file it keeps open, or reopening it each time (`cat` in a loop). */
export type ReaderMode = 'archivo abierto' | 'reabre cada vez';

/** One policy to try, with its label for tables and plots. */
export interface PolicyCase {
  readonly label: string;
  readonly policy: CachePolicy;
}

/** Options of {@link stalenessExperiment}. */
export interface StalenessOptions {
  seed: number;
  policies: readonly PolicyCase[];
  /** Simulated run length (default 120 s). */
  durationMs?: number;
  /** A reader reads every … (default 500 ms). */
  readEveryMs?: number;
  /** Mean time between the writer's rewrites, exponential (default 10 s). */
  meanWriteGapMs?: number;
  /** A decision function for the readers (exercise 10.4); default the kit's. */
  decide?: DecideFn;
}

/** The outcome for one policy and reader mode. */
export interface StalenessRow {
  readonly label: string;
  readonly mode: ReaderMode;
  readonly reads: number;
  readonly staleReads: number;
  readonly staleFraction: number;
  /** Longest time a read lagged behind the newest version (ms since the version it missed was written). */
  readonly maxStaleMs: number;
  /** GETATTR calls the reader made per read. */
  readonly getattrPerRead: number;
  /** Every read: time, the server's version, the version the reader got. */
  readonly timeline: readonly { tMs: number; server: number; seen: number }[];
}

/**
 * Runs the experiment for every policy and both reader modes.
 *
 * @example
 * const rows = await stalenessExperiment({ seed: 10, policies: [{ label: 'defecto', policy: LINUX_DEFAULTS }] });
 * rows.map((r) => [r.label, r.mode, r.staleFraction]);
 */
export async function stalenessExperiment(options: StalenessOptions): Promise<StalenessRow[]> {
  const durationMs = options.durationMs ?? 120_000;
  const readEveryMs = options.readEveryMs ?? 500;
  const meanGap = options.meanWriteGapMs ?? 10_000;
  if (!(durationMs > 0 && readEveryMs > 0 && meanGap > 0)) throw new RangeError('stalenessExperiment: duración, intervalo de lectura y separación media deben ser > 0');
  const rng = createRng(options.seed);
  const writes: number[] = [];
  for (let t = rng.exponential(meanGap); t < durationMs; t += rng.exponential(meanGap)) writes.push(Math.round(t));
  const rows: StalenessRow[] = [];
  for (const { label, policy } of options.policies) {
    for (const mode of ['archivo abierto', 'reabre cada vez'] as const) {
      rows.push(await runOne({ label, policy, mode, writes, durationMs, readEveryMs, decide: options.decide }));
    }
  }
  return rows;
}

async function runOne(o: { label: string; policy: CachePolicy; mode: ReaderMode; writes: readonly number[]; durationMs: number; readEveryMs: number; decide: DecideFn | undefined }): Promise<StalenessRow> {
  const clock = manualClock();
  const server = new NfsServer({ store: new NfsStore({ clock: clock.now }) });
  const writer = new NfsClient({ name: 'escritor', transport: inProcessTransport(server), clock: clock.now });
  const reader = new NfsClient({ name: 'lector', transport: inProcessTransport(server), clock: clock.now, policy: o.policy, ...(o.decide ? { decide: o.decide } : {}) });
  const writtenAt = [0];
  await writer.writeFile('datos.txt', 'v0');
  const fd = await reader.open('datos.txt');
  await reader.read(fd);
  const getattrBefore = reader.calls.get('GETATTR') ?? 0;
  const timeline: { tMs: number; server: number; seen: number }[] = [];
  let next = 0;
  let staleReads = 0;
  let maxStaleMs = 0;
  for (let t = o.readEveryMs; t <= o.durationMs; t += o.readEveryMs) {
    while (next < o.writes.length && o.writes[next]! <= t) {
      clock.set(o.writes[next]!);
      writtenAt.push(o.writes[next]!);
      next++;
      await writer.writeFile('datos.txt', `v${next}`);
    }
    clock.set(t);
    const text = o.mode === 'archivo abierto' ? await reader.read(fd) : await reader.readFile('datos.txt');
    const seen = Number(text.slice(1));
    timeline.push({ tMs: t, server: next, seen });
    if (seen < next) {
      staleReads++;
      maxStaleMs = Math.max(maxStaleMs, t - writtenAt[seen + 1]!);
    }
  }
  await reader.close(fd);
  const reads = timeline.length;
  return {
    label: o.label, mode: o.mode, reads, staleReads, staleFraction: staleReads / reads, maxStaleMs,
    getattrPerRead: ((reader.calls.get('GETATTR') ?? 0) - getattrBefore) / reads, timeline,
  };
}
