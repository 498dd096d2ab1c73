/**
 * The paper's Figure 8 (§5.4.2), scripted step by step on a {@link ManualSimulation}: every
 * message is delivered or lost by hand and every election timer fired by hand, so the run is
 * exactly the figure's — after index 1 is committed everywhere in term 1, (a) S1 leads term 2 and replicates index 2 to S2 only; (b) S1
 * crashes, S5 wins term 3 with S3 and S4 and appends its own index 2; (c) S5 crashes, S1
 * restarts, wins term 4 and replicates its term-2 entry to S3, a majority; (d) S1 crashes and
 * S5 wins again with S2, S3 and S4 and overwrites index 2 everywhere. With §5.4.2 that is legal
 * (S1 never committed the old entry by counting); with `commitOldTerms` S1 applied it in (c)
 * and the checkers catch the lost entry.
 */
import { ManualSimulation } from '../sim/manual';
import type { NodeId } from '../sim/types';
import { raftCheckers } from './checkers';
import type { RaftConfig } from './config';
import type { RaftMessage } from './messages';
import { raftNode } from './node';
import type { RaftNode } from './node';

/** One step of the script: its Spanish caption and every server's log as a list of terms. */
export interface Figure8Step {
  readonly label: string;
  /** Per server (`S1`…`S5`), the term of each entry (index 1 first); `null` while crashed. */
  readonly logs: ReadonlyMap<NodeId, readonly number[] | null>;
  readonly commitIndex: ReadonlyMap<NodeId, number>;
  readonly leader: NodeId | undefined;
  readonly term: number | undefined;
}

/** What {@link figure8Script} returns: the simulation, the steps and the first violation. */
export interface Figure8Run {
  readonly sim: ManualSimulation<RaftMessage, RaftNode>;
  readonly steps: readonly Figure8Step[];
  readonly violation: string | undefined;
}

const IDS = ['S1', 'S2', 'S3', 'S4', 'S5'] as const;

/**
 * Runs Figure 8 by hand. `raft` passes options to the servers (e.g. `{ bugs: { commitOldTerms:
 * true } }`, or a student's `advanceCommitIndex`).
 *
 * @example
 * figure8Script().violation;                                        // undefined: §5.4.2 keeps it safe
 * figure8Script({ raft: { bugs: { commitOldTerms: true } } }).violation; // 'leaderCompleteness: …'
 */
export function figure8Script(options: { readonly raft?: Partial<RaftConfig> } = {}): Figure8Run {
  // Timeouts of 1 ms: an election timer fired by hand (one 1-ms step later) always starts an election.
  const sim = new ManualSimulation<RaftMessage, RaftNode>({ seed: 'figure-8', nodeIds: [...IDS], createNode: raftNode({ ...options.raft, electionTimeoutMs: [1, 1], heartbeatMs: 1_000 }), checkers: raftCheckers() });
  const steps: Figure8Step[] = [];
  let seq = 0;
  const note = (label: string) => {
    const logs = new Map<NodeId, number[] | null>();
    const commitIndex = new Map<NodeId, number>();
    for (const id of IDS) {
      const node = sim.node(id);
      logs.set(id, node === undefined ? null : node.log.entries.map((e) => e.term));
      commitIndex.set(id, node?.commitIndex ?? 0);
    }
    const leader = [...sim.nodes.values()].filter((n) => n.role === 'leader').sort((a, b) => b.currentTerm - a.currentTerm)[0];
    steps.push({ label, logs, commitIndex, leader: leader?.id, term: leader?.currentTerm });
  };
  /** Delivers held messages that `allow` accepts (dropping the rest) until none are held. */
  const exchange = (allow: (from: NodeId, to: NodeId, m: RaftMessage) => boolean) => {
    for (let guard = 0; guard < 1_000 && sim.held.length > 0 && !sim.violation; guard++) {
      const m = sim.held[0];
      if (m === undefined) break;
      if (allow(m.from, m.to, m.message)) sim.deliverHeld(0);
      else sim.dropHeld(0);
    }
  };
  /** `candidate` times out (until it wins) and only `voters` hear it. */
  const elect = (candidate: NodeId, voters: readonly NodeId[]) => {
    for (let attempt = 0; attempt < 4 && sim.node(candidate)?.role !== 'leader' && !sim.violation; attempt++) {
      sim.fireArmedTimer(candidate, 'election');
      // Only the election's messages: the AppendEntries a new leader sends at once are lost here.
      exchange((from, to, m) => (m.type === 'RequestVote' || m.type === 'RequestVoteReply') && ((from === candidate && voters.includes(to)) || (to === candidate && voters.includes(from))));
    }
  };
  /** A client command at `leader`, replicated only to `to` (with their replies). */
  const command = (leader: NodeId, to: readonly NodeId[]) => {
    seq++;
    sim.inject(leader, { type: 'ClientRequest', requestId: `c:${seq}`, op: { f: 'put', key: 'x', value: `v${seq}` } }, { from: 'c' });
    exchange((from, dest) => (from === 'c' && dest === leader) || (from === leader && to.includes(dest)) || (dest === leader && to.includes(from)));
  };
  /** A heartbeat round from `leader` to `to` (how followers learn the commit index). */
  const heartbeat = (leader: NodeId, to: readonly NodeId[]) => {
    sim.fireArmedTimer(leader, 'heartbeat');
    exchange((from, dest) => (from === leader && to.includes(dest)) || (dest === leader && to.includes(from)));
  };
  const all = (but: NodeId) => IDS.filter((id) => id !== but);

  // Term 1: S2 leads and commits index 1 everywhere; then S1 wins term 2.
  elect('S2', all('S2'));
  command('S2', all('S2'));
  heartbeat('S2', all('S2'));
  elect('S1', all('S1'));
  heartbeat('S1', all('S1'));
  note('Índice 1 comprometido en todos; S1 es líder del término 2');
  command('S1', ['S2']);
  note('(a) S1, líder del término 2, replica el índice 2 solo en S2');
  sim.crash('S1');
  elect('S5', ['S3', 'S4']);
  command('S5', []);
  note('(b) S1 cae; S5 gana el término 3 con S3 y S4 y añade otro índice 2');
  sim.crash('S5');
  sim.tick();
  sim.restart('S1');
  exchange(() => false);
  elect('S1', ['S2', 'S3', 'S4']);
  // S2 already holds index 2; S3 gets it after one rejection (fast backup). S4 hears nothing.
  heartbeat('S1', ['S2', 'S3']);
  heartbeat('S1', ['S2', 'S3']);
  note('(c) S5 cae; S1 vuelve, gana el término 4 y replica su índice 2 (del término 2) en S3: ya está en una mayoría (S1, S2, S3)');
  if (!sim.violation) {
    sim.crash('S1');
    sim.tick();
    sim.restart('S5');
    exchange(() => false);
    elect('S5', ['S2', 'S3', 'S4']);
    command('S5', ['S2', 'S3', 'S4']);
    heartbeat('S5', ['S2', 'S3', 'S4']);
    note('(d) S1 cae; S5 gana el término 5 con S2, S3 y S4 y sobrescribe el índice 2 con su entrada del término 3');
  }
  sim.finish();
  return { sim, steps, violation: sim.violation === undefined ? undefined : `${sim.violation.checker}: ${sim.violation.message}` };
}
