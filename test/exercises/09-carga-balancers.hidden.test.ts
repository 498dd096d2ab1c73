// Hidden checks of exercise 09.1 (smoothWeightedStep): random inputs from checkSeed, compared
// with this file's own reference, never with lib's.
import { expect } from 'vitest';
import { smoothWeightedStep } from '../../lib/balance/exercises-balancers';
import type { WeightedPeer } from '../../lib/balance/exercises-balancers';
import { createRng } from '../../lib/random/index';
import { check, checkSeed } from './check';

function reference(peers: readonly WeightedPeer[]): { chosen: string; peers: WeightedPeer[] } {
  const total = peers.reduce((s, p) => s + p.weight, 0);
  const after = peers.map((p) => p.current + p.weight);
  let best = 0;
  for (let i = 0; i < after.length; i++) if ((after[i] as number) > (after[best] as number)) best = i;
  return { chosen: (peers[best] as WeightedPeer).name, peers: peers.map((p, i) => ({ name: p.name, weight: p.weight, current: (after[i] as number) - (i === best ? total : 0) })) };
}

const plain = (r: { chosen: string; peers: readonly WeightedPeer[] }) => ({ chosen: r.chosen, peers: r.peers.map((p) => ({ name: p.name, weight: p.weight, current: p.current })) });

check('09.1', 'coincide con la regla en 400 estados aleatorios (empates frecuentes, current negativos)', () => {
  const seed = checkSeed('09.1-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 400; i++) {
    const n = rng.int(1, 8);
    const input = Array.from({ length: n }, (_, k) => ({ name: `s${rng.int(0, 3)}${k}`, weight: rng.int(1, 6), current: rng.int(-8, 8) }));
    const expected = reference(input);
    const before = JSON.stringify(input);
    const got = smoothWeightedStep(input);
    const label = `peers=${before} (semilla ${seed})`;
    expect(plain(got), label).toEqual(expected);
    expect(JSON.stringify(input), `peers no debe cambiar: ${label}`).toBe(before);
  }
}, { hint: 'Suma el peso a todos, elige el mayor (el primero en un empate), resta el total al elegido y no toques peers.', points: 2 });

check('09.1', 'encadenado desde 0, cada servidor sale exactamente su peso en cada vuelta de Σ pesos', () => {
  const seed = checkSeed('09.1-vueltas');
  const rng = createRng(seed);
  for (let t = 0; t < 40; t++) {
    const weights = Array.from({ length: rng.int(1, 6) }, () => rng.int(1, 7));
    const total = weights.reduce((a, b) => a + b, 0);
    let state: WeightedPeer[] = weights.map((weight, k) => ({ name: `n${k}`, weight, current: 0 }));
    let ref: WeightedPeer[] = state.map((p) => ({ ...p }));
    const counts = weights.map(() => 0);
    for (let k = 0; k < 2 * total; k++) {
      const expected = reference(ref);
      const got = smoothWeightedStep(state);
      expect(got.chosen, `pesos ${weights.join(',')}, paso ${k} (semilla ${seed})`).toBe(expected.chosen);
      if (k < total) counts[Number(got.chosen.slice(1))]! += 1;
      state = got.peers;
      ref = expected.peers;
    }
    expect(counts, `pesos ${weights.join(',')} (semilla ${seed})`).toEqual(weights);
  }
}, { hint: 'Tras una vuelta completa todos los current vuelven a 0: si no, algo se suma o se resta de más.' });

check('09.1', 'casos límite: un servidor, todos empatados, pesos grandes', () => {
  const cases: WeightedPeer[][] = [
    [{ name: 'solo', weight: 9, current: -4 }],
    [{ name: 'a', weight: 2, current: 0 }, { name: 'b', weight: 2, current: 0 }, { name: 'c', weight: 2, current: 0 }],
    [{ name: 'a', weight: 1_000_000, current: 0 }, { name: 'b', weight: 1, current: 999_999 }],
    [{ name: 'z', weight: 1, current: 3 }, { name: 'y', weight: 3, current: 1 }],
  ];
  for (const input of cases) {
    const expected = reference(input);
    expect(plain(smoothWeightedStep(input.map((p) => ({ ...p })))), JSON.stringify(input)).toEqual(expected);
  }
}, { hint: 'Un empate exacto va al primero; con un solo servidor se elige ese.' });
