// Hidden checks of exercise 12.1 (pageRankStep): random graphs from checkSeed, compared with
// this file's own reference, never with lib's.
import { expect } from 'vitest';
import { pageRankStep } from '../../lib/spark/exercises';
import { createRng } from '../../lib/random/index';
import { check, checkSeed } from './check';

/** One PageRank step by the definition: for each v, the sum over every list entry u → v. */
function referenceStep(links: Map<string, string[]>, ranks: Map<string, number>, d: number): [string, number][] {
  const nodes = [...links.keys()];
  const n = nodes.length;
  const dangling = nodes.filter((u) => (links.get(u) as string[]).length === 0).reduce((s, u) => s + (ranks.get(u) as number), 0);
  return nodes.map((v) => {
    let incoming = 0;
    for (const u of nodes) {
      const list = links.get(u) as string[];
      for (const t of list) if (t === v) incoming += (ranks.get(u) as number) / list.length;
    }
    return [v, (1 - d) / n + d * (incoming + dangling / n)];
  });
}

function compare(links: Map<string, string[]>, ranks: Map<string, number>, d: number, label: string): void {
  const snapshot = JSON.stringify([[...links], [...ranks]]);
  const got = pageRankStep(links, ranks, d);
  const expected = referenceStep(links, ranks, d);
  expect([...got.keys()], `orden de las claves: ${label}`).toEqual(expected.map(([v]) => v));
  for (const [v, value] of expected) expect(Math.abs((got.get(v) as number) - value), `nodo ${v}: ${label}`).toBeLessThan(1e-12);
  expect(JSON.stringify([[...links], [...ranks]]), `los argumentos no deben cambiar: ${label}`).toBe(snapshot);
}

check('12.1', 'coincide con la definición en 300 grafos aleatorios (colgantes, repetidos, bucles, nodos aislados)', () => {
  const seed = checkSeed('12.1-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 300; i++) {
    const names = rng.shuffle(Array.from({ length: rng.int(1, 15) }, (_, k) => `p${k}`));
    const links = new Map<string, string[]>();
    for (const name of names) links.set(name, rng.bernoulli(0.25) ? [] : Array.from({ length: rng.int(1, 5) }, () => rng.choice(names)));
    const raw = names.map(() => rng.next());
    const total = raw.reduce((s, x) => s + x, 0);
    const ranks = new Map(rng.shuffle(names).map((name) => [name, (raw[names.indexOf(name)] as number) / total] as [string, number]));
    const d = rng.choice([0.85, 0.5, 0.99, rng.next()]);
    compare(links, ranks, d, `${JSON.stringify([...links])} d=${d} (semilla ${seed})`);
  }
}, { hint: 'Enlaces repetidos por cada entrada, colgantes repartidos entre los N, rangos del principio, claves en el orden de links.', points: 2 });

check('12.1', 'casos límite: todo colgante, un solo nodo con bucle, d = 0 y d = 1, rangos que no suman 1', () => {
  const cases: [Map<string, string[]>, Map<string, number>, number][] = [
    [new Map([['a', []], ['b', []], ['c', []]]), new Map([['a', 0.5], ['b', 0.5], ['c', 0]]), 0.85],
    [new Map([['s', ['s']]]), new Map([['s', 1]]), 0.85],
    [new Map([['a', ['b', 'b']], ['b', []]]), new Map([['a', 0.9], ['b', 0.1]]), 0],
    [new Map([['a', ['b', 'a']], ['b', []], ['c', ['b']]]), new Map([['c', 0.2], ['a', 0.3], ['b', 0.5]]), 1],
    [new Map([['x', ['y']], ['y', ['z']], ['z', []]]), new Map([['x', 2], ['y', 0], ['z', 1]]), 0.6],
  ];
  for (const [links, ranks, d] of cases) compare(links, ranks, d, `${JSON.stringify([[...links], [...ranks]])} d=${d}`);
}, { hint: 'Con d = 0 todos valen 1/N; con un único nodo, todo su rango vuelve a él.' });
