/**
 * The Chord lookup sweep scenario (`npm run sweep`, and the small sweep in the tests): 32 nodes
 * with successor lists of 4; before the lookups, a run of up to 3 consecutive nodes and up to 3
 * more scattered ones crash; then 20 lookups start at random live nodes while the network loses
 * (0–10 %), duplicates and reorders messages. Every lookup must end (`lookupsComplete`) naming
 * the live owner (`lookupCorrect`). Catalogued bugs: one successor only (lookups fail), and
 * trusting the successor a predecessor names without pinging it (a dead owner is returned).
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import { checker } from '../sim/checkers';
import type { CheckerFactory, ClusterView } from '../sim/checkers';
import { latency } from '../sim/network';
import { Simulation } from '../sim/simulation';
import { ChordRing } from './chord';
import { ChordNode, formatChordMessage } from './chord-node';
import type { ChordMessage, FoundData } from './chord-node';
import { ID_SPACE, randomIds } from './ids';

/** Options of {@link chordScenario}. */
export interface ChordScenarioOptions {
  /** Successors per node (default 4). */
  readonly successors?: number;
  /** The catalogued bug: accept the named successor as the owner without pinging it. */
  readonly trustSuccessor?: boolean;
}

/** The plan of one seed. */
export interface ChordPlan {
  readonly ids: number[];
  readonly crashed: number[];
  readonly loss: number;
  readonly duplicate: number;
  readonly reorder: number;
  readonly lookups: { readonly lookupId: string; readonly from: number; readonly key: number; readonly atMs: number }[];
}

const NODES = 32;
const CRASH_MS = 20;
const DURATION_MS = 4_000;

/** Draws the plan of one seed. */
export function chordPlan(seed: Seed): ChordPlan {
  const rng = createRng(`${String(seed)}/chord-barrido`);
  const ids = randomIds(NODES, rng);
  const start = rng.int(0, NODES - 1);
  const run = Array.from({ length: rng.int(0, 3) }, (_, j) => ids[(start + j) % NODES] as number);
  // Scattered crashes keep a live node after the run (index start + 3) so no run exceeds 3.
  const others = ids.filter((_, i) => ((i - start + NODES) % NODES) > 4 && ((i - start + NODES) % NODES) < NODES - 1);
  const scattered = rng.sample(others, rng.int(0, 3)).filter((id, _, all) => !all.some((o) => Math.abs(ids.indexOf(o) - ids.indexOf(id)) === 1));
  const crashed = [...new Set([...run, ...scattered])].sort((a, b) => a - b);
  const live = ids.filter((id) => !crashed.includes(id));
  return {
    ids,
    crashed,
    loss: rng.bernoulli(0.8) ? rng.uniform(0, 0.1) : 0,
    duplicate: rng.bernoulli(0.5) ? rng.uniform(0, 0.1) : 0,
    reorder: rng.bernoulli(0.5) ? rng.uniform(0, 0.3) : 0,
    lookups: Array.from({ length: 20 }, (_, i) => ({ lookupId: `q${i + 1}`, from: rng.choice(live), key: i % 4 === 0 ? rng.choice(ids) : Math.floor(rng.next() * ID_SPACE), atMs: 50 + rng.int(0, 1_000) })),
  };
}

/** The first live node at or after `key` (the global view). */
function liveOwner(ids: readonly number[], dead: ReadonlySet<string>, key: number): number | undefined {
  const live = ids.filter((id) => !dead.has(String(id)));
  return live.find((id) => id >= key) ?? live[0];
}

