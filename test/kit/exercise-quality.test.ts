// Exercise quality, tried as a student would: the public and hidden checks of every exercise
// run against alternative solutions written here. Plausible correct solutions (loops,
// reduce, other idioms) must pass every check under several grading seeds; plausible wrong
// ones (off by one, a forgotten edge case, mutating an argument) must fail some PUBLIC check,
// so a student can find the mistake before grading. The check files are loaded with `check`
// replaced by a collector and the exercise functions by whichever solution is on trial.
import { beforeAll, describe, expect, it, vi } from 'vitest';

const trial = vi.hoisted(() => ({ impl: new Map<string, (...args: never[]) => unknown>(), seed: 'calidad' }));
const collected = vi.hoisted(() => [] as { id: string; title: string; body: () => void | Promise<void>; visibility: 'public' | 'hidden' }[]);
const loading = vi.hoisted(() => ({ visibility: 'public' as 'public' | 'hidden' }));

vi.mock('../exercises/check', () => ({
  check: (id: string, title: string, body: () => void | Promise<void>) => collected.push({ id, title, body, visibility: loading.visibility }),
  checkSeed: (label: string) => `${trial.seed}:${label}`,
}));
// Each exercise function is routed to the solution on trial (or the teacher's when none is set).
const { routed } = vi.hoisted(() => ({
  routed: (names: string[]) => async (importOriginal: () => Promise<Record<string, unknown>>) => {
    const original = await importOriginal();
    const call = (name: string) => (...args: never[]) => (trial.impl.get(name) ?? (original[name] as (...a: never[]) => unknown))(...args);
    return { ...original, ...Object.fromEntries(names.map((name) => [name, call(name)])) };
  },
}));
vi.mock('../../lib/availability/availability', routed(['parallelAvailability', 'seriesAvailability']));
vi.mock('../../lib/fanout/fanout', routed(['fanOutLatency']));
vi.mock('../../lib/rpc/exercises', routed(['classifyMessage', 'batchReply']));
vi.mock('../../lib/messaging/idempotent', routed(['applyPaymentOnce']));
vi.mock('../../lib/clocks/lamport', routed(['lamportReceive']));
vi.mock('../../lib/clocks/vector', routed(['compareVectorClocks', 'mergeVectorClocks']));
vi.mock('../../lib/cap/exercises', routed(['mergePnCounters', 'lwwWinner', 'readYourWritesViolations']));
vi.mock('../../lib/master-worker/exercises', routed(['planAssignments']));
vi.mock('../../lib/p2p/exercises', routed(['floodOnChat']));
vi.mock('../../lib/mapreduce/exercises', routed(['splitBatches']));
vi.mock('../../lib/actors/exercises', routed(['cashierReceive']));
vi.mock('../../lib/raft/exercises', routed(['raftUpToDate', 'raftAdvanceCommitIndex']));
vi.mock('../../lib/paxos/exercises', routed(['choosePaxosValue']));
vi.mock('../../lib/pbft/exercises', routed(['pbftPrepared']));
vi.mock('../../lib/election/exercises', routed(['bullyOnElection']));
vi.mock('../../lib/mutex/exercises', routed(['ricartAgrawalaDefers']));
vi.mock('../../lib/lease/exercises', routed(['fencedWrite']));
vi.mock('../../lib/replication/exercises', routed(['quorumProperties', 'semiSyncCommitIndex', 'readRepairPlan']));
vi.mock('../../lib/detector/exercises', routed(['phiFromIntervals']));
vi.mock('../../lib/checkpoint/exercises', routed(['markerRule', 'recoveryLine']));
vi.mock('../../lib/balance/exercises-balancers', routed(['smoothWeightedStep']));
vi.mock('../../lib/balance/exercises', routed(['jumpConsistentHash', 'keysMovedByJoin']));
vi.mock('../../lib/nfs/exercises', routed(['attributeCacheDecision']));
vi.mock('../../lib/rsync/exercises', routed(['rollChecksum']));
vi.mock('../../lib/dfs/exercises', routed(['chooseReplicaTarget']));
vi.mock('../../lib/dht/exercises', routed(['xorBucket']));
vi.mock('../../lib/blockchain/exercises', routed(['validateChain', 'hashMeetsTarget']));
vi.mock('../../lib/stake/exercises', routed(['pickByStake']));
vi.mock('../../lib/gossip/exercises', routed(['pushPullRound']));
vi.mock('../../lib/spark/exercises', routed(['pageRankStep']));
vi.mock('../../lib/cdn/exercises', routed(['cheCharacteristicTime']));
vi.mock('../../lib/streaming/exercises', routed(['bufferBasedBitrate']));
vi.mock('../../lib/allreduce/exercises', routed(['ringAllReduceChunk']));

