import { describe, expect, it } from 'vitest';
import { referenceOrder } from './reference';
import { happenedBeforeMatrix, latency, randomChatter, Simulation, stampTrace } from '../../lib/sim/index';

const SEEDS = 1_000;

function randomRun(seed: number) {
  const sim = new Simulation({
    seed,
    nodeIds: ['p', 'q', 'r', 's'],
    createNode: randomChatter(6),
    network: { latency: latency.exponential(8, 1), loss: 0.1, duplicate: 0.05, reorder: 0.2 },
    randomFaults: { durationMs: 100, crashes: 1, partitions: 1 },
  });
  sim.runFor(500);
  return sim;
}

describe(`clocks on random traces over ${SEEDS} seeds`, () => {
  it('the clock condition (Lamport 1978): a → b implies L(a) < L(b); and a → b ⇔ V(a) < V(b) (Mattern 1989)', () => {
    let pairs = 0;
    let concurrentPairs = 0;
    let lamportOrderedButConcurrent = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const events = stampTrace(randomRun(seed).trace);
      const hb = happenedBeforeMatrix(events);
      for (let i = 0; i < events.length; i++) {
        const a = events[i]!;
        for (let j = 0; j < events.length; j++) {
          if (i === j) continue;
          const b = events[j]!;
          const before = hb[i]![j]!;
          const order = referenceOrder(a.vector, b.vector);
          if (before && !(a.lamport < b.lamport)) throw new Error(`clock condition broken: events ${i}→${j}; reproduce with seed=${seed}`);
          if (before !== (order === 'before')) throw new Error(`vector characterisation broken: events ${i},${j} hb=${before} V=${order}; reproduce with seed=${seed}`);
          if (!before && !hb[j]![i]!) {
            concurrentPairs++;
            if (order !== 'concurrent') throw new Error(`concurrent events not detected: ${i},${j}; reproduce with seed=${seed}`);
            if (a.lamport < b.lamport) lamportOrderedButConcurrent++;
          }
          pairs++;
        }
      }
    }
    // The traces are rich enough to matter: many pairs, many concurrent ones, and Lamport
    // timestamps that order concurrent events (so L(a) < L(b) does not imply a → b).
    expect(pairs).toBeGreaterThan(100_000);
    expect(concurrentPairs).toBeGreaterThan(10_000);
    expect(lamportOrderedButConcurrent).toBeGreaterThan(1_000);
  });
});
