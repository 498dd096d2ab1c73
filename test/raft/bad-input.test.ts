/**
 * Bad input, handled as the paper says and never a crash: stale terms (§5.1), messages from
 * servers outside the cluster, malformed messages and client requests, a client request to a
 * follower (§8: reject it and name the leader). Plus the paper's rules at one server: votes
 * (§5.2, §5.4.1) and the consistency check of AppendEntries (§5.3).
 */
import { describe, expect, it } from 'vitest';
import { raftNode } from '../../lib/raft/index';
import type { ClientReply, RaftMessage, RaftNode } from '../../lib/raft/index';
import { Simulation } from '../../lib/sim/index';

function cluster(seed: string): Simulation<RaftMessage, RaftNode> {
  return new Simulation<RaftMessage, RaftNode>({ seed, nodeIds: ['n1', 'n2', 'n3'], createNode: raftNode() });
}

function leaderOf(sim: Simulation<RaftMessage, RaftNode>): RaftNode {
  sim.runUntil(() => [...sim.nodes.values()].some((n) => n.role === 'leader'), { limitMs: 5_000 });
  const leader = [...sim.nodes.values()].find((n) => n.role === 'leader');
  if (leader === undefined) throw new Error(`sin líder (semilla ${sim.seed})`);
  return leader;
}

const replies = (sim: Simulation<RaftMessage, RaftNode>, to: string) => sim.received(to).map((d) => d.message).filter((m): m is ClientReply => m.type === 'ClientReply');
const rejected = (sim: Simulation<RaftMessage, RaftNode>) => sim.outputs.filter((o) => o.label === 'rejected');

