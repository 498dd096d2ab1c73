/**
 * The catalogue of sweeps `npm run sweep` runs: every example protocol with the verdict its
 * sweep must reach — the correct ones pass, each seeded bug is caught. Scenarios are named by
 * module and export so that worker processes can load them.
 */
import { Simulation } from '../simulation';
import type { ScenarioModule } from '../sweep-workers';
import { mutualExclusion, unsafeLock } from './unsafe-lock';
import type { UnsafeLockNode } from './unsafe-lock';
import { CHECKPOINT_SWEEPS } from '../../checkpoint/sweep-entries';
import { ALLREDUCE_SWEEPS } from '../../allreduce/sweep-entries';
import { RAFT_SWEEP_CATALOGUE } from '../../raft/catalogue';

/** One sweep of the catalogue and what it must find. */
export interface CatalogueSweep {
  /** A short name (`--only` matches it). */
  readonly name: string;
  readonly scenario: ScenarioModule;
  /** `'pass'`: no seed may fail; otherwise the checkers that must catch it (at least one seed each). */
  readonly expect: 'pass' | readonly string[];
}

/**
 * The unsafe lock (3 nodes, 3 s) as a sweep scenario: two nodes end up in the critical section.
 *
 * @example
 * sweep({ seeds: 1_000, scenario: unsafeLockScenario });
 */
export function unsafeLockScenario(seed: number | string, { trace }: { trace: boolean }): Simulation<never, UnsafeLockNode> {
  const sim = new Simulation<never, UnsafeLockNode>({ seed, trace, nodeIds: ['n1', 'n2', 'n3'], createNode: unsafeLock({ thinkMsMean: 2_000, criticalMs: 10 }), checkers: [mutualExclusion] });
  sim.runFor(3_000);
  return sim;
}

// Absolute when the module system gives a directory (Node, tsx, vitest); relative to the checkout otherwise.
const here = (file: string) => `${typeof __dirname === 'string' ? __dirname : 'lib/sim/examples'}/${file}`;

// The chapters' protocols (their scenario modules live beside them in lib/<topic>/).
const CAP = here('../../cap/sweep-scenario.ts');
const REPL = here('../../replication/crash-scenario.ts');
const PAXOS = here('../../paxos/scenarios.ts');
const PBFT = here('../../pbft/scenarios.ts');
const ELECTION = here('../../election/scenario.ts');
const MUTEX = here('../../mutex/scenario.ts');
const LEASE = here('../../lease/scenario.ts');
const P2P = here('../../p2p/scenario.ts');
const ACTORS = here('../../actors/restaurant-scenario.ts');
const BALANCE = here('../../balance/queueing-scenario.ts');
const DHT = here('../../dht/scenario.ts');
const GOSSIP = here('../../gossip/scenario.ts');
const DFS = here('../../dfs/scenario.ts');

