import { describe, expect, it } from 'vitest';
import { explore, formatChoice, formatSchedule, randomWalk, replaySchedule } from '../../lib/explore/index';
import type { ExploreOptions, ExploreResult } from '../../lib/explore/index';
import { mutualExclusion, Simulation, spaceTimeDiagram, unsafeLock } from '../../lib/sim/index';
import type { ClusterView, DurableStore, Effect, Input, NodeContext, NodeId, ProtocolNode } from '../../lib/sim/index';

const lock = { nodeIds: ['n1', 'n2'], createNode: unsafeLock(), checkers: [mutualExclusion] };

/** Everything but the wall-clock fields, which are the only ones allowed to differ between runs. */
function answer<M>(result: ExploreResult<M>) {
  const { elapsedMs, summary, ...rest } = result;
  return { ...rest, summary: summary.replace(/\d+,\d+ s/, 'T s') };
}

describe('explore on the unsafe lock', () => {
  it('finds the shortest counterexample: two think timers fire, both nodes are inside', () => {
    const result = explore(lock);
    expect(result.verdict).toBe('violation');
    expect(result.depth).toBe(2);
    const c = result.counterexample!;
    expect(c.choices.map((choice) => formatChoice(choice))).toEqual(['temporizador n1 think', 'temporizador n2 think']);
    expect(c.checker).toBe('mutualExclusion');
    expect(c.message).toBe('n1 y n2 están a la vez en la sección crítica');
    expect(result.summary).toMatch(/^Contraejemplo de 2 pasos \(el más corto posible\): «mutualExclusion» falla/);
    expect(formatSchedule(c.choices)).toBe('1. temporizador n1 think\n2. temporizador n2 think');
  });

  it('replays the counterexample in a real simulation, which hits the same checker and draws', () => {
    const c = explore(lock).counterexample!;
    expect(c.replayed).toBe(true);
    const sim = replaySchedule(lock, c.choices);
    expect(sim).toBeInstanceOf(Simulation);
    expect(sim.violation?.checker).toBe('mutualExclusion');
    expect(sim.violation?.timeMs).toBe(2);
    expect(sim.trace.map((e) => e.kind)).toEqual(['start', 'start', 'timer', 'output', 'timer', 'output']);
    expect(c.trace).toEqual(sim.trace);
    const figure = JSON.stringify(spaceTimeDiagram(c.trace, { nodeIds: lock.nodeIds }));
    expect(figure).toContain('n1');
    expect(figure).toContain('n2');
  });

  it('gives the same answer on every run', () => {
    expect(answer(explore(lock))).toEqual(answer(explore(lock)));
  });

  it('answers "incomplete" honestly when the state budget runs out', () => {
    const tight = explore({ ...lock, checkers: [], maxStates: 3 });
    expect(tight.verdict).toBe('incomplete');
    expect(tight.stoppedBy).toBe('maxStates');
    expect(tight.distinctStates).toBe(3);
    expect(tight.depth).toBe(1); // depth 1 was finished (3 states), depth 2 was not
    expect(tight.summary).toMatch(/^Incompleto: sin violaciones hasta profundidad 1, pero se agotó el límite de estados en la profundidad 2/);
    const late = explore({ ...lock, checkers: [], timeBudgetMs: 1e-9 });
    expect(late.verdict).toBe('incomplete');
    expect(late.stoppedBy).toBe('timeBudget');
  });

  it('says "no violation up to depth d" without checkers, and counts distinct states', () => {
    const result = explore({ ...lock, checkers: [], maxDepth: 4 });
    expect(result.verdict).toBe('safe');
    expect(result.exhausted).toBe(false);
    expect(result.depth).toBe(4);
    expect(result.summary).toMatch(/^Sin violaciones hasta profundidad 4: \d+ estados distintos, \d+,\d+ s\.$/);
  });

  it('rejects bad options with clear errors', () => {
    expect(() => explore({ ...lock, nodeIds: ['n1', 'n1'] })).toThrow(/distinct/);
    expect(() => explore({ ...lock, faults: { crashes: -1 } })).toThrow(/crashes/);
    expect(() => explore({ ...lock, maxDepth: 1.5 })).toThrow(/maxDepth/);
    expect(() => explore({ ...lock, checkers: [{ checkerName: 'x', create: () => ({ name: 'x' }) } as never] })).toThrow(/plain Checker functions/);
    expect(() => replaySchedule(lock, [{ type: 'timer', node: 'n1', name: 'critical' }])).toThrow(/not armed/);
    expect(() => replaySchedule(lock, [{ type: 'deliver', from: 'n1', to: 'n2', message: 'x' as never }])).toThrow(/step 1: no message/);
  });
});

