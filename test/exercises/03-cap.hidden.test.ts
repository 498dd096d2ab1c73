// Hidden checks of chapter 03: random inputs from checkSeed (per-student seeds under the
// grader), compared with this file's own references, computed before calling the student's
// function.
import { expect } from 'vitest';
import { lwwWinner, mergePnCounters, readYourWritesViolations } from '../../lib/cap/exercises';
import type { SessionStep } from '../../lib/cap/exercises';
import { createRng } from '../../lib/random/index';
import type { Rng } from '../../lib/random/index';
import { check, checkSeed } from './check';

const REPLICAS = ['eu1', 'eu2', 'eu3', 'us1', 'us2'];
const counts = (rng: Rng) => Object.fromEntries(rng.shuffle(REPLICAS).filter(() => rng.bernoulli(0.6)).map((id) => [id, rng.bernoulli(0.2) ? 0 : rng.int(0, 200)]));
const maxEntries = (x: Record<string, number>, y: Record<string, number>) =>
  Object.fromEntries(REPLICAS.map((id) => [id, Math.max(x[id] ?? 0, y[id] ?? 0)]).filter(([, v]) => v !== 0));
const nonZero = (r: Readonly<Record<string, number>>) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== 0));

check('03.1', 'coincide con el máximo por réplica en 400 pares aleatorios', () => {
  const seed = checkSeed('03.1-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 400; i++) {
    const a = { p: counts(rng), n: counts(rng) };
    const b = { p: counts(rng), n: counts(rng) };
    const expected = { p: maxEntries(a.p, b.p), n: maxEntries(a.n, b.n) };
    const before = JSON.stringify([a, b]);
    const got = mergePnCounters(a, b);
    const text = `a=${JSON.stringify(a)} b=${JSON.stringify(b)} (semilla ${seed})`;
    expect(nonZero(got.p), text).toEqual(expected.p);
    expect(nonZero(got.n), text).toEqual(expected.n);
    expect(JSON.stringify([a, b]), `modifica los argumentos: ${text}`).toBe(before);
  }
}, { hint: '¿Recorres las réplicas de los dos lados, y p y n por separado?' });

function referenceWinner(a: { l: number; c: number; node: string }, b: { l: number; c: number; node: string }): string {
  if (a.l !== b.l) return a.l > b.l ? 'a' : 'b';
  if (a.c !== b.c) return a.c > b.c ? 'a' : 'b';
  if (a.node === b.node) return 'equal';
  return a.node > b.node ? 'a' : 'b';
}

check('03.2', 'coincide con el orden (l, c, node) en 600 pares aleatorios, con empates', () => {
  const seed = checkSeed('03.2-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 600; i++) {
    const stamp = () => ({ l: rng.int(0, 4) * 100 + (rng.bernoulli(0.3) ? rng.int(0, 3) : 0), c: rng.int(0, 5), node: rng.choice(REPLICAS) });
    const a = stamp();
    const b = rng.bernoulli(0.3) ? { ...a, c: rng.bernoulli(0.5) ? a.c : rng.int(0, 5) } : stamp();
    const expected = referenceWinner(a, b);
    const before = JSON.stringify([a, b]);
    expect(lwwWinner(a, b), `a=${JSON.stringify(a)} b=${JSON.stringify(b)} (semilla ${seed})`).toBe(expected);
    expect(JSON.stringify([a, b])).toBe(before);
  }
}, { hint: 'Primero l, después c, después el nombre de la réplica.' });

function referenceViolations(session: readonly SessionStep[]): number[] {
  const mine = new Set<string>();
  const out: number[] = [];
  for (let i = 0; i < session.length; i++) {
    const step = session[i]!;
    if (step.kind === 'write') mine.add(step.id);
    else if ([...mine].some((id) => !step.sees.includes(id))) out.push(i);
  }
  return out;
}

check('03.3', 'coincide con la definición en 300 sesiones aleatorias', () => {
  const seed = checkSeed('03.3-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 300; i++) {
    const session: SessionStep[] = [];
    const written: string[] = [];
    for (let k = rng.int(0, 10); k > 0; k--) {
      if (rng.bernoulli(0.4)) {
        const id = `w${session.length}`;
        written.push(id);
        session.push({ kind: 'write', id });
      } else {
        const sees = rng.shuffle([...written.filter(() => rng.bernoulli(0.8)), ...(rng.bernoulli(0.3) ? ['otro'] : [])]);
        session.push({ kind: 'read', sees });
      }
    }
    const expected = referenceViolations(session);
    const before = JSON.stringify(session);
    expect(readYourWritesViolations(session), `${before} (semilla ${seed})`).toEqual(expected);
    expect(JSON.stringify(session)).toBe(before);
  }
}, { hint: '¿Comparas con todas las escrituras anteriores del cliente, y solo con las anteriores?' });
