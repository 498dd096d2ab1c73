// The NameNode and DataNodes on lib/sim: heartbeats, the dead-node timeout, re-replication in
// HDFS's priority order, determinism and bad input.
import { describe, expect, it } from 'vitest';
import { hdfsCluster, liveReplicaCounts } from '../../lib/dfs/cluster';
import { deadNodeTimeoutMs, HDFS_DEFAULTS, SCALED_TIMING } from '../../lib/dfs/config';
import { DataNode, NAMENODE_ID } from '../../lib/dfs/datanode';
import { replicationTimeline } from '../../lib/dfs/experiment';
import { parseDfsMessage } from '../../lib/dfs/messages';
import type { DfsMessage } from '../../lib/dfs/messages';
import { firstNodesChoice, racksOf } from '../../lib/dfs/placement';

describe('HDFS cluster on lib/sim', () => {
  it('a DataNode heartbeats the NameNode every 3 s', () => {
    const c = hdfsCluster({ seed: 5, files: 4, trace: true });
    c.sim.runFor(30_000);
    const beats = c.sim.trace.filter((e) => e.kind === 'send' && e.from === 'd2' && e.to === NAMENODE_ID && (e.message as DfsMessage).type === 'Heartbeat').map((e) => e.timeMs);
    expect(beats.length, 'semilla 5').toBe(10);
    for (let i = 1; i < beats.length; i++) expect((beats[i] as number) - (beats[i - 1] as number)).toBeCloseTo(3_000, 6);
  });

  it.each([1, 2, 3])('a dead DataNode is declared dead no sooner than 10.5 min after its last heartbeat, and no later than one recheck (5 min) after that (seed %i)', (seed) => {
    const t = replicationTimeline({ seed, failure: 'node', target: `d${seed + 2}`, sampleEveryMs: 60_000 });
    const timeout = deadNodeTimeoutMs(HDFS_DEFAULTS);
    expect(t.detectedAtMs, `semilla ${seed}`).toBeDefined();
    const delay = (t.detectedAtMs as number) - t.failAtMs;
    expect(delay, `semilla ${seed}`).toBeGreaterThan(timeout - HDFS_DEFAULTS.heartbeatIntervalMs);
    expect(delay, `semilla ${seed}`).toBeLessThanOrEqual(timeout + HDFS_DEFAULTS.recheckIntervalMs);
    // Nothing is copied before the NameNode knows: the truth stays short until the detection.
    const before = t.samples.filter((s) => s.timeMs > t.failAtMs && s.timeMs < (t.detectedAtMs as number));
    expect(before.every((s) => s.underReplicated > 0 && s.byPriority.low + s.byPriority.highest === 0), `semilla ${seed}`).toBe(true);
    expect(t.repairedAtMs, `semilla ${seed}`).toBeDefined();
    expect(t.lostBlocks).toBe(0);
  });

  it('after a rack dies every block gets 3 replicas back, on at least 2 racks (seed 7)', () => {
    const c = hdfsCluster({ seed: 7, config: SCALED_TIMING });
    c.sim.at(10_000, () => { for (const d of ['d5', 'd6', 'd7', 'd8']) c.sim.crash(d); });
    c.sim.runFor(400_000);
    const counts = liveReplicaCounts(c);
    expect([...counts.values()].every((n) => n === 3), 'semilla 7').toBe(true);
    const holders = new Map<string, string[]>();
    for (const id of c.topology.dataNodes) {
      const n = c.sim.node(id);
      if (n instanceof DataNode) for (const b of n.blocks) holders.set(b, [...(holders.get(b) ?? []), id]);
    }
    for (const [b, h] of holders) expect(racksOf(c.topology.rackOf, h).size, `${b}: ${h}`).toBeGreaterThanOrEqual(2);
  });

  it('re-replication serves single-replica blocks first (HDFS priority), FIFO does not (seeds 1–5)', () => {
    for (let seed = 1; seed <= 5; seed++) {
      for (const order of ['hdfs', 'fifo'] as const) {
        const c = hdfsCluster({ seed, config: SCALED_TIMING, priorityOrder: order });
        c.sim.at(10_000, () => { for (const d of ['d1', 'd2', 'd3', 'd4']) c.sim.crash(d); });
        c.sim.runFor(300_000);
        const s = c.namenode().scheduled;
        const firstRound = s.filter((x) => x.timeMs === s[0]?.timeMs);
        const single = s.filter((x) => x.priority === 'highest').length;
        expect(single, `semilla ${seed}`).toBeGreaterThan(firstRound.length);
        if (order === 'hdfs') expect(firstRound.every((x) => x.priority === 'highest'), `semilla ${seed}`).toBe(true);
        else expect(firstRound.some((x) => x.priority !== 'highest'), `semilla ${seed}`).toBe(true);
      }
    }
  });

  it('blocks with every replica on one rack (badlyDistributed) get one more copy on another rack (seeds 1–3)', () => {
    for (let seed = 1; seed <= 3; seed++) {
      // Written on the first nodes (all on r1) by an override, so the NameNode checks racks.
      const c = hdfsCluster({ seed, files: 8, config: SCALED_TIMING, chooseTarget: firstNodesChoice(['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8', 'd9', 'd10', 'd11', 'd12']) });
      expect(c.namenode().underReplicatedByPriority().badlyDistributed, `semilla ${seed}`).toBe(0);
      c.sim.runFor(2_000);
      expect(c.namenode().underReplicatedByPriority().badlyDistributed, `semilla ${seed}`).toBe(c.layout.size);
      c.sim.runFor(60_000);
      const s = c.namenode().scheduled;
      expect(s.length, `semilla ${seed}`).toBe(c.layout.size);
      expect(s.every((x) => x.priority === 'badlyDistributed' && x.targets.length === 1 && c.topology.rackOf.get(x.targets[0] ?? '') !== 'r1'), `semilla ${seed}`).toBe(true);
      const holders = new Map<string, string[]>();
      for (const id of c.topology.dataNodes) {
        const n = c.sim.node(id);
        if (n instanceof DataNode) for (const b of n.blocks) holders.set(b, [...(holders.get(b) ?? []), id]);
      }
      // Four replicas on two racks: the excess one is kept (HDFS would delete one on r1).
      for (const [b, h] of holders) expect([h.length, racksOf(c.topology.rackOf, h).size], `semilla ${seed}: ${b} en ${h}`).toEqual([4, 2]);
      expect(c.namenode().underReplicatedByPriority().badlyDistributed, `semilla ${seed}`).toBe(0);
    }
  });

  it('a rack-blind policy (the catalogued firstNodes) never sees its blocks as badly distributed', () => {
    const c = hdfsCluster({ seed: 4, files: 8, config: SCALED_TIMING, placement: 'firstNodes' });
    c.sim.runFor(60_000);
    expect(c.namenode().scheduled.length, 'semilla 4').toBe(0);
    expect(c.namenode().underReplicatedByPriority().badlyDistributed, 'semilla 4').toBe(0);
  });

  it('a DataNode back before the timeout needs no copies', () => {
    const c = hdfsCluster({ seed: 9, config: SCALED_TIMING });
    c.sim.at(10_000, () => c.sim.crash('d3'));
    c.sim.at(40_000, () => c.sim.restart('d3'));
    c.sim.runFor(300_000);
    expect(c.namenode().scheduled.length, 'semilla 9').toBe(0);
    expect(c.sim.outputs.filter((o) => o.label === 'datanodeDead').length).toBe(0);
  });

  it('same seed, same trace', () => {
    const run = () => {
      const c = hdfsCluster({ seed: 11, files: 6, config: SCALED_TIMING, loss: 0.01, trace: true });
      c.sim.at(5_000, () => c.sim.crash('d2'));
      c.sim.runFor(150_000);
      return c.sim.traceText();
    };
    expect(run()).toBe(run());
  });
});

