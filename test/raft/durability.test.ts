/**
 * Figure 2: persistent state is on stable storage before a server responds to an RPC. In
 * `durability: 'fsync'` a reply must wait for the fsync that covers what it vouches for, also
 * when the step that sends it wrote nothing itself: a duplicate of an AppendEntries or a
 * RequestVote that arrives while the first copy's fsync is still running. Scripted on a
 * {@link ManualSimulation} (every message delivered by hand, fsyncs completed by running the
 * queue) and, for InstallSnapshot, by driving one server step by step on its own disk.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random/index';
import { raftCheckers, raftNode, RaftNode } from '../../lib/raft/index';
import type { RaftMessage } from '../../lib/raft/index';
import { ManualSimulation, MemoryDurableStore } from '../../lib/sim/index';
import type { Effect, NodeId } from '../../lib/sim/index';

const IDS = ['n1', 'n2', 'n3'];
/** Long enough that every scripted delivery (1 ms each) happens while an fsync is running. */
const FSYNC_MS = 50;
const SEED = 'durability';

type Held = { readonly from: NodeId; readonly to: NodeId; readonly message: RaftMessage };

function manual(): ManualSimulation<RaftMessage, RaftNode> {
  // Timeouts of 1 ms: an election timer fired by hand always starts an election (as figure8Script).
  return new ManualSimulation<RaftMessage, RaftNode>({
    seed: SEED,
    nodeIds: IDS,
    createNode: raftNode({ electionTimeoutMs: [1, 1], heartbeatMs: 1_000 }),
    checkers: raftCheckers(),
    durability: 'fsync',
    fsyncMs: FSYNC_MS,
  });
}

/** Lets every fsync started so far complete (and the effects waiting for it run). */
function settle(sim: ManualSimulation<RaftMessage, RaftNode>): void {
  sim.runFor(FSYNC_MS);
}

function indexOf(sim: ManualSimulation<RaftMessage, RaftNode>, match: (m: Held) => boolean): number {
  const index = sim.held.findIndex(match);
  if (index < 0) throw new Error(`no held message matches (held: ${sim.held.map((m) => `${m.from}→${m.to} ${m.message.type}`).join(', ')}; semilla ${SEED})`);
  return index;
}

/** Delivers every held message that `match` accepts, in send order (stops once a checker failed: the run is stopped). */
function deliverAll(sim: ManualSimulation<RaftMessage, RaftNode>, match: (m: Held) => boolean): void {
  for (let i = sim.held.findIndex(match); i >= 0 && !sim.violation; i = sim.held.findIndex(match)) sim.deliverHeld(i);
}

function dropAll(sim: ManualSimulation<RaftMessage, RaftNode>): void {
  while (sim.held.length > 0 && !sim.violation) sim.dropHeld(0);
}

/** n1 times out and wins term 1 with the votes of n2 and n3; every other message is lost. */
function electN1(sim: ManualSimulation<RaftMessage, RaftNode>): void {
  sim.fireArmedTimer('n1', 'election');
  settle(sim);
  for (const to of ['n2', 'n3']) sim.deliverHeld(indexOf(sim, (m) => m.to === to && m.message.type === 'RequestVote'));
  settle(sim);
  deliverAll(sim, (m) => m.to === 'n1' && m.message.type === 'RequestVoteReply');
  dropAll(sim);
}

const ackFrom = (id: NodeId, index: number) => (m: Held) =>
  m.from === id && m.message.type === 'AppendEntriesReply' && m.message.success && m.message.matchIndex >= index;
const grantFrom = (id: NodeId) => (m: Held) => m.from === id && m.message.type === 'RequestVoteReply' && m.message.voteGranted;

/**
 * n1 leads term 1 and replicates `put x=v1` (index 1) to n2 only; the AppendEntries reaches n2
 * twice, 1 ms apart, while n2's fsync of the entry (50 ms) is still running. Returns the
 * simulation at that moment, before any fsync of n2 completes.
 */
