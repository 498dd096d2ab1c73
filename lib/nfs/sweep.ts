/**
 * A seeded sweep of one client doing random CREATE / write / read / REMOVE calls over a lossy
 * link, each outcome checked against a fault-free model of the file system. With the
 * duplicate request cache every seed passes; without it, retransmitted CREATEs and REMOVEs
 * answer errors for calls that succeeded (the catalogued bug the sweep must find).
 */
import { createRng } from '../random/index';
import { NfsClient } from './client';
import { manualClock } from './clock';
import { NfsServer } from './server';
import { NfsStore } from './store';
import { inProcessTransport, lossyTransport } from './transport';

/** Options of {@link retransmissionSweep}. */
export interface SweepOptions {
  /** How many seeds (1…n), or the seeds themselves. */
  seeds: number | readonly number[];
  duplicateRequestCache: boolean;
  /** Default 0,15. */
  requestLossRate?: number;
  /** Default 0,15. */
  replyLossRate?: number;
  /** Operations per seed (default 30). */
  operations?: number;
}

/** The first wrong outcome of a failing seed. */
export interface SweepFailure {
  readonly seed: number;
  readonly step: number;
  readonly operation: string;
  readonly expected: string;
  readonly got: string;
}

/** What the sweep found. */
export interface SweepResult {
  readonly seedsRun: number;
  readonly seedsFailed: number;
  readonly failures: readonly SweepFailure[];
  readonly retransmissions: number;
  readonly drcHits: number;
  /** Times CREATE or REMOVE ran more than once for one call (xid). */
  readonly doubleExecutions: number;
}

const NAMES = ['a.txt', 'b.txt', 'c.txt'] as const;

/**
 * Runs the sweep. Each seed's failure reproduces with `retransmissionSweep({ seeds: [seed], … })`.
 *
 * @example
 * (await retransmissionSweep({ seeds: 200, duplicateRequestCache: false })).failures[0];
 */
export async function retransmissionSweep(options: SweepOptions): Promise<SweepResult> {
  const seeds = typeof options.seeds === 'number' ? Array.from({ length: options.seeds }, (_, i) => i + 1) : options.seeds;
  const failures: SweepFailure[] = [];
  let retransmissions = 0;
  let drcHits = 0;
  let doubleExecutions = 0;
  for (const seed of seeds) {
    const rng = createRng(`nfs-sweep-${seed}`);
    const clock = manualClock();
    const server = new NfsServer({ store: new NfsStore({ clock: clock.now }), duplicateRequestCache: options.duplicateRequestCache });
    const transport = lossyTransport(inProcessTransport(server), rng.fork('red'), {
      requestLossRate: options.requestLossRate ?? 0.15, replyLossRate: options.replyLossRate ?? 0.15,
    });
    const client = new NfsClient({ name: 'cliente', transport, clock: clock.now, retries: 50 });
    const model = new Map<string, string>();
    const n = options.operations ?? 30;
    for (let step = 0; step < n; step++) {
      clock.advance(rng.int(0, 2_000));
      const name = rng.choice(NAMES);
      const kind = rng.choice(['create', 'write', 'read', 'remove'] as const);
      const text = `${name}@${step}`;
      const expected =
        kind === 'create' ? (model.has(name) ? 'NFS3ERR_EXIST' : 'ok')
        : kind === 'remove' ? (model.has(name) ? 'ok' : 'NFS3ERR_NOENT')
        : kind === 'read' ? (model.get(name) ?? 'NFS3ERR_NOENT')
        : 'ok';
      let got: string;
      try {
        const value = kind === 'create' ? await client.create(name)
          : kind === 'remove' ? await client.remove(name)
          : kind === 'read' ? await client.readFile(name)
          : await client.writeFile(name, text);
        got = kind === 'read' ? String(value) : 'ok';
      } catch (error) {
        got = error instanceof Error ? error.message : String(error);
      }
      // The model follows what the application asked for, whatever the client was told.
      if (kind === 'create' && !model.has(name)) model.set(name, '');
      if (kind === 'write') model.set(name, text);
      if (kind === 'remove') model.delete(name);
      if (got !== expected) {
        failures.push({ seed, step, operation: `${kind} ${name}`, expected, got });
        break;
      }
    }
    retransmissions += client.retransmissions;
    drcHits += server.drcHits;
    const runs = new Map<string, number>();
    for (const e of server.log) if ((e.procedure === 'CREATE' || e.procedure === 'REMOVE') && e.how === 'ejecutada') runs.set(`${e.xid}`, (runs.get(`${e.xid}`) ?? 0) + 1);
    for (const count of runs.values()) if (count > 1) doubleExecutions++;
  }
  return { seedsRun: seeds.length, seedsFailed: failures.length, failures, retransmissions, drcHits, doubleExecutions };
}
