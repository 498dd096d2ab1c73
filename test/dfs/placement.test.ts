// HDFS's default placement (BlockPlacementPolicyDefault.chooseTargetInOrder), the variants the
// sweep must catch, and the priority queues of LowRedundancyBlocks.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random/index';
import { chooseTargets, firstNodesChoice, hdfsPlacementChoice, racksOf, rackUnawareChoice } from '../../lib/dfs/placement';
import { deadNodeTimeoutMs, HDFS_DEFAULTS, redundancyPriority, SCALED_TIMING } from '../../lib/dfs/config';
import { blockCount, rackTopology, splitIntoBlocks } from '../../lib/dfs/topology';

const rackOf = new Map([['d1', 'r1'], ['d2', 'r1'], ['d3', 'r2'], ['d4', 'r2'], ['d5', 'r3'], ['d6', 'r3']]);

describe('HDFS default placement, one choice at a time', () => {
  it.each([
    ['1st replica on the writer', [], 'd3', ['d1', 'd3', 'd5'], 'd3'],
    ['1st replica: writer down → a node on its rack', [], 'd3', ['d1', 'd4', 'd5'], 'd4'],
    ['1st replica: writer down, rack empty → any', [], 'd3', ['d1', 'd5'], 'd1'],
    ['1st replica: client outside the cluster → any', [], null, ['d6', 'd1'], 'd6'],
    ['1st replica: writer not a DataNode → any', [], 'cliente', ['d2', 'd1'], 'd2'],
    ['2nd replica on another rack', ['d1'], 'd1', ['d2', 'd5', 'd3'], 'd5'],
    ['2nd replica: only the same rack left', ['d1'], 'd1', ['d2'], 'd2'],
    ['3rd replica on the 2nd replica\'s rack', ['d1', 'd5'], 'd1', ['d2', 'd3', 'd6'], 'd6'],
    ['3rd replica: first two share a rack → another rack', ['d3', 'd4'], 'd3', ['d1'], 'd1'],
    ['3rd replica: 2nd rack full → any', ['d1', 'd5'], 'd1', ['d2', 'd3'], 'd2'],
    ['4th replica → any', ['d1', 'd5', 'd6'], 'd1', ['d4', 'd2'], 'd4'],
    ['no candidates → null', ['d1'], 'd1', [], null],
  ] as const)('%s', (_name, chosen, writer, candidates, expected) => {
    expect(hdfsPlacementChoice(rackOf, chosen, writer, candidates)).toBe(expected);
  });

  it('a new block gets 3 distinct nodes on exactly 2 racks, the writer first (2,000 seeded blocks on 3 racks × 4)', () => {
    const topology = rackTopology({ racks: 3, nodesPerRack: 4 });
    const rng = createRng('colocación');
    for (let i = 0; i < 2_000; i++) {
      const writer = rng.bernoulli(0.8) ? rng.choice(topology.dataNodes) : null;
      const targets = chooseTargets({ choose: hdfsPlacementChoice, rackOf: topology.rackOf, chosen: [], writer, eligible: topology.dataNodes, count: 3, rng });
      expect(new Set(targets).size, `bloque ${i}`).toBe(3);
      expect(racksOf(topology.rackOf, targets).size, `bloque ${i}: ${targets}`).toBe(2);
      if (writer !== null) expect(targets[0]).toBe(writer);
      // The 2nd and 3rd share a rack that is not the writer's.
      expect(topology.rackOf.get(targets[1] as string)).toBe(topology.rackOf.get(targets[2] as string));
      expect(topology.rackOf.get(targets[1] as string)).not.toBe(topology.rackOf.get(targets[0] as string));
    }
  });

  it('re-replication from one live replica: one copy on another rack, one on the source\'s rack (the source acts as writer)', () => {
    const rng = createRng(3);
    for (let i = 0; i < 200; i++) {
      const t = chooseTargets({ choose: hdfsPlacementChoice, rackOf, chosen: ['d1'], writer: 'd1', eligible: [...rackOf.keys()].filter((d) => d !== 'd1'), count: 2, rng, keepLast: 'd1' });
      expect(t.length).toBe(2);
      expect(rackOf.get(t[0] as string)).not.toBe('r1');
      expect(rackOf.get(t[1] as string)).toBe('r1');
    }
  });

  it('the rack-unaware and first-nodes variants ignore racks', () => {
    expect(rackUnawareChoice(rackOf, ['d1'], 'd1', ['d2', 'd3'])).toBe('d2');
    const first = firstNodesChoice(['d1', 'd2', 'd3', 'd4']);
    expect(chooseTargets({ choose: first, rackOf, chosen: [], writer: 'd4', eligible: [...rackOf.keys()], count: 3, rng: createRng(1) })).toEqual(['d1', 'd2', 'd3']);
  });

  it('a choice outside the candidates is a clear error', () => {
    expect(() => chooseTargets({ choose: () => 'd9', rackOf, chosen: [], writer: null, eligible: ['d1'], count: 1, rng: createRng(1) })).toThrow(/no está entre los candidatos/);
  });
});

describe('timing, priorities and blocks', () => {
  it('the dead-node timeout is 2·recheck + 10·heartbeat = 10.5 min by default, 90 s scaled', () => {
    expect(deadNodeTimeoutMs(HDFS_DEFAULTS)).toBe(630_000);
    expect(deadNodeTimeoutMs(SCALED_TIMING)).toBe(90_000);
  });

  it.each([
    [0, 3, 0, 'corrupt'], [1, 3, 1, 'highest'], [2, 3, 2, 'low'], [2, 7, 1, 'veryLow'], [3, 10, 2, 'veryLow'], [4, 10, 2, 'low'],
    [3, 3, 1, 'badlyDistributed'], [3, 3, 2, undefined], [1, 1, 1, undefined],
  ] as const)('LowRedundancyBlocks.getPriority(live=%i, expected=%i, racks=%i) = %s', (live, expected, racks, priority) => {
    expect(redundancyPriority(live, expected, racks)).toBe(priority);
  });

  it('files split into ⌈size / block⌉ blocks with ids across the namespace; bad sizes are clear errors', () => {
    expect(blockCount(0, 10)).toBe(0);
    expect(blockCount(10, 10)).toBe(1);
    expect(blockCount(11, 10)).toBe(2);
    const files = splitIntoBlocks([{ name: 'a', sizeBytes: 25, writer: null }, { name: 'b', sizeBytes: 5, writer: 'd1' }], 10);
    expect(files.map((f) => f.blocks)).toEqual([['blk_0001', 'blk_0002', 'blk_0003'], ['blk_0004']]);
    expect(() => blockCount(-1, 10)).toThrow(RangeError);
    expect(() => blockCount(1, 0)).toThrow(RangeError);
    expect(() => splitIntoBlocks([{ name: 'a', sizeBytes: 1, writer: null }, { name: 'a', sizeBytes: 1, writer: null }], 10)).toThrow(/repetido/);
    expect(() => rackTopology({ racks: 0, nodesPerRack: 2 })).toThrow(RangeError);
  });
});
