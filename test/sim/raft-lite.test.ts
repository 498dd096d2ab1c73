import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random/index';
import { electionSafety, latency, logMatching, raftLite, raftLiteCheckers, raftLiteScenario, Simulation, stateMachineSafety, sweep } from '../../lib/sim/index';
import type { ClusterView, RaftLiteApply, RaftLiteEntry, RaftLiteMessage, RaftLiteNode, RaftLiteOptions } from '../../lib/sim/index';

const nodeIds = ['n1', 'n2', 'n3', 'n4', 'n5'];

function quietCluster(seed: number, raft: RaftLiteOptions = {}) {
  const sim = new Simulation<RaftLiteMessage, RaftLiteNode>({ seed, nodeIds, createNode: raftLite(raft), checkers: raftLiteCheckers() });
  for (let t = 100, k = 1; t < 3_000; t += 100, k++) {
    sim.at(t, () => {
      for (const node of sim.nodes.values()) if (node.role === 'leader') sim.inject(node.id, { type: 'ClientRequest', command: `c${k}` });
    });
  }
  return sim;
}

const applied = (sim: Simulation<RaftLiteMessage, RaftLiteNode>, id: string) =>
  sim.outputs.filter((o) => o.node === id && o.label === 'apply').map((o) => (o.data as RaftLiteApply).command);

