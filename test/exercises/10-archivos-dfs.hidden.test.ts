// Hidden checks of exercise 10.2 (chooseReplicaTarget): random inputs from checkSeed, compared
// with this file's own reference, never with lib's.
import { expect } from 'vitest';
import { chooseReplicaTarget } from '../../lib/dfs/exercises';
import { createRng } from '../../lib/random/index';
import { check, checkSeed } from './check';

function reference(rackOf: ReadonlyMap<string, string>, chosen: readonly string[], writer: string | null, candidates: readonly string[]): string | null {
  if (candidates.length === 0) return null;
  const pick = (ok: (c: string) => boolean) => {
    for (const c of candidates) if (ok(c)) return c;
    return candidates[0] as string;
  };
  if (chosen.length === 0) {
    if (writer === null || !rackOf.has(writer)) return candidates[0] as string;
    if (candidates.indexOf(writer) >= 0) return writer;
    return pick((c) => rackOf.get(c) === rackOf.get(writer));
  }
  const a = rackOf.get(chosen[0] as string);
  if (chosen.length === 1) return pick((c) => rackOf.get(c) !== a);
  if (chosen.length === 2) {
    const b = rackOf.get(chosen[1] as string);
    return a === b ? pick((c) => rackOf.get(c) !== a) : pick((c) => rackOf.get(c) === b);
  }
  return candidates[0] as string;
}

check('10.2', 'coincide con la política de HDFS en 500 casos aleatorios (racks de tamaños distintos, escritores caídos o externos)', () => {
  const seed = checkSeed('10.2-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 500; i++) {
    const racks = rng.int(1, 5);
    const nodes = Array.from({ length: rng.int(2, 14) }, (_, k) => `dn${k + 1}`);
    const rackOf = new Map(nodes.map((n) => [n, `rack${rng.int(1, racks)}`] as [string, string]));
    const chosen = rng.sample(nodes, rng.int(0, Math.min(4, nodes.length)));
    const rest = nodes.filter((n) => !chosen.includes(n));
    const candidates = rng.sample(rest, rng.int(0, rest.length));
    const writer = rng.bernoulli(0.15) ? null : rng.bernoulli(0.1) ? 'cliente' : rng.choice(nodes);
    const expected = reference(rackOf, chosen, writer, candidates);
    const before = JSON.stringify([[...rackOf], chosen, candidates]);
    const got = chooseReplicaTarget(rackOf, chosen, writer, candidates);
    const label = `rackOf=${JSON.stringify([...rackOf])} chosen=${JSON.stringify(chosen)} writer=${writer} candidates=${JSON.stringify(candidates)} (semilla ${seed})`;
    expect(got, label).toBe(expected);
    expect(JSON.stringify([[...rackOf], chosen, candidates]), `no debe modificar los argumentos: ${label}`).toBe(before);
  }
}, { hint: 'Sigue las reglas por número de réplicas elegidas, con su respaldo al primer candidato, y no toques los argumentos.', points: 2 });

check('10.2', 'casos límite: un solo rack, un solo candidato, el escritor ya elegido, muchas réplicas', () => {
  const oneRack = new Map([['a', 'r'], ['b', 'r'], ['c', 'r'], ['d', 'r']]);
  const two = new Map([['a', 'r1'], ['b', 'r1'], ['c', 'r2']]);
  const cases: [Map<string, string>, string[], string | null, string[]][] = [
    [oneRack, [], 'a', ['b', 'c']],
    [oneRack, ['a'], 'a', ['c', 'b']],
    [oneRack, ['a', 'b'], 'a', ['d', 'c']],
    [two, ['a'], 'a', ['b']],
    [two, ['a', 'c'], 'a', ['b']],
    [two, ['c'], 'c', ['a', 'b']],
    [two, [], 'c', ['a']],
    [two, ['a', 'b', 'c'], null, []],
    [two, ['b', 'a'], 'b', ['c']],
    [two, [], 'b', ['c', 'a']],
    [two, ['a'], 'a', ['b', 'c']],
  ];
  for (const [rackOf, chosen, writer, candidates] of cases) {
    const expected = reference(rackOf, chosen, writer, candidates);
    expect(chooseReplicaTarget(new Map(rackOf), [...chosen], writer, [...candidates]), JSON.stringify([chosen, writer, candidates])).toBe(expected);
  }
}, { hint: 'Con un solo rack, «otro rack» no existe: la regla cae al primer candidato.' });
