/**
 * Actor runtime throughput, next to a reference measured in the same run: a bare loop that
 * pushes each message on an array, reads it back in order and calls the same handler (no
 * copy, no freeze, no checks). The runtime's extra cost per message is the copy-and-freeze of `tell`
 * (Erlang copies too), the effect checks and the run queue. Also: one simulated restaurant run
 * (12 orders, faults off) per second.
 *
 * Rounds alternate reference and runtime back to back and the median round's ratio is
 * reported: this machine's speed drifts over seconds.
 *
 * Run: `npx tsx bench/actors.bench.ts` (or `npm run bench -- actors`).
 */
import { performance } from 'node:perf_hooks';
import { createRng } from '../lib/random/index';
import { ActorSystem, hasType, restaurantOrders, runRestaurantSim } from '../lib/actors/index';
import type { Behavior } from '../lib/actors/index';

type Add = { type: 'Add'; n: number; from: string };
const handler = (total: number, m: Add) => ({ state: total + m.n });
const counter: Behavior<number, Add> = { kind: 'contador', accepts: hasType('Add'), init: () => ({ state: 0 }), receive: handler };
const N = 200_000;

function reference(): number {
  const queue: Add[] = [];
  let state = 0;
  for (let i = 0; i < N; i++) queue.push({ type: 'Add', n: 1, from: 'x' });
  for (let head = 0; head < queue.length; head++) state = handler(state, queue[head] as Add).state;
  return state;
}

function runtime(): number {
  const system = new ActorSystem({ host: 'b', rng: createRng(1), io: { sendRemote: () => undefined, setTimer: () => undefined, emit: () => undefined } });
  system.spawnTop('c', counter);
  for (let i = 0; i < N; i++) system.deliver('b/c', { type: 'Add', n: 1, from: 'x' });
  system.drain(0, Infinity);
  return system.stateOf('b/c') as number;
}

const time = (f: () => unknown) => { const t = performance.now(); f(); return performance.now() - t; };
for (let i = 0; i < 3; i++) { reference(); runtime(); }
const rounds: { ref: number; run: number }[] = [];
for (let i = 0; i < 7; i++) rounds.push({ ref: time(reference), run: time(runtime) });
rounds.sort((a, b) => a.run / a.ref - b.run / b.ref);
const mid = rounds[3] as { ref: number; run: number };
const rate = (ms: number) => `${((N / ms) * 1_000 / 1e6).toFixed(2)} M msg/s`;
console.log(`mensajes locales (${N}): runtime ${rate(mid.run)}, bucle de referencia ${rate(mid.ref)}, ratio ×${(mid.run / mid.ref).toFixed(1)} (mediana de 7 rondas)`);

const orders = restaurantOrders({ seed: 1 });
for (let i = 0; i < 5; i++) runRestaurantSim({ seed: i, orders, trace: false });
const runs = 50;
const ms = time(() => { for (let i = 0; i < runs; i++) runRestaurantSim({ seed: i, orders, trace: false }); });
console.log(`restaurante simulado (12 pedidos, sin traza): ${(runs / ms * 1_000).toFixed(0)} ejecuciones/s (${(ms / runs).toFixed(1)} ms cada una)`);