describe('bad input', () => {
  it.each([
    [null, /no es un objeto/],
    [{ type: 'Heartbeat', xmitsInProgress: -1 }, /entero/],
    [{ type: 'BlockReport', blocks: 'blk_0001' }, /lista/],
    [{ type: 'HeartbeatReply', commands: [{ block: 'b' }], reRegister: false }, /commands/],
    [{ type: 'TransferBlock', block: '', sizeBytes: 1 }, /block/],
    [{ type: 'BlockReceived', block: 'b' }, /source/],
    [{ type: 'Borrar' }, /desconocido/],
  ])('parseDfsMessage(%j) is a Spanish reason', (m, reason) => {
    expect(parseDfsMessage(m)).toMatch(reason);
  });

  it('malformed messages, unknown senders, unknown blocks and commands for missing blocks are rejected, and the cluster carries on', () => {
    const c = hdfsCluster({ seed: 2, files: 4, config: SCALED_TIMING });
    const sim = c.sim;
    sim.runFor(1_000);
    sim.inject(NAMENODE_ID, { type: 'Heartbeat', xmitsInProgress: 'x' } as unknown as DfsMessage, { from: 'd1' });
    sim.inject(NAMENODE_ID, { type: 'Heartbeat', xmitsInProgress: 0 }, { from: 'intruso' });
    sim.inject(NAMENODE_ID, { type: 'BlockReceived', block: 'blk_9999', source: 'd2' }, { from: 'd1' });
    sim.inject(NAMENODE_ID, { type: 'TransferBlock', block: 'blk_0001', sizeBytes: 1 }, { from: 'd1' });
    sim.inject('d1', { type: 'HeartbeatReply', commands: [{ block: 'blk_9999', targets: ['d2'] }], reRegister: false }, { from: NAMENODE_ID });
    sim.inject('d1', { type: 'Heartbeat', xmitsInProgress: 0 }, { from: 'd2' });
    sim.inject('d1', 42 as unknown as DfsMessage, { from: 'd2' });
    sim.runFor(60_000);
    const rejected = sim.outputs.filter((o) => o.label === 'rejected');
    expect(rejected.length, JSON.stringify(rejected)).toBe(7);
    expect(sim.violation).toBeUndefined();
    expect([...liveReplicaCounts(c).values()].every((n) => n === 3)).toBe(true);
  });
});