function duplicateAppendEntries(): ManualSimulation<RaftMessage, RaftNode> {
  const sim = manual();
  electN1(sim);
  sim.inject('n1', { type: 'ClientRequest', requestId: 'c1:1', op: { f: 'put', key: 'x', value: 'v1' } }, { from: 'c1' });
  sim.deliverHeld(indexOf(sim, (m) => m.to === 'n1' && m.message.type === 'ClientRequest'));
  settle(sim); // n1's own fsync of index 1, then its AppendEntries leave
  sim.dropHeld(indexOf(sim, (m) => m.to === 'n3' && m.message.type === 'AppendEntries'));
  const append = indexOf(sim, (m) => m.to === 'n2' && m.message.type === 'AppendEntries');
  sim.deliverHeld(append, { duplicate: true }); // n2 writes index 1 and starts its fsync
  sim.deliverHeld(append); // the duplicate: nothing new to write
  return sim;
}

/** n1 asks n2 for its vote in term 1; the RequestVote reaches n2 twice while n2's fsync of the vote runs. */
function duplicateRequestVote(): ManualSimulation<RaftMessage, RaftNode> {
  const sim = manual();
  sim.fireArmedTimer('n1', 'election');
  settle(sim);
  sim.dropHeld(indexOf(sim, (m) => m.to === 'n3' && m.message.type === 'RequestVote'));
  const request = indexOf(sim, (m) => m.to === 'n2' && m.message.type === 'RequestVote');
  sim.deliverHeld(request, { duplicate: true }); // n2 grants, writes term and votedFor, starts its fsync
  sim.deliverHeld(request); // the duplicate: the same vote again, nothing new to write
  return sim;
}