// A voter that grants one vote per term but (in the buggy version) keeps `voted` in memory only.
type Vote = { type: 'RequestVote' } | { type: 'Granted' };
class Voter implements ProtocolNode<Vote> {
  readonly id: NodeId;
  voted: boolean;
  constructor(context: NodeContext, private readonly persist: boolean, private readonly durable: DurableStore = context.durable) {
    this.id = context.id;
    this.voted = durable.get<boolean>('voted') ?? false;
  }
  start(): Effect<Vote>[] {
    return this.id === 'v' ? [] : [{ type: 'send', to: 'v', message: { type: 'RequestVote' } }];
  }
  step(input: Input<Vote>): Effect<Vote>[] {
    if (input.type !== 'message') return [];
    if (input.message.type === 'Granted') return [{ type: 'output', label: 'elected' }];
    if (this.voted) return [];
    this.voted = true;
    if (this.persist) this.durable.set('voted', true);
    return [{ type: 'send', to: input.from, message: { type: 'Granted' } }];
  }
}
function oneVote(cluster: ClusterView<Voter>): string | undefined {
  const elected = new Set(cluster.outputs.filter((o) => o.label === 'elected').map((o) => o.node));
  return elected.size > 1 ? `dos elegidos: ${[...elected].join(', ')}` : undefined;
}
const voters = (persist: boolean, faults: ExploreOptions<Vote, Voter>['faults']): ExploreOptions<Vote, Voter> => ({
  nodeIds: ['c1', 'c2', 'v'],
  createNode: (context) => new Voter(context, persist),
  checkers: [oneVote],
  faults,
});

describe('explore with crashes and duplicates', () => {
  it('finds a vote lost in a crash: the voter restarts and votes again', () => {
    const result = explore(voters(false, { crashes: 1 }));
    expect(result.verdict).toBe('violation');
    const c = result.counterexample!;
    expect(c.choices.map((choice) => formatChoice(choice))).toEqual([
      'entrega c1→v RequestVote',
      'entrega v→c1 Granted',
      'caída de v',
      'reinicio de v',
      'entrega c2→v RequestVote',
      'entrega v→c2 Granted',
    ]);
    expect(c.replayed).toBe(true);
    expect(c.trace.filter((e) => e.kind === 'crash' || e.kind === 'restart').map((e) => e.kind)).toEqual(['crash', 'restart']);
  });

  it('proves the persisted vote safe over the whole state space, with a crash', () => {
    const result = explore(voters(true, { crashes: 1 }));
    expect(result.verdict).toBe('safe');
    expect(result.exhausted).toBe(true);
    expect(result.summary).toMatch(/^Sin violaciones en todo el espacio de estados/);
  });

  it('lets checkers read the disk of a crashed node, as in the simulator', () => {
    function crashedWithVote(cluster: ClusterView<Voter>): string | undefined {
      return cluster.crashed.has('v') && cluster.durable('v').get<boolean>('voted') ? 'v está caído con su voto en disco' : undefined;
    }
    const result = explore({ ...voters(true, { crashes: 1 }), checkers: [crashedWithVote] });
    expect(result.counterexample?.choices.map((choice) => formatChoice(choice))).toEqual(['entrega c1→v RequestVote', 'caída de v']);
    expect(result.counterexample?.replayed).toBe(true);
  });

  it('duplicates a message only within the budget', () => {
    const none = explore(voters(true, { duplicates: 0 }));
    const one = explore(voters(true, { duplicates: 1 }));
    expect(none.verdict).toBe('safe');
    expect(one.verdict).toBe('safe');
    expect(one.distinctStates).toBeGreaterThan(none.distinctStates);
  });

  it('reports an exception in protocol code as a counterexample, like the simulator does', () => {
    const result = explore({
      nodeIds: ['a', 'b'],
      createNode: (context) => ({
        id: context.id,
        start: (): Effect<string>[] => (context.id === 'a' ? [{ type: 'send', to: 'b', message: 'boom' }] : []),
        step: (): Effect<string>[] => {
          throw new Error('roto');
        },
      }),
      checkers: [],
    });
    expect(result.verdict).toBe('violation');
    expect(result.counterexample?.checker).toBe('protocolException');
    expect(result.counterexample?.message).toBe('b lanzó una excepción en step: Error: roto');
    expect(result.counterexample?.replayed).toBe(true);
  });
});

describe('randomWalk', () => {
  it('finds the lost vote with a seed, shortened, and the same schedule on every run', () => {
    const options = { ...voters(false, { crashes: 1, drop: false }), walks: 500, maxDepth: 20, walkSeed: 3 };
    const a = randomWalk(options);
    const b = randomWalk(options);
    expect(a.verdict, 'walkSeed 3').toBe('violation');
    expect(a.counterexample?.choices).toEqual(b.counterexample?.choices);
    expect(a.counterexample?.replayed).toBe(true);
    expect(a.counterexample!.choices.length).toBeLessThanOrEqual(8);
    expect(a.summary).toMatch(/encontrado al azar, no necesariamente el más corto/);
  });

  it('never claims a proof', () => {
    const result = randomWalk({ ...voters(true, { crashes: 1 }), walks: 50, walkSeed: 1 });
    expect(result.verdict).toBe('incomplete');
    expect(result.summary).toMatch(/no es una prueba/);
  });
});
