import { describe, expect, it } from 'vitest';
import { Simulation } from '../../lib/sim/simulation';
import { hashKey, preferenceList, quorumStore } from '../../lib/replication/quorum';
import type { QuorumNode } from '../../lib/replication/quorum';
import type { QuorumMessage } from '../../lib/replication/messages';
import { hintedHandoffDemo, readRepairDemo, sloppyQuorumDemo } from '../../lib/replication/quorum-demos';
import { stalenessCurve } from '../../lib/replication/pbs';

describe('leaderless quorum store (Dynamo)', () => {
  it('places a key on N consecutive nodes of the ring, the same every time', () => {
    const nodes = ['n1', 'n2', 'n3', 'n4', 'n5'];
    const list = preferenceList('x', nodes, 3);
    expect(list).toHaveLength(3);
    expect(new Set(list).size).toBe(3);
    expect(preferenceList('x', nodes, 3)).toEqual(list);
    expect(preferenceList('x', nodes, 9)).toHaveLength(5);
    expect(hashKey('a')).not.toBe(hashKey('b'));
  });

  it('read repair: the replica that missed a write gets it from the next read', () => {
    const { snapshots, readResult } = readRepairDemo();
    expect(snapshots[0]!.values['n3']).toBe('—');
    expect(readResult).toBe('v1');
    expect(snapshots[1]!.values).toEqual({ n1: 'v1', n2: 'v1', n3: 'v1' });
  });

  it('hinted handoff: a write for a crashed owner waits on a spare node and reaches the owner when it returns', () => {
    const { snapshots, owners, writeResult } = hintedHandoffDemo();
    const down = owners[2]!;
    expect(writeResult).toBe(true); // W = 3 reached with the hint (sloppy quorum)
    expect(snapshots[0]!.values[down]).toBe('caído');
    expect(Object.values(snapshots[0]!.values).some((v) => v.includes(`pista para ${down}: v1`))).toBe(true);
    expect(snapshots[1]!.values[down]).toBe('v1');
    expect(Object.values(snapshots[1]!.values).some((v) => v.includes('pista'))).toBe(false);
  });

  it('a sloppy quorum under a partition returns a stale read although R + W > N', () => {
    const { writeResult, readResult } = sloppyQuorumDemo();
    expect(writeResult).toBe(true);
    expect(readResult).toBe('v0');
  });

  it('PBS: with R + W > N no read is stale; with R = W = 1 some are, fewer as time passes (Bailis et al.)', () => {
    const delaysMs = [0, 10, 100];
    const strict = stalenessCurve({ n: 3, r: 2, w: 2, delaysMs, seeds: 80 });
    expect(strict.probabilityStale).toEqual([0, 0, 0]);
    const weak = stalenessCurve({ n: 3, r: 1, w: 1, delaysMs, seeds: 80 });
    expect(weak.reads).toEqual([80, 80, 80]);
    expect(weak.probabilityStale[0]).toBeGreaterThan(0.05);
    expect(weak.probabilityStale[0]!).toBeGreaterThan(weak.probabilityStale[2]!);
    expect(weak.probabilityStale[2]).toBe(0);
  });

  it('is deterministic: same seeds, same staleness curve', () => {
    const run = () => stalenessCurve({ n: 3, r: 1, w: 1, delaysMs: [0, 5], seeds: 20, seedPrefix: 'det' });
    expect(run()).toEqual(run());
  });

  it('answers malformed requests with an error and survives malformed replica messages', () => {
    const sim = new Simulation<QuorumMessage, QuorumNode>({ seed: 1, nodeIds: ['n1', 'n2', 'n3'], createNode: quorumStore() });
    for (const input of [null, { f: 'write', key: 'x' }, { f: 'zap', key: 'x' }, { f: 'read', key: '' }, { f: 'read', key: 'a|b' }]) {
      sim.inject('n1', { type: 'Request', requestId: `r${String(input)}`, input } as unknown as QuorumMessage, { from: 'x' });
    }
    for (const junk of [null, 'hola', { type: 'Put', op: 'o', key: 'x', item: null }, { type: 'Nope' }, { type: 'PutAck', op: 3 }]) sim.inject('n2', junk as unknown as QuorumMessage, { from: 'n1' });
    sim.runFor(300);
    expect(sim.violation).toBeUndefined();
    const replies = sim.received('x').map((d) => d.message as { output?: { error?: string } });
    expect(replies).toHaveLength(5);
    for (const r of replies) expect(r.output?.error).toMatch(/mal formada/);
    expect(sim.node('n2')!.store.size).toBe(0);
  });

  it('rejects quorums larger than N', () => {
    expect(() => new Simulation({ seed: 1, nodeIds: ['n1', 'n2', 'n3'], createNode: quorumStore({ n: 3, r: 4 }), onViolation: 'throw' })).toThrow(/r debe estar entre 1 y n=3/);
  });
});
