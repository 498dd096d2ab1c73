// Hidden checks of exercises 11.3 (pickByStake) and 11.4 (pushPullRound): random inputs from
// checkSeed, compared with this file's own references, never with lib's.
import { expect } from 'vitest';
import { pickByStake } from '../../lib/stake/exercises';
import { pushPullRound } from '../../lib/gossip/exercises';
import { createRng } from '../../lib/random/index';
import { check, checkSeed } from './check';

function referencePick(stakes: readonly (readonly [string, number])[], u: number): string {
  const total = stakes.reduce((sum, [, s]) => sum + s, 0);
  const target = u * total;
  let acc = 0;
  let last = '';
  for (const [name, s] of stakes) {
    if (s <= 0) continue;
    acc += s;
    last = name;
    if (target < acc) return name;
  }
  return last;
}

check('11.3', 'coincide con la regla acumulada en 500 casos aleatorios (ceros, límites exactos)', () => {
  const seed = checkSeed('11.3-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 500; i++) {
    const count = rng.int(1, 8);
    const stakes: [string, number][] = Array.from({ length: count }, (_, k) => [`v${k}`, rng.bernoulli(0.2) ? 0 : rng.int(1, 50)]);
    if (stakes.every(([, s]) => s === 0)) stakes[0] = ['v0', rng.int(1, 9)];
    const total = stakes.reduce((sum, [, s]) => sum + s, 0);
    // A third of the draws land exactly on a boundary: u = c / total for a cumulative sum c < total
    // (where (c / total) * total rounds below c, the statement says u * total decides).
    const boundaries = stakes.map((_, k) => stakes.slice(0, k).reduce((sum, [, s]) => sum + s, 0)).filter((c) => c < total);
    const u = rng.bernoulli(0.33) ? rng.choice(boundaries) / total : rng.next();
    const expected = referencePick(stakes, u);
    const before = JSON.stringify(stakes);
    const got = pickByStake(stakes, u);
    expect(got, `stakes=${before} u=${u} (semilla ${seed})`).toBe(expected);
    expect(JSON.stringify(stakes), `stakes no debe cambiar (semilla ${seed})`).toBe(before);
  }
}, { hint: 'Tramos semiabiertos en el orden de la lista, ninguno para participación 0.', points: 2 });

check('11.3', 'un único validador, participaciones decimales y u muy cerca de 1', () => {
  const cases: [[string, number][], number][] = [
    [[['solo', 5]], 0.999999], [[['a', 0.1], ['b', 0.2], ['c', 0.7]], 0.3], [[['a', 0.5], ['b', 0.25]], 0.999999999],
    [[['a', 0], ['b', 0], ['c', 3]], 0], [[['x', 1e-9], ['y', 1]], 0],
    // Rounding: u * total rounds up to the last cumulative sum (subnormal stakes).
    [[['a', 5e-324], ['z', 0]], 0.7], [[['a', 1e-323], ['b', 5e-324], ['z', 0], ['y', 0]], 0.99],
  ];
  for (const [stakes, u] of cases) expect(pickByStake(stakes.map(([n, s]) => [n, s] as [string, number]), u), JSON.stringify([stakes, u])).toBe(referencePick(stakes, u));
}, { hint: 'Con un único validador con participación, siempre es él; y si el redondeo se sale de los tramos, el último con participación.' });

function referenceRound(informed: ReadonlySet<string>, calls: readonly (readonly [string, string])[], down: ReadonlySet<string>) {
  const start = [...informed];
  const result = [...start];
  const fresh: string[] = [];
  for (const [a, b] of calls) {
    if (down.has(a) || down.has(b)) continue;
    const aKnew = start.includes(a);
    const bKnew = start.includes(b);
    const learner = aKnew && !bKnew ? b : bKnew && !aKnew ? a : undefined;
    if (learner !== undefined && !result.includes(learner)) {
      result.push(learner);
      fresh.push(learner);
    }
  }
  return { informed: result.sort(), newlyInformed: fresh };
}

check('11.4', 'coincide con la regla en 400 rondas aleatorias (caídos, llamadas repetidas)', () => {
  const seed = checkSeed('11.4-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 400; i++) {
    const ids = Array.from({ length: rng.int(2, 14) }, (_, k) => `n${k}`);
    const informed = new Set(rng.sample(ids, rng.int(0, ids.length)));
    const down = new Set(rng.sample(ids, rng.int(0, Math.floor(ids.length / 3))));
    const calls: [string, string][] = Array.from({ length: rng.int(0, 2 * ids.length) }, () => [rng.choice(ids), rng.choice(ids)]);
    const expected = referenceRound(informed, calls, down);
    const snapshot = JSON.stringify([[...informed], calls, [...down]]);
    const got = pushPullRound(informed, calls, down);
    const label = `${snapshot} (semilla ${seed})`;
    expect({ informed: [...got.informed].sort(), newlyInformed: got.newlyInformed }, label).toEqual(expected);
    expect(JSON.stringify([[...informed], calls, [...down]]), `los argumentos no deben cambiar: ${label}`).toBe(snapshot);
  }
}, { hint: 'Conocimiento del principio de la ronda, en los dos sentidos, sin caídos ni repetidos.', points: 2 });

check('11.4', 'casos límite: todos informados, nadie informado, todos caídos, una cadena de llamadas', () => {
  const cases: [Set<string>, [string, string][], Set<string>][] = [
    [new Set(['a', 'b']), [['a', 'b'], ['b', 'a']], new Set()],
    [new Set(), [['a', 'b'], ['b', 'c']], new Set()],
    [new Set(['a']), [['a', 'b'], ['b', 'a']], new Set(['a', 'b'])],
    [new Set(['a']), [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'a']], new Set()],
    [new Set(['a']), [['b', 'a'], ['a', 'b'], ['b', 'a']], new Set()],
  ];
  for (const [informed, calls, down] of cases) {
    const expected = referenceRound(informed, calls, down);
    const got = pushPullRound(new Set(informed), calls.map(([a, b]) => [a, b] as [string, string]), new Set(down));
    expect({ informed: [...got.informed].sort(), newlyInformed: got.newlyInformed }, JSON.stringify([[...informed], calls, [...down]])).toEqual(expected);
  }
}, { hint: 'Un nodo que aprende en esta ronda no informa a nadie hasta la siguiente.' });