describe('bad input (§5.1, §8)', () => {
  it('rejects an AppendEntries with a stale term and answers with its newer term (§5.1)', () => {
    const sim = cluster('stale-append');
    const leader = leaderOf(sim);
    sim.runFor(200);
    const follower = [...sim.nodes.values()].find((n) => n.id !== leader.id) as RaftNode;
    const term = follower.currentTerm;
    const deposed = [...sim.nodes.values()].find((n) => n.id !== leader.id && n.id !== follower.id) as RaftNode;
    sim.inject(follower.id, { type: 'AppendEntries', term: 0, leaderId: deposed.id, prevLogIndex: 0, prevLogTerm: 0, entries: [{ term: 0, command: null }], leaderCommit: 5 }, { from: deposed.id });
    sim.runFor(0.5);
    expect(follower.currentTerm).toBe(term);
    expect(follower.lastLogIndex).toBe(0);
    const reply = sim.trace.filter((e) => e.kind === 'send' && e.from === follower.id && e.to === deposed.id && e.message.type === 'AppendEntriesReply').pop();
    expect(reply?.kind === 'send' ? reply.message : undefined).toMatchObject({ success: false, term });
    expect(sim.violation).toBeUndefined();
  });

  it('denies a RequestVote with a stale term and one from a candidate whose log is behind (§5.2, §5.4.1)', () => {
    const sim = cluster('stale-vote');
    const leader = leaderOf(sim);
    sim.inject(leader.id, { type: 'ClientRequest', requestId: 'c1:1', op: { f: 'put', key: 'x', value: 'a' } }, { from: 'c1' });
    sim.runFor(300);
    const voter = [...sim.nodes.values()].find((n) => n.id !== leader.id) as RaftNode;
    const other = [...sim.nodes.values()].find((n) => n.id !== leader.id && n.id !== voter.id) as RaftNode;
    const term = voter.currentTerm;
    // A newer term but an empty log: the voter moves to the term and still refuses (§5.4.1).
    sim.inject(voter.id, { type: 'RequestVote', term: term + 5, candidateId: other.id, lastLogIndex: 0, lastLogTerm: 0 }, { from: other.id });
    sim.runFor(0.5);
    expect(voter.currentTerm).toBe(term + 5);
    expect(voter.votedFor).toBeNull();
  });

  it('ignores peer messages from servers outside the cluster, with a record of why', () => {
    const sim = cluster('outsider');
    const leader = leaderOf(sim);
    const term = leader.currentTerm;
    sim.inject(leader.id, { type: 'RequestVote', term: term + 10, candidateId: 'n9', lastLogIndex: 99, lastLogTerm: 99 }, { from: 'n9' });
    sim.runFor(1);
    expect(leader.role).toBe('leader');
    expect(leader.currentTerm).toBe(term);
    expect(rejected(sim).map((o) => (o.data as { reason: string }).reason)).toContain('n9 no es miembro del clúster');
  });

  it('drops malformed messages without crashing, and answers a malformed client request with an error', () => {
    const sim = cluster('malformed');
    const leader = leaderOf(sim);
    const junk: unknown[] = [null, 42, 'hola', { type: 'Nope' }, { type: 'AppendEntries', term: 'x' }, { type: 'RequestVote', term: -1, candidateId: 'n2', lastLogIndex: 0, lastLogTerm: 0 }, { type: 'AppendEntries', term: 9, leaderId: 'n2', prevLogIndex: 0, prevLogTerm: 0, entries: [{ bad: true }], leaderCommit: 0 }];
    for (const m of junk) sim.inject(leader.id, m as RaftMessage, { from: 'n2' });
    sim.inject(leader.id, { type: 'ClientRequest', requestId: 'c1:1', op: { f: 'delete', key: 'x' } } as unknown as RaftMessage, { from: 'c1' });
    sim.inject(leader.id, { type: 'ClientRequest', requestId: 'sin-secuencia', op: { f: 'get', key: 'x' } }, { from: 'c1' });
    sim.inject(leader.id, { type: 'ClientRequest', requestId: 'c1:2', op: { f: 'put', key: 'x' } } as unknown as RaftMessage, { from: 'c1' });
    sim.runFor(50);
    expect(sim.violation).toBeUndefined();
    expect(leader.role).toBe('leader');
    expect(rejected(sim).length).toBeGreaterThanOrEqual(junk.length + 3);
    const errors = replies(sim, 'c1').filter((r) => r.status === 'error');
    expect(errors.map((r) => r.requestId).sort()).toEqual(['c1:1', 'c1:2', 'sin-secuencia']);
  });

  it('a client request to a follower gets notLeader with a hint of the leader (§8)', () => {
    const sim = cluster('redirect');
    const leader = leaderOf(sim);
    sim.runFor(200);
    const follower = [...sim.nodes.values()].find((n) => n.id !== leader.id) as RaftNode;
    sim.inject(follower.id, { type: 'ClientRequest', requestId: 'c1:1', op: { f: 'get', key: 'x' } }, { from: 'c1' });
    sim.runFor(50);
    expect(replies(sim, 'c1')).toEqual([{ type: 'ClientReply', status: 'notLeader', requestId: 'c1:1', leaderHint: leader.id }]);
  });

  it('a retried request is executed once and answered from the session table (§8)', () => {
    const sim = cluster('dedup');
    const leader = leaderOf(sim);
    for (let i = 0; i < 3; i++) {
      sim.inject(leader.id, { type: 'ClientRequest', requestId: 'c1:1', op: { f: 'append', key: 'x', value: 'a' } }, { from: 'c1' });
      sim.runFor(100);
    }
    sim.inject(leader.id, { type: 'ClientRequest', requestId: 'c1:2', op: { f: 'get', key: 'x' } }, { from: 'c1' });
    sim.runFor(100);
    const ok = replies(sim, 'c1').filter((r) => r.status === 'ok');
    expect(ok.filter((r) => r.requestId === 'c1:1').length).toBe(3);
    expect(ok.find((r) => r.requestId === 'c1:2')).toMatchObject({ output: 'a' });
  });

  it('rejects an AppendEntries whose prevLogIndex/prevLogTerm do not match, with the fast-backup hint (§5.3)', () => {
    const sim = cluster('consistency');
    const leader = leaderOf(sim);
    sim.runFor(200);
    const follower = [...sim.nodes.values()].find((n) => n.id !== leader.id) as RaftNode;
    sim.inject(follower.id, { type: 'AppendEntries', term: leader.currentTerm, leaderId: leader.id, prevLogIndex: 7, prevLogTerm: leader.currentTerm, entries: [], leaderCommit: 0 }, { from: leader.id });
    sim.runFor(0.5);
    expect(follower.lastLogIndex).toBe(0);
    const reply = sim.trace.filter((e) => e.kind === 'send' && e.from === follower.id && e.message.type === 'AppendEntriesReply').pop();
    expect(reply?.kind === 'send' ? reply.message : undefined).toMatchObject({ success: false, conflictTerm: -1, conflictIndex: 1 });
  });

  it('rejects bad options with a clear RangeError', () => {
    expect(() => raftNode({ electionTimeoutMs: [300, 150] })).toThrow(RangeError);
    expect(() => raftNode({ heartbeatMs: 0 })).toThrow(/heartbeatMs/);
    expect(() => raftNode({ snapshotEvery: 0 })).toThrow(/snapshotEvery/);
  });
});
