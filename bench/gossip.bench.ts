/**
 * Gossip's speed, each figure next to a reference measured in the same run.
 *
 * 1. lib/sim push–pull gossip on N = 2048 nodes until everyone has the block: messages/s,
 *    next to the bare simulator running an all-to-all broadcast (lib/sim's `allToAll`) of about
 *    the same number of deliveries, and next to a bare synchronous-round loop over typed arrays
 *    (no simulator, no messages: the floor of "who calls whom" plus the round rule).
 * 2. The round model `roundGossip` (10 000 nodes) next to the same bare loop at that size.
 *
 * Rounds alternate reference and measured runs; the median round's ratio is reported.
 * Run: `npx tsx bench/gossip.bench.ts` (or `npm run bench -- gossip`).
 */
import { gossipRun } from '../lib/gossip/experiment';
import { roundGossip } from '../lib/gossip/rounds';
import { createRng } from '../lib/random/index';
import { allToAll, Simulation } from '../lib/sim/index';

const ROUNDS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** The floor: push–pull in synchronous rounds over a Uint8Array, one random call per node per round. */
function bareRounds(n: number, seed: number): { ms: number; calls: number } {
  const rng = createRng(seed);
  const t0 = performance.now();
  let informed = new Uint8Array(n);
  informed[0] = 1;
  let count = 1;
  let calls = 0;
  while (count < n) {
    const next = informed.slice();
    for (let i = 0; i < n; i++) {
      let j = rng.int(0, n - 2);
      if (j >= i) j++;
      calls++;
      if (informed[i] !== informed[j]) { next[i] = 1; next[j] = 1; }
    }
    informed = next;
    count = informed.reduce((a, b) => a + b, 0);
  }
  return { ms: performance.now() - t0, calls };
}

function simGossip(seed: number): { ms: number; messages: number } {
  const t0 = performance.now();
  const r = gossipRun({ n: 2048, mode: 'push-pull', seed });
  return { ms: performance.now() - t0, messages: r.messages };
}

function simAllToAll(deliveries: number): { ms: number; messages: number } {
  const nodes = 16;
  const rounds = Math.max(1, Math.round(deliveries / (nodes * (nodes - 1))));
  const ids = Array.from({ length: nodes }, (_, i) => `n${i}`);
  const t0 = performance.now();
  const sim = new Simulation({ seed: 1, trace: false, nodeIds: ids, createNode: allToAll(rounds) });
  sim.runUntilIdle({ limitMs: 1e12 });
  return { ms: performance.now() - t0, messages: sim.stats.delivered };
}

function main(): void {
  simGossip(0); bareRounds(2048, 0); // warm-up
  const vsAll: number[] = [];
  const vsBare: number[] = [];
  let rate = 0;
  for (let r = 1; r <= ROUNDS; r++) {
    const g = simGossip(r);
    const a = simAllToAll(g.messages);
    const b = bareRounds(2048, r);
    rate = g.messages / (g.ms / 1000);
    vsAll.push((g.ms / g.messages) / (a.ms / a.messages));
    vsBare.push((g.ms / g.messages) / (b.ms / b.calls));
  }
  console.log(`gossip push–pull en lib/sim, N = 2048: ${(rate / 1e6).toFixed(2)} M mensajes/s (última ronda)`);
  console.log(`  coste por mensaje ÷ all-to-all del simulador: ${median(vsAll).toFixed(2)}× (mediana de ${ROUNDS})`);
  console.log(`  coste por mensaje ÷ llamada del bucle desnudo de rondas: ${median(vsBare).toFixed(1)}×`);
  const model: number[] = [];
  for (let r = 1; r <= ROUNDS; r++) {
    const t0 = performance.now();
    roundGossip({ n: 10_000, seed: r });
    const ms = performance.now() - t0;
    const b = bareRounds(10_000, r);
    model.push(ms / b.ms);
  }
  console.log(`modelo de rondas roundGossip, N = 10 000: ${median(model).toFixed(1)}× el bucle desnudo (Set de textos frente a Uint8Array)`);
}

main();