/** Every sweep `npm run sweep` runs, in order. */
export const SWEEP_CATALOGUE: readonly CatalogueSweep[] = [
  { name: 'unsafe-lock', scenario: { module: here('sweep-catalogue.ts'), export: 'unsafeLockScenario' }, expect: ['mutualExclusion'] },
  { name: 'raft-lite', scenario: { module: here('raft-lite-scenario.ts'), export: 'raftLiteScenario', args: [{}] }, expect: 'pass' },
  { name: 'raft-lite-figure8', scenario: { module: here('raft-lite-scenario.ts'), export: 'raftLiteScenario', args: [{ raft: { figure8Bug: true } }] }, expect: ['leaderCompleteness'] },
  { name: 'raft-lite-unpersisted-votes', scenario: { module: here('raft-lite-scenario.ts'), export: 'raftLiteScenario', args: [{ raft: { unpersistedVotes: true } }] }, expect: ['electionSafety'] },
  { name: 'raft-lite-liveness', scenario: { module: here('raft-lite-scenario.ts'), export: 'raftLiteScenario', args: [{ liveness: true }] }, expect: 'pass' },
  { name: 'kv-register', scenario: { module: here('kv-register-scenario.ts'), export: 'kvRegisterScenario', args: [{}] }, expect: 'pass' },
  { name: 'cap-cp', scenario: { module: CAP, export: 'capScenario', args: [{ mode: 'cp' }] }, expect: 'pass' },
  { name: 'cap-ap-lww', scenario: { module: CAP, export: 'capScenario', args: [{ mode: 'ap', strategy: 'lww' }] }, expect: 'pass' },
  { name: 'cap-ap-pn', scenario: { module: CAP, export: 'capScenario', args: [{ mode: 'ap', strategy: 'pn-counter' }] }, expect: 'pass' },
  { name: 'cap-ap-siblings', scenario: { module: CAP, export: 'capScenario', args: [{ mode: 'ap', strategy: 'siblings' }] }, expect: 'pass' },
  { name: 'cap-ap-broken-merge', scenario: { module: CAP, export: 'capScenario', args: [{ mode: 'ap', strategy: 'lww', brokenMerge: true }] }, expect: ['apConvergence'] },
  { name: 'replication-sync', scenario: { module: REPL, export: 'replicationCrashScenario', args: [{ mode: 'sync' }] }, expect: 'pass' },
  { name: 'replication-semisync', scenario: { module: REPL, export: 'replicationCrashScenario', args: [{ mode: 'semisync', acks: 1 }] }, expect: 'pass' },
  { name: 'replication-async', scenario: { module: REPL, export: 'replicationCrashScenario', args: [{ mode: 'async' }] }, expect: ['noLostAcknowledgedWrites'] },
  { name: 'replication-semisync1-double-crash', scenario: { module: REPL, export: 'replicationCrashScenario', args: [{ mode: 'semisync', acks: 1, crashBestBackup: true }] }, expect: ['noLostAcknowledgedWrites'] },
  { name: 'replication-semisync2-double-crash', scenario: { module: REPL, export: 'replicationCrashScenario', args: [{ mode: 'semisync', acks: 2, crashBestBackup: true }] }, expect: 'pass' },
  ...RAFT_SWEEP_CATALOGUE,
  { name: 'multi-paxos', scenario: { module: PAXOS, export: 'multiPaxosScenario', args: [{}] }, expect: 'pass' },
  { name: 'multi-paxos-ignore-reported', scenario: { module: PAXOS, export: 'multiPaxosScenario', args: [{ paxos: { ignoreReported: true } }] }, expect: ['slotAgreement'] },
  { name: 'pbft', scenario: { module: PBFT, export: 'pbftScenario', args: [{}] }, expect: 'pass' },
  { name: 'pbft-quorum-2f', scenario: { module: PBFT, export: 'pbftScenario', args: [{ pbft: { quorum: 2 } }] }, expect: ['honestAgreement'] },
  { name: 'pbft-f-plus-1', scenario: { module: PBFT, export: 'pbftScenario', args: [{ traitorCount: 2 }] }, expect: ['honestAgreement'] },
  { name: 'election-bully', scenario: { module: ELECTION, export: 'electionScenario', args: [{ algorithm: 'bully' }] }, expect: 'pass' },
  { name: 'election-bully-partition', scenario: { module: ELECTION, export: 'electionScenario', args: [{ algorithm: 'bully', partition: true }] }, expect: ['splitBrain'] },
  { name: 'election-ring', scenario: { module: ELECTION, export: 'electionScenario', args: [{ algorithm: 'ring' }] }, expect: 'pass' },
  { name: 'election-chang-roberts', scenario: { module: ELECTION, export: 'electionScenario', args: [{ algorithm: 'changRoberts' }] }, expect: 'pass' },
  { name: 'election-ring-crash', scenario: { module: ELECTION, export: 'electionScenario', args: [{ algorithm: 'ring', crash: true }] }, expect: ['leaderAgreement'] },
  { name: 'mutex-central', scenario: { module: MUTEX, export: 'mutexScenario', args: [{ algorithm: 'central' }] }, expect: 'pass' },
  { name: 'mutex-ricart-agrawala', scenario: { module: MUTEX, export: 'mutexScenario', args: [{ algorithm: 'ricartAgrawala' }] }, expect: 'pass' },
  { name: 'mutex-lamport', scenario: { module: MUTEX, export: 'mutexScenario', args: [{ algorithm: 'lamport' }] }, expect: 'pass' },
  { name: 'mutex-token-ring', scenario: { module: MUTEX, export: 'mutexScenario', args: [{ algorithm: 'tokenRing' }] }, expect: 'pass' },
  { name: 'mutex-maekawa', scenario: { module: MUTEX, export: 'mutexScenario', args: [{ algorithm: 'maekawa' }] }, expect: 'pass' },
  { name: 'mutex-lamport-no-fifo', scenario: { module: MUTEX, export: 'mutexScenario', args: [{ algorithm: 'lamport', fifo: false }] }, expect: ['mutualExclusion'] },
  { name: 'mutex-maekawa-liveness', scenario: { module: MUTEX, export: 'mutexScenario', args: [{ algorithm: 'maekawa', liveness: true }] }, expect: 'pass' },
  { name: 'mutex-maekawa-deadlock', scenario: { module: MUTEX, export: 'mutexScenario', args: [{ algorithm: 'maekawa', liveness: true, deadlockFree: false }] }, expect: ['requestsServed'] },
  { name: 'mutex-ricart-agrawala-crash', scenario: { module: MUTEX, export: 'mutexScenario', args: [{ algorithm: 'ricartAgrawala', liveness: true, crash: true }] }, expect: ['requestsServed'] },
  { name: 'mutex-central-crash', scenario: { module: MUTEX, export: 'mutexScenario', args: [{ algorithm: 'central', liveness: true, crash: true }] }, expect: ['requestsServed'] },
  { name: 'mutex-token-ring-crash', scenario: { module: MUTEX, export: 'mutexScenario', args: [{ algorithm: 'tokenRing', liveness: true, crash: true }] }, expect: ['requestsServed'] },
  { name: 'lease-fencing', scenario: { module: LEASE, export: 'leaseScenario', args: [{ fencing: true }] }, expect: 'pass' },
  { name: 'lease-no-fencing', scenario: { module: LEASE, export: 'leaseScenario', args: [{ fencing: false }] }, expect: ['staleWrite'] },
  ...CHECKPOINT_SWEEPS,
  ...ALLREDUCE_SWEEPS,
  { name: 'p2p-flood', scenario: { module: P2P, export: 'p2pScenario', args: [{}] }, expect: 'pass' },
  { name: 'p2p-no-retransmit', scenario: { module: P2P, export: 'p2pScenario', args: [{ reliable: false }] }, expect: ['floodCoverage'] },
  { name: 'p2p-gossip-fanout-2', scenario: { module: P2P, export: 'p2pScenario', args: [{ fanout: 2 }] }, expect: ['floodCoverage'] },
  { name: 'actors-restaurant', scenario: { module: ACTORS, export: 'restaurantScenario', args: [{}] }, expect: 'pass' },
  { name: 'actors-restaurant-erlang-mailbox', scenario: { module: ACTORS, export: 'restaurantScenario', args: [{ mailbox: 'discard' }] }, expect: 'pass' },
  { name: 'actors-restaurant-fire-and-forget', scenario: { module: ACTORS, export: 'restaurantScenario', args: [{ bug: 'fireAndForget' }] }, expect: ['everyOrderAnswered'] },
  { name: 'actors-restaurant-no-dedup', scenario: { module: ACTORS, export: 'restaurantScenario', args: [{ bug: 'noDedup' }] }, expect: ['servedAtMostOnce'] },
  { name: 'p2p-dedup-after-deliver', scenario: { module: P2P, export: 'p2pScenario', args: [{ dedupBeforeDeliver: false }] }, expect: ['deliveredOnce'] },
  { name: 'balance-queueing', scenario: { module: BALANCE, export: 'queueingScenario', args: [{ requests: 150 }] }, expect: 'pass' },
  { name: 'balance-queueing-no-dedup', scenario: { module: BALANCE, export: 'queueingScenario', args: [{ bug: 'no-dedup', requests: 150 }] }, expect: ['servedOnce'] },
  { name: 'balance-queueing-ignore-slots', scenario: { module: BALANCE, export: 'queueingScenario', args: [{ bug: 'ignore-slots', requests: 150 }] }, expect: ['withinCapacity'] },
  { name: 'chord-lookup', scenario: { module: DHT, export: 'chordScenario', args: [{}] }, expect: 'pass' },
  { name: 'chord-one-successor', scenario: { module: DHT, export: 'chordScenario', args: [{ successors: 1 }] }, expect: ['lookupsComplete'] },
  { name: 'chord-trust-successor', scenario: { module: DHT, export: 'chordScenario', args: [{ trustSuccessor: true }] }, expect: ['lookupCorrect'] },
  { name: 'gossip', scenario: { module: GOSSIP, export: 'gossipScenario', args: [{}] }, expect: 'pass' },
  { name: 'gossip-one-hop', scenario: { module: GOSSIP, export: 'gossipScenario', args: [{ oneHop: true }] }, expect: ['gossipCoverage'] },
  { name: 'hdfs', scenario: { module: DFS, export: 'hdfsScenario', args: [{}] }, expect: 'pass' },
  { name: 'hdfs-rack-unaware', scenario: { module: DFS, export: 'hdfsScenario', args: [{ placement: 'rackUnaware' }] }, expect: ['noBlockLost'] },
  { name: 'hdfs-first-nodes', scenario: { module: DFS, export: 'hdfsScenario', args: [{ placement: 'firstNodes' }] }, expect: ['noBlockLost'] },
  { name: 'hdfs-keep-dead-replicas', scenario: { module: DFS, export: 'hdfsScenario', args: [{ keepDeadReplicas: true }] }, expect: ['reReplicated'] },
  { name: 'kv-register-stale-reads', scenario: { module: here('kv-register-scenario.ts'), export: 'kvRegisterScenario', args: [{ kv: { staleReads: true } }] }, expect: ['linearizability'] },
];