import { SOLUTIONS } from './exercise-alternatives';
import type { Fn } from './exercise-alternatives';

/** The chapters whose checks are tried (each needs its exercise modules routed above). */
const CHAPTERS = ['00-introduccion', '01-comunicacion', '02-relojes', '03-cap',
  '04-patrones-master-worker', '04-patrones-p2p', '04-patrones-mapreduce', '04-patrones-actors', '05-consistencia', '06-consenso', '07-coordinacion', '08-tolerancia',
  '09-carga-balancers', '09-carga-hashing', '10-archivos-nfs', '10-archivos-rsync', '10-archivos-dfs', '10-archivos-dht',
  '11-blockchain-chain', '11-blockchain-gossip',
  '12-nube-spark', '12-nube-cdn', '12-nube-video', '12-nube-ml'];

/** Runs every collected check of `id` with `solution`; returns the failing ones with their messages. */
async function failures(id: string, solution: Fn, visibility: 'public' | 'hidden'): Promise<string[]> {
  trial.impl.set(SOLUTIONS[id]!.fn, solution);
  const failed: string[] = [];
  for (const c of collected.filter((x) => x.id === id && x.visibility === visibility)) {
    try { await c.body(); } catch (error) { failed.push(`${c.title}: ${String(error).slice(0, 300)}`); }
  }
  trial.impl.clear();
  return failed;
}

beforeAll(async () => {
  for (const chapter of CHAPTERS) {
    for (const visibility of ['public', 'hidden'] as const) {
      loading.visibility = visibility;
      await import(`../exercises/${chapter}.${visibility}.test.ts`);
    }
  }
});

describe('exercise checks, tried against alternative solutions', () => {
  it('cover every exercise, each with public and hidden checks', () => {
    for (const id of Object.keys(SOLUTIONS)) {
      expect(collected.filter((c) => c.id === id && c.visibility === 'public').length, id).toBeGreaterThan(0);
      expect(collected.filter((c) => c.id === id && c.visibility === 'hidden').length, id).toBeGreaterThan(0);
    }
  });

  const correct = Object.entries(SOLUTIONS).flatMap(([id, s]) => Object.entries(s.correct).map(([name, fn]) => [id, name, fn] as const));
  it.each(correct)('%s: the correct solution "%s" passes every check, under three grading seeds', async (id, _name, fn) => {
    expect(await failures(id, fn, 'public')).toEqual([]);
    for (const seed of ['calidad-1', 'calidad-2', 'calidad-3']) {
      trial.seed = seed;
      expect(await failures(id, fn, 'hidden'), `seed ${seed}`).toEqual([]);
    }
  });

  const wrong = Object.entries(SOLUTIONS).flatMap(([id, s]) => Object.entries(s.wrong).map(([name, fn]) => [id, name, fn] as const));
  it.each(wrong)('%s: the wrong solution "%s" fails a public check and a hidden one', async (id, _name, fn) => {
    expect((await failures(id, fn, 'public')).length).toBeGreaterThan(0);
    expect((await failures(id, fn, 'hidden')).length).toBeGreaterThan(0);
  });

  const trivial = Object.entries(SOLUTIONS).flatMap(([id, s]) => Object.entries(s.trivial ?? {}).map(([name, fn]) => [id, name, fn] as const));
  it.each(trivial)('%s: the trivial answer "%s" earns nothing: it fails every check', async (id, _name, fn) => {
    const failed = [...(await failures(id, fn, 'public')), ...(await failures(id, fn, 'hidden'))];
    const passed = collected.filter((c) => c.id === id && !failed.some((f) => f.startsWith(`${c.title}: `))).map((c) => c.title);
    expect(passed).toEqual([]);
  });

  it('the teacher\'s solutions pass every check', async () => {
    trial.seed = 'calidad';
    for (const c of collected) await c.body();
  });
});