/** Every `found` names the live owner of its key: the first live node at or after it. */
export function lookupCorrect(ids: readonly number[]): CheckerFactory<ChordMessage, ChordNode> {
  return checker('lookupCorrect', () => ({
    onEvent(event, cluster: ClusterView<ChordNode>) {
      if (event.kind !== 'output' || event.label !== 'found') return undefined;
      const found = event.data as FoundData;
      const expected = liveOwner(ids, cluster.crashed, found.key);
      if (found.owner !== expected) return { message: `${found.lookupId} (clave ${found.key}) respondió ${found.owner}${cluster.crashed.has(String(found.owner)) ? ', que está caído,' : ''} y el responsable vivo es ${String(expected)}`, nodes: [event.node] };
      return undefined;
    },
  }));
}

/** At the end, every lookup started has ended in a `found` (none failed, none still pending). */
export function lookupsComplete(lookupIds: readonly string[]): CheckerFactory<ChordMessage, ChordNode> {
  return checker('lookupsComplete', () => ({
    atEnd(cluster: ClusterView<ChordNode>) {
      const found = new Set(cluster.outputs.filter((o) => o.label === 'found').map((o) => (o.data as FoundData).lookupId));
      const failed = cluster.outputs.filter((o) => o.label === 'lookupFailed');
      if (failed.length > 0) return { message: `${failed.length} búsquedas fallaron (${(failed[0]?.data as { lookupId: string }).lookupId}: ${(failed[0]?.data as { reason: string }).reason})`, nodes: [failed[0]?.node ?? ''] };
      const missing = lookupIds.filter((id) => !found.has(id));
      return missing.length > 0 ? `${missing.length} búsquedas no terminaron: ${missing.join(', ')}` : undefined;
    },
  }));
}

/** A scenario object for `sweep`. */
export interface ChordScenario {
  setup(seed: Seed, options: { trace: boolean }): Simulation<ChordMessage, ChordNode>;
  run(sim: Simulation<ChordMessage, ChordNode>): void;
  describe(seed: Seed): string;
}

/**
 * The Chord lookup sweep scenario.
 *
 * @example
 * sweep({ seeds: 200, scenario: chordScenario() }).seedsFailed; // 0
 * sweep({ seeds: 200, scenario: chordScenario({ trustSuccessor: true }), stopAtFirst: true }).violation?.checker; // 'lookupCorrect'
 */
export function chordScenario(options: ChordScenarioOptions = {}): ChordScenario {
  return {
    setup(seed, { trace }) {
      const plan = chordPlan(seed);
      const ring = ChordRing.build(plan.ids, { successors: options.successors ?? 4 });
      const sim = new Simulation<ChordMessage, ChordNode>({
        seed,
        trace,
        nodeIds: plan.ids.map(String),
        formatMessage: formatChordMessage,
        network: { latency: latency.uniform(2, 12), loss: plan.loss, duplicate: plan.duplicate, reorder: plan.reorder, reorderDelayMs: 20 },
        createNode: (context) => new ChordNode(context, { ring, ...(options.trustSuccessor === undefined ? {} : { trustSuccessor: options.trustSuccessor }) }),
        checkers: [lookupCorrect(plan.ids), lookupsComplete(plan.lookups.map((l) => l.lookupId))],
      });
      for (const id of plan.crashed) sim.at(CRASH_MS, () => sim.crash(String(id)));
      for (const l of plan.lookups) sim.at(l.atMs, () => sim.inject(String(l.from), { type: 'Lookup', lookupId: l.lookupId, key: l.key }, { from: String(l.from) }));
      return sim;
    },
    run(sim) {
      sim.runFor(DURATION_MS);
    },
    describe(seed) {
      const plan = chordPlan(seed);
      return [
        `${plan.ids.length} nodos; caídos en t=${CRASH_MS} ms: ${plan.crashed.join(', ') || 'ninguno'}`,
        `pérdida ${(plan.loss * 100).toFixed(1)} %, duplicación ${(plan.duplicate * 100).toFixed(1)} %, reordenación ${(plan.reorder * 100).toFixed(1)} %`,
        `búsquedas: ${plan.lookups.map((l) => `${l.lookupId}@${l.atMs} desde ${l.from}`).join(', ')}`,
      ].join('\n');
    },
  };
}
