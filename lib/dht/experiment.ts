/**
 * The chapter's measurements, as plain rows: lookup hops and messages against N for Chord and
 * Kademlia, failed lookups against churn (a seeded round model: a share of the nodes leaves
 * without notice and lookups run before any table is repaired), and flooding with a TTL.
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import { ChordRing } from './chord';
import type { DhtLookup } from './chord';
import { floodSearch, randomOverlay } from './flood';
import { ID_SPACE, randomIds, xor } from './ids';
import { KademliaNetwork } from './kademlia';

/** Mean hops and messages per lookup at one network size. */
export interface ScalingRow {
  readonly n: number;
  /** ½·log₂ N, the Chord paper's mean path length. */
  readonly halfLog2: number;
  readonly chordHops: number;
  readonly chordMessages: number;
  readonly kademliaHops: number;
  readonly kademliaRounds: number;
  readonly kademliaMessages: number;
  /** Lookups whose answer differed from the global sorted list / XOR order (should be 0). */
  readonly wrong: number;
  readonly lookups: number;
}

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);

/** Random (start, key) pairs over live nodes. */
function queries(ids: readonly number[], count: number, rng: ReturnType<typeof createRng>): [number, number][] {
  return Array.from({ length: count }, () => [rng.choice(ids), Math.floor(rng.next() * ID_SPACE)]);
}

/**
 * Builds a Chord ring and a Kademlia network for each size and runs `lookups` random lookups
 * on each, checking every answer against the global view.
 *
 * @example
 * lookupScaling({ seed: 1, sizes: [100, 1_000, 10_000], lookups: 200 });
 */
export function lookupScaling(options: { seed: Seed; sizes: readonly number[]; lookups?: number; successors?: number; k?: number; alpha?: number }): ScalingRow[] {
  const count = options.lookups ?? 200;
  return options.sizes.map((n) => {
    const rng = createRng(`${String(options.seed)}/dht-escala/${n}`);
    const ids = randomIds(n, rng);
    const ring = ChordRing.build(ids, { successors: options.successors ?? 8 });
    const kad = KademliaNetwork.build(ids, { rng: rng.fork('kademlia'), k: options.k ?? 20, alpha: options.alpha ?? 3 });
    const chord: DhtLookup[] = [];
    const kademlia: DhtLookup[] = [];
    let wrong = 0;
    for (const [from, key] of queries(ids, count, rng)) {
      const c = ring.lookup(from, key);
      const k = kad.lookup(from, key);
      if (c.owner !== ring.successor(key)) wrong++;
      if (k.owner !== closestByXor(ids, key)) wrong++;
      chord.push(c);
      kademlia.push(k);
    }
    return {
      n,
      halfLog2: Math.log2(n) / 2,
      chordHops: mean(chord.map((l) => l.hops)),
      chordMessages: mean(chord.map((l) => l.messages)),
      kademliaHops: mean(kademlia.map((l) => l.hops)),
      kademliaRounds: mean(kademlia.map((l) => l.rounds)),
      kademliaMessages: mean(kademlia.map((l) => l.messages)),
      wrong,
      lookups: count,
    };
  });
}

/** The node of `ids` closest to `key` by XOR (a linear scan: the global view). */
export function closestByXor(ids: Iterable<number>, key: number): number | null {
  let best: number | null = null;
  for (const id of ids) if (best === null || xor(id, key) < xor(best, key)) best = id;
  return best;
}

/** The first node of `ids` at or after `key` on the ring (a linear scan: the global view). */
export function successorByScan(ids: Iterable<number>, key: number): number | null {
  let best: number | null = null;
  let bestGap = Infinity;
  for (const id of ids) {
    const gap = (id - key + ID_SPACE) % ID_SPACE;
    if (gap < bestGap) {
      bestGap = gap;
      best = id;
    }
  }
  return best;
}

/** One DHT configuration of the churn experiment. */
export interface ChurnSystem {
  /** Spanish legend label, e.g. «Chord, r = 8». */
  readonly label: string;
  readonly kind: 'chord' | 'kademlia';
  readonly successors?: number;
  readonly k?: number;
  readonly alpha?: number;
}

/** The systems the chapter compares under churn. */
export const CHURN_SYSTEMS: readonly ChurnSystem[] = [
  { label: 'Chord, r = 1', kind: 'chord', successors: 1 },
  { label: 'Chord, r = 8', kind: 'chord', successors: 8 },
  { label: 'Kademlia, k = 2, α = 1', kind: 'kademlia', k: 2, alpha: 1 },
  { label: 'Kademlia, k = 20, α = 3', kind: 'kademlia', k: 20, alpha: 3 },
];

/** Failed lookups of one system at one churn rate. */
export interface ChurnRow {
  readonly system: string;
  /** Share of the nodes gone since the tables were last repaired (0–1). */
  readonly rate: number;
  /** Share of lookups that failed or answered a wrong (dead or not closest) node (0–1). */
  readonly failed: number;
  readonly timeoutsPerLookup: number;
  readonly messagesPerLookup: number;
  /** The first failure's reason, for the notebook. */
  readonly example?: string;
}

