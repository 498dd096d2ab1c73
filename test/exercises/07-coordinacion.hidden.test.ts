// Hidden checks of chapter 07: random inputs from checkSeed (per-student seeds under the
// grader), compared with this file's own references, never with lib's.
import { expect } from 'vitest';
import { bullyOnElection } from '../../lib/election/exercises';
import { ricartAgrawalaDefers } from '../../lib/mutex/exercises';
import { fencedWrite } from '../../lib/lease/exercises';
import { createRng } from '../../lib/random/index';
import { check, checkSeed } from './check';

function referenceBully(me: number, from: number, electing: boolean, ids: readonly number[]) {
  if (from >= me) return { reply: 'ignore', startElection: false, electionTo: [] as number[] };
  if (electing) return { reply: 'Answer', startElection: false, electionTo: [] as number[] };
  const higher: number[] = [];
  for (const id of ids) if (id > me) higher.push(id);
  higher.sort((a, b) => a - b);
  return { reply: 'Answer', startElection: true, electionTo: higher };
}

check('07.1', 'coincide con la regla en 400 casos aleatorios (ids de hasta 3 cifras, desordenados)', () => {
  const seed = checkSeed('07.1-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 400; i++) {
    // Ids of 1 to 3 digits, so that sorting them as text would give another order.
    const ids = [...new Set(Array.from({ length: rng.int(1, 12) }, () => rng.int(0, rng.choice([9, 99, 999]))))];
    const me = rng.choice(ids);
    const from = rng.bernoulli(0.2) ? rng.int(0, 1_000) : rng.choice(ids);
    const electing = rng.bernoulli(0.3);
    const expected = referenceBully(me, from, electing, ids);
    const before = JSON.stringify(ids);
    expect(bullyOnElection(me, from, electing, ids), `me=${me} from=${from} electing=${electing} ids=${before} (semilla ${seed})`).toEqual(expected);
    expect(JSON.stringify(ids), 'ids no debe cambiar').toBe(before);
  }
}, { hint: 'Compara números (no texto), ordena una copia y recuerda los casos de from ≥ me y de electing.', points: 2 });

check('07.1', 'casos límite: un solo nodo, ids de 10 y 100, remitente 0', () => {
  const cases: [number, number, boolean, number[]][] = [[7, 3, false, [7]], [9, 2, false, [100, 9, 10, 2]], [1, 0, false, [1, 2]], [10, 9, true, [9, 10, 11]], [100, 100, false, [100, 99]], [5, 1, false, [5, 40, 300, 7, 1]]];
  for (const [me, from, electing, ids] of cases) {
    const expected = referenceBully(me, from, electing, ids);
    expect(bullyOnElection(me, from, electing, [...ids]), JSON.stringify([me, from, electing, ids])).toEqual(expected);
  }
}, { hint: 'sort() sin comparador pone 100 antes que 9.' });

function referenceDefer(state: string, mine: { time: number; node: string } | null, request: { time: number; node: string }): boolean {
  if (state === 'HELD') return true;
  if (state === 'RELEASED' || mine === null) return false;
  if (mine.time < request.time) return true;
  if (mine.time > request.time) return false;
  return mine.node < request.node;
}

check('07.2', 'coincide con la regla en 500 casos aleatorios, con empates frecuentes', () => {
  const seed = checkSeed('07.2-aleatorio');
  const rng = createRng(seed);
  const states = ['RELEASED', 'WANTED', 'HELD'] as const;
  for (let i = 0; i < 500; i++) {
    const state = rng.choice(states);
    const node = () => `n${rng.int(1, 12)}`;
    const mine = state === 'RELEASED' ? null : { time: rng.int(0, 6), node: node() };
    const request = { time: rng.int(0, 6), node: node() };
    const expected = referenceDefer(state, mine, request);
    const before = JSON.stringify([mine, request]);
    expect(ricartAgrawalaDefers(state, mine, request), `${state} mine=${JSON.stringify(mine)} request=${JSON.stringify(request)} (semilla ${seed})`).toBe(expected);
    expect(JSON.stringify([mine, request])).toBe(before);
  }
}, { hint: 'HELD aplaza siempre, RELEASED nunca; en WANTED compara (marca, id) y el id como cadena.', points: 2 });

function referenceFence(storage: { value: string | null; highestToken: number }, write: { token: number; value: string }) {
  return write.token >= storage.highestToken
    ? { storage: { value: write.value, highestToken: write.token }, accepted: true }
    : { storage: { value: storage.value, highestToken: storage.highestToken }, accepted: false };
}

check('07.3', 'una secuencia aleatoria de 300 escrituras deja el mismo almacenamiento que la referencia', () => {
  const seed = checkSeed('07.3-aleatorio');
  const rng = createRng(seed);
  let mine: { value: string | null; highestToken: number } = { value: null, highestToken: 0 };
  let reference: { value: string | null; highestToken: number } = { value: null, highestToken: 0 };
  for (let i = 0; i < 300; i++) {
    const token = Math.max(1, reference.highestToken + rng.int(-3, 2));
    const write = { token, value: `v${i}` };
    const expected = referenceFence(reference, write);
    const frozen = JSON.stringify([mine, write]);
    const result = fencedWrite(mine, write);
    expect(result, `escritura ${i}: ${JSON.stringify(write)} sobre ${JSON.stringify(mine)} (semilla ${seed})`).toEqual(expected);
    expect(JSON.stringify([mine, write]), 'los argumentos no deben cambiar').toBe(frozen);
    mine = result.storage;
    reference = expected.storage;
  }
}, { hint: 'Acepta si el token es ≥ el mayor visto; si no, devuelve el almacenamiento tal cual, en un objeto nuevo.', points: 2 });
