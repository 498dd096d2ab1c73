import { describe, expect, it } from 'vitest';
import { mutualExclusion, parseShard, Simulation, sweep, unsafeLock } from '../../lib/sim/index';
import type { Effect, Input, NodeContext, ProtocolNode, ScenarioObject } from '../../lib/sim/index';

function lockScenario(nodeIds: string[]) {
  return (seed: number | string, { trace }: { trace: boolean }) => {
    const sim = new Simulation({ seed, trace, nodeIds, createNode: unsafeLock({ thinkMsMean: 2_000, criticalMs: 10 }), checkers: [mutualExclusion] });
    sim.runFor(3_000);
    return sim;
  };
}

/** A node that throws on its `boom` timer, at a time drawn from its seed. */
class ThrowingNode implements ProtocolNode<never> {
  constructor(readonly context: NodeContext) {}
  get id() {
    return this.context.id;
  }
  start(): Effect<never>[] {
    return [{ type: 'setTimer', name: 'boom', afterMs: this.context.rng.int(1, 100) }];
  }
  step(input: Input<never>): Effect<never>[] {
    if (input.type === 'timer') throw new Error(`boom at ${this.context.id}`);
    return [];
  }
}

describe('seed sweeps', () => {
  it('catch the unsafe lock, report checker, seed and trace tail, and replay it exactly', () => {
    const result = sweep({ seeds: 1_000, scenario: lockScenario(['n1', 'n2', 'n3']), stopAtFirst: true });
    expect(result.violation?.checker).toBe('mutualExclusion');
    expect(result.seed).toBeDefined();
    // Rare enough that the first seeds pass: the sweep is what finds it.
    expect(result.seedsRun).toBeGreaterThan(1);
    expect(result.seedsRun).toBe(result.failures[0]?.position === undefined ? -1 : result.failures[0].position + 1);
    expect(result.replayed).toBe(true);
    expect(result.report).toContain(`reprodúcelo con seed=${result.seed}`);
    expect(result.report).toContain('mutualExclusion');
    expect(result.traceTail).toMatch(/salida enterCritical\s*$/);
    // Replaying the seed by hand reproduces the same violation at the same event.
    const again = lockScenario(['n1', 'n2', 'n3'])(result.seed as number, { trace: true });
    expect(again.violation).toEqual(result.violation);
    const twice = lockScenario(['n1', 'n2', 'n3'])(result.seed as number, { trace: true });
    expect(twice.traceText()).toBe(again.traceText());
  });

  it('pass when the invariant cannot break (one node cannot race itself)', () => {
    const result = sweep({ seeds: 200, scenario: lockScenario(['solo']) });
    expect(result.violation).toBeUndefined();
    expect(result.seedsRun).toBe(200);
    expect(result.failures).toEqual([]);
    expect(result.events).toBeGreaterThan(200);
    expect(result.report).toBe('Ninguna violación en 200 semillas.');
  });

  it('accept an explicit list of seeds, strings included', () => {
    const seen: (number | string)[] = [];
    sweep({ seeds: [5, 9, 13], scenario: (seed, options) => (seen.push(seed), lockScenario(['solo'])(seed, options)) });
    expect(seen).toEqual([5, 9, 13]);
    const named = sweep({ seeds: ['lunes', 'martes'], scenario: (seed, options) => (seen.push(seed), lockScenario(['solo'])(seed, options)) });
    expect(seen.slice(3)).toEqual(['lunes', 'martes']);
    expect(named.seedsRun).toBe(2);
    expect(() => sweep({ seeds: [Number.NaN], scenario: lockScenario(['solo']) })).toThrow(/finite number or a string/);
    expect(() => sweep({ seeds: -1, scenario: lockScenario(['solo']) })).toThrow(/count >= 0/);
  });

  it('keep every failing seed, count them per checker, and explain only the first `replays`', () => {
    const result = sweep({ seeds: 300, scenario: lockScenario(['n1', 'n2', 'n3']), replays: 2 });
    expect(result.seedsRun).toBe(300);
    expect(result.failures.length).toBeGreaterThan(2);
    expect(result.seedsFailed).toBe(result.failures.length);
    expect(result.violationsByChecker).toEqual({ mutualExclusion: result.failures.length });
    expect(result.failures.map((f) => f.position)).toEqual([...result.failures.map((f) => f.position)].sort((a, b) => a - b));
    expect(result.failures.filter((f) => f.explanation !== undefined).length).toBe(2);
    // Each kept seed fails again on its own.
    for (const f of result.failures) expect(lockScenario(['n1', 'n2', 'n3'])(f.seed, { trace: false }).violation, `seed=${f.seed}`).toEqual(f.violation);
    // stopAtFirst finds the same first seed, having run exactly the seeds up to it.
    const first = sweep({ seeds: 300, scenario: lockScenario(['n1', 'n2', 'n3']), stopAtFirst: true });
    expect(first.seed).toBe(result.seed);
    expect(first.failures).toHaveLength(1);
  });

  // Bug B3: an exception in scenario code escaped `sweep` without its seed (and stopped the sweep).
  it('turn an exception in scenario code into a violation with its seed, and keep sweeping', () => {
    const scenario = (seed: number, options: { trace: boolean }) => {
      if (seed % 4 === 0) throw new TypeError(`scenario bug for ${seed}`);
      return lockScenario(['solo'])(seed, options);
    };
    const result = sweep({ seeds: 10, scenario });
    expect(result.seedsRun).toBe(10);
    expect(result.failures.map((f) => f.seed)).toEqual([4, 8]);
    expect(result.violation?.checker).toBe('exception');
    expect(result.violation?.seed).toBe('4');
    expect(result.violation?.message).toContain('TypeError: scenario bug for 4');
    expect(result.report).toContain('reprodúcelo con seed=4');
    expect(result.replayed).toBe(true);
  });

  it('turn an exception in protocol code into a violation with its seed and the trace up to it', () => {
    const scenario: ScenarioObject<never, ThrowingNode, number> = {
      setup: (seed, { trace }) => new Simulation({ seed, trace, nodeIds: ['a', 'b'], createNode: (context) => new ThrowingNode(context) }),
      run: (sim) => void sim.runFor(1_000),
    };
    const result = sweep({ seeds: 3, scenario });
    expect(result.failures.map((f) => f.seed)).toEqual([1, 2, 3]);
    const first = result.failures[0];
    expect(first?.violation.seed).toBe('1');
    expect(first?.violation.message).toMatch(/boom at (a|b)/);
    expect(first?.explanation?.replayed).toBe(true);
    expect(first?.explanation?.report).toMatch(/temporizador boom/);
  });

  it('split a sweep into shards whose union is the whole sweep', () => {
    const whole = sweep({ seeds: 240, scenario: lockScenario(['n1', 'n2', 'n3']), replays: 0 });
    const shards = [0, 1, 2].map((index) => sweep({ seeds: 240, scenario: lockScenario(['n1', 'n2', 'n3']), replays: 0, shard: { index, count: 3 } }));
    expect(shards.map((s) => s.seedsRun)).toEqual([80, 80, 80]);
    expect(shards.reduce((n, s) => n + s.events, 0)).toBe(whole.events);
    const seeds = shards.flatMap((s) => s.failures.map((f) => f.seed)).sort((a, b) => Number(a) - Number(b));
    expect(seeds).toEqual(whole.failures.map((f) => f.seed));
    expect(parseShard('2/3')).toEqual({ index: 1, count: 3 });
    expect(() => parseShard('4/3')).toThrow(/--shard must be i\/n/);
    expect(() => sweep({ seeds: 10, scenario: lockScenario(['solo']), shard: { index: 3, count: 3 } })).toThrow(/0 <= index < count/);
  });

  it('explain a failure with a window filtered to the nodes the violation names', () => {
    const result = sweep({ seeds: 1_000, scenario: lockScenario(['n1', 'n2', 'n3']), stopAtFirst: true });
    const explanation = result.failures[0]?.explanation;
    const nodes = explanation?.nodes ?? [];
    expect(nodes.length).toBe(2);
    const other = ['n1', 'n2', 'n3'].find((id) => !nodes.includes(id)) as string;
    expect(explanation?.traceLines.join('\n')).not.toMatch(new RegExp(`\\b${other}\\b`));
    expect(explanation?.traceLines.at(-1)).toMatch(/◀ violación$/);
  });
});
