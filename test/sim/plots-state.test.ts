import { describe, expect, it } from 'vitest';
import { CRASHED_STATE, latency, recordStates, roleName, Simulation, stateTimeline } from '../../lib/sim/index';
import type { Figure, Trace } from '../../lib/plot/index';
import type { StateRecord } from '../../lib/sim/index';
import { toyElection } from './plots-election';
import type { ToyElectionNode, ToyMessage } from './plots-election';

const NODES = ['n1', 'n2', 'n3', 'n4', 'n5'];
const bars = (fig: Figure): Trace[] => fig.data.filter((t) => t.type === 'bar');
const segmentsOf = (fig: Figure, node: string): { from: number; to: number; state: string; text: string }[] =>
  bars(fig)
    .flatMap((t) => (t.y as string[]).map((y, i) => ({ y, from: (t['base'] as number[])[i] as number, to: ((t['base'] as number[])[i] as number) + ((t.x as number[])[i] as number), state: t.name as string, text: (t.text as string[])[i] as string })))
    .filter((s) => s.y === node)
    .map(({ from, to, state, text }) => ({ from, to, state, text }))
    .sort((a, b) => a.from - b.from);

/** A 10 s run of 5 nodes: elections, a partition of the leader, a crash and a restart. */
function recordedRun(seed: number): { sim: Simulation<ToyMessage, ToyElectionNode>; states: ReturnType<typeof recordStates<ToyElectionNode>> } {
  const states = recordStates<ToyElectionNode>((node) => ({ state: node.role, annotation: `t=${node.term}` }));
  const sim = new Simulation<ToyMessage, ToyElectionNode>({
    seed, nodeIds: NODES, createNode: toyElection(), checkers: [states],
    network: { latency: latency.uniform(2, 12), loss: 0.05 },
  });
  sim.at(3_000, () => sim.partition(['n1', 'n2'], ['n3', 'n4', 'n5']));
  sim.at(5_000, () => sim.heal());
  sim.runFor(10_000);
  return { sim, states };
}

describe('protocol-state timeline', () => {
  it('draws one bar per stretch in a state, coloured by state, annotated inside, clipped to the run', () => {
    const records: StateRecord[] = [
      { timeMs: 0, node: 'a', state: 'follower', annotation: 't=0' },
      { timeMs: 0, node: 'b', state: 'follower', annotation: 't=0' },
      { timeMs: 150, node: 'a', state: 'candidate', annotation: 't=1' },
      { timeMs: 160, node: 'a', state: 'leader', annotation: 't=1' },
      { timeMs: 170, node: 'b', state: 'follower', annotation: 't=1' },
      { timeMs: 400, node: 'b', state: CRASHED_STATE },
      { timeMs: 400, node: 'b', state: CRASHED_STATE }, // a repeat is not a new segment
      { timeMs: 700, node: 'b', state: 'follower', annotation: 't=1' },
    ];
    const fig = stateTimeline(records, { endMs: 1_000 });
    expect(bars(fig).map((t) => t.name)).toEqual(['follower', 'candidate', 'leader', CRASHED_STATE]);
    expect(segmentsOf(fig, 'a')).toEqual([
      { from: 0, to: 150, state: 'follower', text: 't=0' },
      { from: 150, to: 160, state: 'candidate', text: 't=1' },
      { from: 160, to: 1_000, state: 'leader', text: 't=1' },
    ]);
    expect(segmentsOf(fig, 'b').map((s) => [s.from, s.to, s.state])).toEqual([[0, 170, 'follower'], [170, 400, 'follower'], [400, 700, CRASHED_STATE], [700, 1_000, 'follower']]);
    const crashed = bars(fig).find((t) => t.name === CRASHED_STATE);
    expect(crashed?.marker?.['pattern']).toBeDefined();
    expect(fig.layout?.['uniformtext']).toEqual({ minsize: 9, mode: 'hide' });
    expect(fig.layout?.['barmode']).toBe('overlay');
    expect(fig.layout?.yaxis?.['categoryarray']).toEqual(['a', 'b']);
    expect(stateTimeline(records, { startMs: 155, endMs: 300 }).layout?.xaxis?.range).toEqual([155, 300]);
    expect(segmentsOf(stateTimeline(records, { startMs: 155, endMs: 300 }), 'a')[0]).toEqual({ from: 155, to: 160, state: 'candidate', text: 't=1' });
  });

  it('rejects malformed records with a clear error', () => {
    expect(() => stateTimeline([{ timeMs: Number.NaN, node: 'a', state: 'x' }])).toThrow(/record 0 must be/);
    expect(() => stateTimeline([{ timeMs: 1, node: 'a', state: 3 } as unknown as StateRecord])).toThrow(TypeError);
    expect(stateTimeline([]).data).toEqual([]);
  });

  it('recordStates is a checker that keeps only changes and shows crashed nodes as «caído»', () => {
    const { sim, states } = recordedRun(21);
    sim.crash('n3');
    sim.runFor(500);
    sim.restart('n3');
    sim.runFor(500);
    expect(sim.violation, 'seed 21').toBeUndefined();
    const last = new Map<string, string>();
    for (const r of states.records) {
      const key = `${r.state}/${r.annotation ?? ''}`;
      expect(last.get(r.node), `seed 21: repeated record ${JSON.stringify(r)}`).not.toBe(key);
      last.set(r.node, key);
    }
    const n3 = states.records.filter((r) => r.node === 'n3').map((r) => r.state);
    expect(n3).toContain(CRASHED_STATE);
    expect(n3[n3.length - 1]).not.toBe(CRASHED_STATE);
    expect(states.records.some((r) => r.state === 'leader')).toBe(true);
    // The time of the last event the checker saw.
    expect(states.endMs).toBeGreaterThanOrEqual(sim.trace[sim.trace.length - 1]?.timeMs as number);
    expect(states.endMs).toBeLessThanOrEqual(sim.nowMs);
  });

  it('a whole 10 s run of 5 nodes stays a few hundred segments, covering every row without gaps', () => {
    const { sim, states } = recordedRun(22);
    const events = sim.trace.length;
    const fig = stateTimeline(states, { trace: sim.trace, title: 'Roles' });
    const segments = bars(fig).reduce((n, t) => n + (t.x as number[]).length, 0);
    expect(events, 'seed 22').toBeGreaterThan(1_500);
    expect(segments).toBeLessThan(300);
    for (const node of NODES) {
      const own = segmentsOf(fig, node);
      expect(own[0]?.from).toBe(states.records[0]?.timeMs);
      expect(own[own.length - 1]?.to).toBe(states.endMs);
      for (let i = 1; i < own.length; i++) expect(own[i]?.from).toBe(own[i - 1]?.to);
    }
    expect(fig.layout?.yaxis?.['categoryarray']).toEqual(NODES);
    expect(fig.layout?.shapes).toHaveLength(2); // partition and heal
    expect(JSON.stringify(fig)).toBe(JSON.stringify(stateTimeline(recordedRun(22).states, { trace: recordedRun(22).sim.trace, title: 'Roles' })));
  });
});

describe('roleName (roles in Spanish for what students read)', () => {
  it('names the common roles in Spanish and leaves any other state as it is', () => {
    expect(['follower', 'candidate', 'leader', 'waitingCoordinator'].map(roleName)).toEqual(['seguidor', 'candidato', 'líder', 'esperando al coordinador']);
    expect(roleName('view 3')).toBe('view 3');
    expect(roleName(CRASHED_STATE)).toBe(CRASHED_STATE);
  });
});