/**
 * Failed lookups against churn: for each rate, a share `rate` of the nodes leaves without
 * notice, and `lookups` lookups between random live nodes and random keys run on the stale
 * tables. A lookup fails if it gives up or answers anything but the live node responsible
 * (Chord: the first live successor of the key; Kademlia: the live node closest by XOR).
 *
 * @example
 * churnExperiment({ seed: 1, n: 1_000, rates: [0, 0.1, 0.3, 0.5], lookups: 200 });
 */
export function churnExperiment(options: { seed: Seed; n?: number; rates: readonly number[]; lookups?: number; systems?: readonly ChurnSystem[] }): ChurnRow[] {
  const n = options.n ?? 1_000;
  const count = options.lookups ?? 200;
  for (const rate of options.rates) if (!(rate >= 0 && rate < 1)) throw new RangeError(`cada tasa de churn debe estar en [0, 1), hay ${String(rate)}`);
  const rng = createRng(`${String(options.seed)}/dht-churn`);
  const ids = randomIds(n, rng);
  const systems = (options.systems ?? CHURN_SYSTEMS).map((s) => ({
    system: s,
    net: s.kind === 'chord' ? ChordRing.build(ids, { successors: s.successors ?? 8 }) : KademliaNetwork.build(ids, { rng: rng.fork(s.label), k: s.k ?? 20, alpha: s.alpha ?? 3 }),
  }));
  const rows: ChurnRow[] = [];
  for (const rate of options.rates) {
    const runRng = createRng(`${String(options.seed)}/dht-churn/${rate}`);
    const gone = new Set(runRng.sample(ids, Math.round(rate * n)));
    const aliveIds = ids.filter((id) => !gone.has(id));
    const alive = new Set(aliveIds);
    const qs = queries(aliveIds, count, runRng);
    for (const { system, net } of systems) {
      let failed = 0;
      let example: string | undefined;
      const runs = qs.map(([from, key]) => {
        const result = net.lookup(from, key, { alive });
        const expected = system.kind === 'chord' ? successorByScan(aliveIds, key) : closestByXor(aliveIds, key);
        if (result.owner !== expected) {
          failed++;
          example ??= result.failure ?? `respondió ${String(result.owner)} en vez de ${String(expected)}`;
        }
        return result;
      });
      rows.push({
        system: system.label,
        rate,
        failed: failed / count,
        timeoutsPerLookup: mean(runs.map((r) => r.timeouts)),
        messagesPerLookup: mean(runs.map((r) => r.messages)),
        ...(example === undefined ? {} : { example }),
      });
    }
  }
  return rows;
}

/** Reach and cost of a flooded query at one TTL. */
export interface FloodRow {
  readonly ttl: number;
  /** Mean share of the peers the query reached (0–1). */
  readonly reached: number;
  /** Mean copies of the query sent. */
  readonly messages: number;
  /** Share of queries that found a file held by `replicas` random peers (0–1). */
  readonly found: number;
  /**
   * Links |E| of the overlay. A flood that reaches every peer sends exactly 2·|E| − (N − 1)
   * messages: every link is crossed both ways, except the N − 1 a peer was first reached by
   * (nobody sends back to whoever sent it the query).
   */
  readonly edges: number;
}

/**
 * Flooding with a TTL on a random overlay (chapter 04's bootstrap lists): reach, messages and
 * the chance of finding a file with `replicas` copies, for each TTL.
 *
 * @example
 * floodExperiment({ seed: 1, peers: 1_000, ttls: [1, 2, 3, 4, 5, 6, 7], queries: 50, replicas: 10 });
 */
export function floodExperiment(options: { seed: Seed; peers?: number; contacts?: number; ttls: readonly number[]; queries?: number; replicas?: number }): FloodRow[] {
  const peers = options.peers ?? 1_000;
  const count = options.queries ?? 50;
  const rng = createRng(`${String(options.seed)}/dht-inundación`);
  const overlay = randomOverlay(peers, { contacts: options.contacts ?? 3, rng: rng.fork('overlay') });
  const names = [...overlay.keys()];
  let degrees = 0;
  for (const neighbours of overlay.values()) degrees += neighbours.length;
  const edges = degrees / 2;
  const trials = Array.from({ length: count }, () => ({ source: rng.choice(names), holders: new Set(rng.sample(names, Math.min(peers, options.replicas ?? 10))) }));
  return options.ttls.map((ttl) => {
    const runs = trials.map((t) => floodSearch(overlay, t.source, ttl, t.holders));
    return { ttl, reached: mean(runs.map((r) => r.reached / peers)), messages: mean(runs.map((r) => r.messages)), found: mean(runs.map((r) => (r.found ? 1 : 0))), edges };
  });
}
