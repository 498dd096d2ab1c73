import { describe, expect, it } from 'vitest';
import { latency, randomChatter, Simulation, unsafeLock } from '../../lib/sim/index';

function chatterRun(seed: number, trace = true) {
  const sim = new Simulation({
    seed,
    trace,
    nodeIds: ['n1', 'n2', 'n3', 'n4'],
    createNode: randomChatter(30),
    network: { latency: latency.exponential(10, 1), loss: 0.1, duplicate: 0.05, reorder: 0.1 },
    randomFaults: { durationMs: 300, crashes: 1, partitions: 1, cuts: 1 },
    clocks: { maxOffsetMs: 5, maxDriftPpm: 100 },
  });
  sim.runFor(1_000);
  return sim;
}

describe('determinism (STYLE §3: same seed, same run)', () => {
  it.each([1, 7, 137])('the same seed gives a byte-identical trace (seed %i)', (seed) => {
    const a = chatterRun(seed).traceText();
    const b = chatterRun(seed).traceText();
    expect(a.length).toBeGreaterThan(500);
    expect(a, `reproduce with seed=${seed}`).toBe(b);
    // The compared text covers every kind of fault, in the Spanish words students read.
    for (const word of ['PÉRDIDA', 'CAÍDA', 'REINICIO', 'PARTICIÓN', 'FIN DE PARTICIÓN', 'CORTE', 'FIN DE CORTE', 'temporizador', '(duplicado)']) {
      expect(a, `seed=${seed}: no «${word}» line`).toContain(word);
    }
    expect(JSON.stringify(chatterRun(seed).trace)).toBe(JSON.stringify(chatterRun(seed).trace));
  });

  it('different seeds give different traces', () => {
    const traces = new Set([1, 2, 3, 4, 5].map((seed) => chatterRun(seed).traceText()));
    expect(traces.size).toBe(5);
  });

  it('turning the trace off does not change the run', () => {
    const on = chatterRun(11, true);
    const off = chatterRun(11, false);
    expect(off.trace).toHaveLength(0);
    expect(off.stats).toEqual(on.stats);
    expect(off.outputs).toEqual(on.outputs);
  });

  it('string seeds work too', () => {
    const run = (seed: string) => {
      const sim = new Simulation({ seed, nodeIds: ['a', 'b'], createNode: unsafeLock() });
      sim.runFor(2_000);
      return sim.traceText();
    };
    expect(run('clase')).toBe(run('clase'));
    expect(run('clase')).not.toBe(run('clase-2'));
  });
});
