/**
 * Explorer throughput on two-proposer, three-acceptor single-decree Paxos (correct version,
 * no losses: the whole state space, 24,137 distinct states), each figure next to references
 * measured in the same run, moments apart:
 *
 * - **full copy + hash**: for the same states, the cost of the naive snapshot an explorer
 *   without copy on write pays per successor: deep-copy every node and disk, encode the whole
 *   state canonically, fingerprint the text. The explorer copies and re-encodes only the node a
 *   step touches.
 * - **BFS without deduplication** to a small depth: how many schedules (tree nodes) a search
 *   that does not merge equal states visits per second, and how many it has to visit compared
 *   with the distinct states at the same depth.
 *
 * Run: `npx tsx bench/explore.bench.ts` (or `npm run bench -- explore`).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { explore } from '../lib/explore/index';
import type { ExploreOptions } from '../lib/explore/index';
import { canonical, cloneGraph, fingerprint } from '../lib/explore/snapshot';
import { WorldModel } from '../lib/explore/world';
import type { World } from '../lib/explore/world';
import { paxosAgreement, paxosLite } from '../lib/sim/examples/paxos-lite';
import type { PaxosLiteNode, PaxosMessage } from '../lib/sim/examples/paxos-lite';

const proposers = ['p1', 'p2'];
const acceptors = ['a1', 'a2', 'a3'];
const options: ExploreOptions<PaxosMessage, PaxosLiteNode> = {
  nodeIds: [...proposers, ...acceptors],
  createNode: paxosLite({ proposers, acceptors }),
  checkers: [paxosAgreement(acceptors.length)],
  faults: { drop: false },
};
const SHALLOW = 6;

type W = World<PaxosMessage, PaxosLiteNode>;

/** Every distinct state up to `depth`, breadth-first (the states the references work on). */
function statesUpTo(model: WorldModel<PaxosMessage, PaxosLiteNode>, depth: number): W[] {
  const seen = new Set<number>();
  const initial = model.initial();
  seen.add(model.fingerprint(initial));
  const all: W[] = [initial];
  let frontier = [initial];
  for (let d = 0; d < depth && frontier.length > 0; d++) {
    const next: W[] = [];
    for (const world of frontier) {
      for (const move of model.moves(world)) {
        const child = model.clone(world);
        model.apply(child, move);
        const f = model.fingerprint(child);
        if (seen.has(f)) continue;
        seen.add(f);
        next.push(child);
      }
    }
    all.push(...next);
    frontier = next;
  }
  return all;
}

/** Reference 1: a full deep copy, canonical text and fingerprint of each state. Returns ns per state. */
function fullCopyAndHash(worlds: readonly W[]): number {
  const start = process.hrtime.bigint();
  let sink = 0;
  for (const world of worlds) {
    const memo = new Map<object, unknown>();
    const nodes = cloneGraph(world.nodes, memo);
    const disks = cloneGraph(world.disks, memo);
    const text = canonical([nodes, disks, world.timers, world.inflight.map((m) => m.key), world.outputs]);
    sink += fingerprint(text) & 1;
  }
  if (sink < 0) console.log(sink);
  return Number(process.hrtime.bigint() - start) / worlds.length;
}

/** Reference 2: breadth-first search to `depth` without deduplication. Returns ns per schedule and the schedules visited. */
function bfsWithoutDedup(depth: number): { ns: number; schedules: number } {
  const model = new WorldModel(options);
  const start = process.hrtime.bigint();
  let frontier = [model.initial()];
  let schedules = 1;
  for (let d = 0; d < depth; d++) {
    const next: W[] = [];
    for (const world of frontier) {
      for (const move of model.moves(world)) {
        const child = model.clone(world);
        model.apply(child, move);
        model.check(child);
        next.push(child);
      }
    }
    schedules += next.length;
    frontier = next;
  }
  return { ns: Number(process.hrtime.bigint() - start) / schedules, schedules };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] as number;
}

setFlagsFromString('--expose-gc');
const fullGc = runInNewContext('gc') as () => void;
const model = new WorldModel(options);
const worlds = statesUpTo(model, 100);
const shallow = explore({ ...options, maxDepth: SHALLOW });
explore(options); // warm-up
const rounds: { exploreNs: number; transitionNs: number; transitions: number; copyNs: number; noDedupNs: number; states: number; schedules: number; exhausted: boolean }[] = [];
for (let round = 0; round < 3; round++) {
  fullGc();
  const result = explore(options);
  fullGc();
  const copyNs = fullCopyAndHash(worlds);
  fullGc();
  const tree = bfsWithoutDedup(SHALLOW);
  rounds.push({
    exploreNs: (result.elapsedMs * 1e6) / result.distinctStates,
    transitionNs: (result.elapsedMs * 1e6) / result.transitions,
    transitions: result.transitions,
    copyNs,
    noDedupNs: tree.ns,
    states: result.distinctStates,
    schedules: tree.schedules,
    exhausted: result.exhausted,
  });
}
const best = (key: 'exploreNs' | 'transitionNs' | 'copyNs' | 'noDedupNs') => Math.min(...rounds.map((r) => r[key]));
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const first = rounds[0] as (typeof rounds)[number];
console.log(`Paxos 2 proposers x 3 acceptors, no losses: ${fmt(first.states)} distinct states, ${fmt(first.transitions)} transitions (whole space: ${first.exhausted}).`);
console.log(`explorer (BFS + dedup + checks)        ${fmt(1e9 / best('exploreNs'))} distinct states/s, ${fmt(1e9 / best('transitionNs'))} transitions/s`);
console.log(`reference: full copy + hash per state  ${fmt(1e9 / best('copyNs'))} states/s (median ratio: an explorer transition costs ${median(rounds.map((r) => r.transitionNs / r.copyNs)).toFixed(2)}x one full copy + hash)`);
console.log(`reference: BFS without dedup, depth ${SHALLOW}  ${fmt(1e9 / best('noDedupNs'))} schedules/s (median ratio: an explorer transition costs ${median(rounds.map((r) => r.transitionNs / r.noDedupNs)).toFixed(2)}x one schedule)`);
console.log(`           at depth ${SHALLOW}: ${fmt(first.schedules)} schedules without dedup vs ${fmt(shallow.distinctStates)} distinct states (${(first.schedules / shallow.distinctStates).toFixed(1)}x the work)`);

// Bigger proofs, too slow for `npm test`: `EXPLORE_PROOFS=1 npm run bench -- explore`.
if (process.env['EXPLORE_PROOFS'] === '1') {
  console.log('\nBigger proofs of correct Paxos (agreement), each with its bound:');
  const proofs: { name: string; faults: ExploreOptions<PaxosMessage, PaxosLiteNode>['faults']; maxDepth: number }[] = [
    { name: 'losses', faults: { drop: true }, maxDepth: 40 },
    { name: 'one crash (and restarts), no losses', faults: { drop: false, crashes: 1 }, maxDepth: 11 },
    { name: 'one duplicate, no losses', faults: { drop: false, duplicates: 1 }, maxDepth: 13 },
  ];
  for (const proof of proofs) {
    const result = explore({ ...options, faults: proof.faults, maxDepth: proof.maxDepth });
    console.log(`  ${proof.name.padEnd(38)} ${result.verdict}${result.exhausted ? ' (whole space)' : ''}, depth ${result.depth}: ${result.summary}`);
  }
}