describe('raft-lite', () => {
  it('elects one leader and every node applies the same commands in order on a quiet network (§5.2, §5.3)', () => {
    const sim = quietCluster(1);
    sim.runFor(3_500);
    expect(sim.violation, 'seed=1').toBeUndefined();
    const leaders = [...sim.nodes.values()].filter((n) => n.role === 'leader');
    expect(leaders).toHaveLength(1);
    const first = applied(sim, 'n1');
    expect(first.length).toBeGreaterThan(20);
    for (const id of nodeIds) expect(applied(sim, id), id).toEqual(first);
  });

  it('keeps currentTerm, votedFor and the log across a crash (Figure 2: persistent state)', () => {
    const sim = quietCluster(2);
    sim.runFor(1_500);
    const before = sim.node('n3') as RaftLiteNode;
    const saved = { term: before.currentTerm, vote: before.votedFor, log: [...before.log] };
    sim.crash('n3').restart('n3');
    const after = sim.node('n3') as RaftLiteNode;
    expect(after).not.toBe(before);
    expect({ term: after.currentTerm, vote: after.votedFor, log: [...after.log] }).toEqual(saved);
    expect(after.commitIndex).toBe(0); // volatile (§5, Figure 2)
  });

  it('forgets currentTerm and votedFor across a crash with unpersistedVotes (the bug)', () => {
    const sim = quietCluster(2, { unpersistedVotes: true });
    sim.runFor(1_500);
    expect((sim.node('n3') as RaftLiteNode).currentTerm).toBeGreaterThan(0);
    sim.crash('n3').restart('n3');
    expect((sim.node('n3') as RaftLiteNode).currentTerm).toBe(0);
    expect((sim.node('n3') as RaftLiteNode).votedFor).toBeNull();
  });

  /**
   * The paper's Figure 8, by hand: (a) leader L1 replicates A to one follower and crashes;
   * (b) L2 is elected by the other three, appends B alone and crashes; (c) L1's side elects L3,
   * which replicates A to a majority; (d) L3 crashes and L2 is elected again, without A.
   */
  function figure8(figure8Bug: boolean) {
    const sim = new Simulation<RaftLiteMessage, RaftLiteNode>({ seed: 8, nodeIds, createNode: raftLite({ figure8Bug }), network: { latency: latency.constant(1) }, checkers: raftLiteCheckers() });
    const leader = (group: readonly string[]) => group.map((id) => sim.node(id)).find((n) => n?.role === 'leader');
    expect(sim.runUntil(() => leader(nodeIds) !== undefined, { limitMs: 3_000 })).toBe(true);
    const l1 = (leader(nodeIds) as RaftLiteNode).id;
    const x = nodeIds.find((id) => id !== l1) as string;
    const rest = nodeIds.filter((id) => id !== l1 && id !== x);
    sim.partition([l1, x], rest).inject(l1, { type: 'ClientRequest', command: 'A' }).runFor(20);
    sim.crash(l1);
    expect(sim.runUntil(() => leader(rest) !== undefined, { limitMs: 3_000 })).toBe(true);
    const l2 = (leader(rest) as RaftLiteNode).id;
    const [y, z] = rest.filter((id) => id !== l2) as [string, string];
    sim.partition([l2], nodeIds.filter((id) => id !== l2)).inject(l2, { type: 'ClientRequest', command: 'B' }).runFor(5);
    sim.crash(l2).heal().restart(l1);
    // Only a holder of A can win now: Y and Z have emptier logs and cannot get a third vote.
    expect(sim.runUntil(() => leader([l1, x]) !== undefined, { limitMs: 3_000 })).toBe(true);
    const l3 = (leader([l1, x]) as RaftLiteNode).id;
    sim.runFor(30); // L3 replicates A (term 1 of L1) to Y and Z: a majority holds it.
    expect([y, z].map((id) => sim.node(id)?.log[0]?.command)).toEqual(['A', 'A']);
    // (d) L3 crashes; only L2 can win in [L2 Y Z] (its last term is newer than A's).
    sim.crash(l3).partition([l2, y, z], [l1, x]).restart(l2);
    sim.runUntil(() => leader([l2]) !== undefined, { limitMs: 3_000 });
    return { sim, l2 };
  }

  it('Figure 8 (§5.4.2): counting replicas of an earlier term commits A, which the next leader lacks', () => {
    const { sim, l2 } = figure8(true);
    expect(sim.violation?.checker, sim.traceText({ tail: 30 })).toBe('leaderCompleteness');
    expect(sim.violation?.nodes).toContain(l2);
  });

  it('Figure 8 (§5.4.2): with the rule, A is never committed and L2 may overwrite it', () => {
    const { sim, l2 } = figure8(false);
    expect(sim.violation).toBeUndefined();
    expect(sim.outputs.filter((o) => o.label === 'apply')).toEqual([]);
    expect(sim.node(l2)?.role).toBe('leader');
    sim.runFor(200);
    expect(sim.node(l2)?.log.map((e) => e.command)).toEqual(['B']);
  });

  it('passes 40 seeds of swarm faults and nemesis when correct', () => {
    const result = sweep({ seeds: 40, scenario: raftLiteScenario() });
    expect(result.failures.map((f) => `seed=${f.seed}: ${f.violation.message}`)).toEqual([]);
    expect(result.events).toBeGreaterThan(40 * 500);
  });

  it.each([
    ['figure8Bug', { figure8Bug: true }, 'leaderCompleteness', 60],
    ['unpersistedVotes', { unpersistedVotes: true }, 'electionSafety', 60],
  ] as const)('catches %s within 60 seeds, and the failing seed replays to the same violation', (_name, raft, checkerName, within) => {
    const scenario = raftLiteScenario({ raft });
    const result = sweep({ seeds: within, scenario, stopAtFirst: true });
    expect(result.violation?.checker, result.report).toBe(checkerName);
    expect(result.seedsRun).toBeLessThanOrEqual(within);
    expect(result.replayed, result.report).toBe(true);
    // By hand: the same seed, run again with the trace off, hits the same violation at the same event.
    const again = scenario.setup(result.seed as number, { trace: false });
    scenario.run(again);
    expect(again.violation).toEqual(result.violation);
    // The report shows the seed's fault plan and a window starting at the cause.
    const explanation = result.failures[0]?.explanation;
    expect(explanation?.report).toContain('Plan de fallos de la semilla:');
    expect(explanation?.report).toContain('némesis:');
    expect(explanation?.traceLines.some((line) => line.endsWith('◀ causa'))).toBe(true);
    expect(explanation?.nodes).toEqual(result.violation?.nodes);
  });
});