describe("Figure 2 with durability: 'fsync': no reply before the fsync that covers it", () => {
  it('a duplicate AppendEntries is not acknowledged while the fsync of its entries is still running', () => {
    const sim = duplicateAppendEntries();
    expect(sim.held.filter(ackFrom('n2', 1)), `n2 confirmó el índice 1 antes de que su fsync terminara (semilla ${SEED})`).toEqual([]);
    settle(sim);
    // Both copies are answered once the disk holds the entry.
    expect(sim.held.filter(ackFrom('n2', 1)).length, `semilla ${SEED}`).toBe(2);
    expect(sim.violation, `semilla ${SEED}`).toBeUndefined();
  });

  it('end to end: without that wait, a crash of the follower loses an entry the leader committed', () => {
    const sim = duplicateAppendEntries();
    sim.crash('n2'); // before its fsync completes: index 1 is not on its disk
    // Whatever n2 had sent reaches n1 (a message already in the network survives its sender).
    deliverAll(sim, ackFrom('n2', 1));
    settle(sim);
    const okReplies = sim.held.filter((m) => m.to === 'c1' && m.message.type === 'ClientReply' && m.message.status === 'ok');
    dropAll(sim);
    sim.tick();
    sim.restart('n2');
    sim.crash('n1');
    dropAll(sim);
    // n3 (which never got index 1) wins term 2 with the vote of n2, whose disk lost index 1.
    for (let attempt = 0; attempt < 3 && sim.node('n3')?.role !== 'leader' && !sim.violation; attempt++) {
      sim.fireArmedTimer('n3', 'election');
      settle(sim);
      deliverAll(sim, (m) => m.to === 'n2' && m.message.type === 'RequestVote');
      settle(sim);
      deliverAll(sim, (m) => m.to === 'n3' && m.message.type === 'RequestVoteReply');
      dropAll(sim);
    }
    const violation = sim.finish();
    expect(violation === undefined ? undefined : `${violation.checker}: ${violation.message}`, `semilla ${SEED}`).toBeUndefined();
    expect(okReplies, `n1 respondió ok a c1 por una entrada que solo su disco tenía (semilla ${SEED})`).toEqual([]);
    expect(sim.node('n1'), `semilla ${SEED}`).toBeUndefined();
    expect(sim.node('n3')?.role, `n3 debía ganar el término 2 (semilla ${SEED})`).toBe('leader');
  });

  it('a duplicate RequestVote is not granted again while the fsync of the vote is still running', () => {
    const sim = duplicateRequestVote();
    expect(sim.held.filter(grantFrom('n2')), `n2 concedió su voto antes de que su fsync terminara (semilla ${SEED})`).toEqual([]);
    settle(sim);
    expect(sim.held.filter(grantFrom('n2')).length, `semilla ${SEED}`).toBe(2);
  });

  it('end to end: without that wait, a crash of the voter gives term 1 two leaders', () => {
    const sim = duplicateRequestVote();
    deliverAll(sim, grantFrom('n2'));
    sim.crash('n2'); // before its fsync completes: its term and vote are lost
    dropAll(sim);
    sim.tick();
    sim.restart('n2');
    dropAll(sim);
    // n3 never heard of term 1: it starts it, and n2 (back at term 0) votes again.
    sim.fireArmedTimer('n3', 'election');
    settle(sim);
    sim.dropHeld(indexOf(sim, (m) => m.to === 'n1' && m.message.type === 'RequestVote'));
    sim.deliverHeld(indexOf(sim, (m) => m.to === 'n2' && m.message.type === 'RequestVote'));
    settle(sim);
    deliverAll(sim, grantFrom('n2'));
    const violation = sim.finish();
    expect(violation === undefined ? undefined : `${violation.checker}: ${violation.message}`, `semilla ${SEED}`).toBeUndefined();
    expect(sim.node('n3')?.role, `semilla ${SEED}`).toBe('leader');
  });

  it('a duplicate InstallSnapshot is answered only after an fsync (one server driven step by step)', () => {
    const durable = new MemoryDurableStore('fsync');
    const node = new RaftNode({ id: 'n2', nodeIds: IDS, rng: createRng(SEED), durable }, { electionTimeoutMs: [150, 300], heartbeatMs: 50 });
    node.start(0);
    const snapshot: RaftMessage = { type: 'InstallSnapshot', term: 1, leaderId: 'n1', lastIncludedIndex: 3, lastIncludedTerm: 1, data: { data: [['x', 'v3']], sessions: [] } };
    const first = node.step({ type: 'message', from: 'n1', message: snapshot }, 1);
    expect(first.findIndex((e) => e.type === 'fsync'), `semilla ${SEED}`).toBe(0);
    expect(durable.unsyncedWrites, 'the first fsync has not completed').toBeGreaterThan(0);
    const second = node.step({ type: 'message', from: 'n1', message: snapshot }, 2);
    expect(replyBeforeFsync(second), `n2 respondió al InstallSnapshot duplicado antes de un fsync (semilla ${SEED})`).toBe(false);
    expect(second.some((e) => e.type === 'send' && e.message.type === 'InstallSnapshotReply'), `semilla ${SEED}`).toBe(true);
  });

  it('a leader does not announce a commit that counts its own entry while the fsync of that entry still runs (step by step)', () => {
    const durable = new MemoryDurableStore('fsync');
    const node = new RaftNode({ id: 'n1', nodeIds: IDS, rng: createRng(SEED), durable }, { electionTimeoutMs: [150, 300], heartbeatMs: 50 });
    node.start(0);
    node.step({ type: 'timer', name: 'election' }, 1_000);
    durable.commitSync(durable.syncMark()); // the candidate's fsync of its term and vote completes
    node.step({ type: 'message', from: 'n2', message: { type: 'RequestVoteReply', term: 1, voteGranted: true } }, 1_001);
    expect(node.role, `semilla ${SEED}`).toBe('leader');
    node.step({ type: 'message', from: 'c1', message: { type: 'ClientRequest', requestId: 'c1:1', op: { f: 'put', key: 'x', value: 'v1' } } }, 1_002);
    expect(durable.unsyncedWrites, 'the fsync of index 1 has not completed').toBeGreaterThan(0);
    // n2's acknowledgement (from a disk faster than ours) makes index 1 committed: n1 + n2.
    const effects = node.step({ type: 'message', from: 'n2', message: { type: 'AppendEntriesReply', term: 1, success: true, matchIndex: 1, conflictTerm: 0, conflictIndex: 0 } }, 1_003);
    expect(effects.some((e) => e.type === 'output' && e.label === 'apply'), `semilla ${SEED}`).toBe(true);
    expect(replyBeforeFsync(effects), `n1 aplicó y respondió al cliente antes de tener el índice 1 en su disco (semilla ${SEED})`).toBe(false);
  });
});

/** True if a `send` or an `output` (something the world sees) comes before every `fsync` in `effects`. */
function replyBeforeFsync(effects: readonly Effect<RaftMessage>[]): boolean {
  const sync = effects.findIndex((e) => e.type === 'fsync');
  const seen = effects.findIndex((e) => e.type === 'send' || e.type === 'output');
  return seen >= 0 && (sync < 0 || seen < sync);
}