/** A cluster view over hand-made logs, for the checkers alone. */
function fakeView(logs: Map<string, RaftLiteEntry[]>, outputs: { timeMs: number; node: string; label: string; data?: unknown }[] = []): ClusterView<RaftLiteNode> {
  const nodes = new Map([...logs].map(([id, log]) => [id, { id, role: 'follower', currentTerm: 1, log } as unknown as RaftLiteNode]));
  return { nowMs: 0, nodes, crashed: new Set(), outputs, clients: [], history: [], durable: () => ({ get: () => undefined, keys: () => [], readLog: () => [], logLength: () => 0 }) };
}

/** Log Matching checked naively: every pair of logs that ever existed, every index. */
function naiveLogMatching(all: readonly RaftLiteEntry[][]): boolean {
  for (const a of all) {
    for (const b of all) {
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        if (a[i]?.term !== b[i]?.term) continue;
        for (let j = 0; j <= i; j++) if (a[j]?.term !== b[j]?.term || a[j]?.command !== b[j]?.command) return false;
      }
    }
  }
  return true;
}

describe('raft-lite checkers', () => {
  it('logMatching (incremental) agrees with an all-pairs rescan of every log that existed, on 300 random edit sequences', () => {
    const rng = createRng('log-matching');
    let violations = 0;
    for (let run = 0; run < 300; run++) {
      const logs = new Map(['a', 'b', 'c'].map((id) => [id, [] as RaftLiteEntry[]]));
      const instance = logMatching.create();
      const snapshots: RaftLiteEntry[][] = [];
      let incremental = true;
      let naive = true;
      for (let step = 0; step < 12 && incremental && naive; step++) {
        const log = logs.get(rng.choice(['a', 'b', 'c'])) as RaftLiteEntry[];
        if (log.length > 0 && rng.bernoulli(0.3)) log.length = rng.int(0, log.length - 1);
        else log.push({ term: rng.int(1, 3), command: `x${rng.int(1, 2)}` });
        incremental = !instance.onEvent?.(undefined as never, fakeView(logs));
        for (const l of logs.values()) snapshots.push([...l]);
        naive = naiveLogMatching(snapshots);
      }
      expect(incremental, `run ${run}: ${JSON.stringify([...logs])}`).toBe(naive);
      if (!naive) violations++;
    }
    expect(violations).toBeGreaterThan(20); // the generator does produce violations
  });

  it('stateMachineSafety reports two nodes applying different entries at one index, naming both', () => {
    const instance = stateMachineSafety.create();
    const outputs = [
      { timeMs: 1, node: 'a', label: 'apply', data: { index: 1, term: 1, command: 'x', atTerm: 1 } },
      { timeMs: 2, node: 'b', label: 'apply', data: { index: 1, term: 1, command: 'x', atTerm: 2 } },
    ];
    expect(instance.onEvent?.(undefined as never, fakeView(new Map(), outputs))).toBeFalsy();
    outputs.push({ timeMs: 3, node: 'c', label: 'apply', data: { index: 1, term: 2, command: 'y', atTerm: 2 } });
    expect(instance.onEvent?.(undefined as never, fakeView(new Map(), outputs))).toMatchObject({ nodes: ['a', 'c'] });
  });

  it('electionSafety allows two leaders in different terms and flags two in one term', () => {
    const instance = electionSafety.create();
    const view = (leaders: [string, number][]) => {
      const v = fakeView(new Map());
      (v.nodes as Map<string, RaftLiteNode>).clear();
      for (const [id, term] of leaders) (v.nodes as Map<string, RaftLiteNode>).set(id, { id, role: 'leader', currentTerm: term } as unknown as RaftLiteNode);
      return v;
    };
    expect(instance.onEvent?.(undefined as never, view([['a', 1], ['b', 2]]))).toBeFalsy();
    expect(instance.onEvent?.(undefined as never, view([['c', 2]]))).toMatchObject({ nodes: ['b', 'c'] });
  });
});
