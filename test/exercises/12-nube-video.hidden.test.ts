// Hidden checks of exercise 12.3 (bufferBasedBitrate): random ladders and buffers from
// checkSeed, with buffers that land exactly on r, r + cu and (exactly, in any order of the
// arithmetic) on the preimage of every rung,
// compared with this file's own reference of Algorithm 1 (Huang et al., SIGCOMM 2014), never lib's.
import { expect } from 'vitest';
import { bufferBasedBitrate } from '../../lib/streaming/exercises';
import { createRng } from '../../lib/random/index';
import { check, checkSeed } from './check';

interface Input { bufferS: number; ladderKbps: number[]; reservoirS: number; cushionS: number; previousKbps: number }

/** Algorithm 1, written from the paper's pseudocode line by line. */
function referenceBba({ bufferS, ladderKbps, reservoirS, cushionS, previousKbps }: Input): number {
  const rMin = ladderKbps[0] as number;
  const rMax = ladderKbps[ladderKbps.length - 1] as number;
  const above = ladderKbps.filter((x) => x > previousKbps);
  const below = ladderKbps.filter((x) => x < previousKbps);
  const ratePlus = previousKbps === rMax ? rMax : Math.min(...above);
  const rateMinus = previousKbps === rMin ? rMin : Math.max(...below);
  if (bufferS <= reservoirS) return rMin;
  if (bufferS >= reservoirS + cushionS) return rMax;
  const f = rMin + ((rMax - rMin) * (bufferS - reservoirS)) / cushionS;
  if (f >= ratePlus) {
    const lower = ladderKbps.filter((x) => x < f);
    return lower.length ? Math.max(...lower) : rMin;
  }
  if (f <= rateMinus) return Math.min(...ladderKbps.filter((x) => x > f));
  return previousKbps;
}

/**
 * A random case. Half of them are "dyadic": R_max − R_min = 100 · 2^m, every rung at
 * R_min + 100 · j, a cushion of 2^c s and a reservoir of whole seconds, so the preimage of rung j,
 * B = r + cu · j / 2^m, is a dyadic number and f(B) is exactly that rung whatever the order of the
 * operations (f(B) = rung is a tie on purpose, and it must not depend on rounding). The other half
 * have any ladder and cushion, with buffers at r, at r + cu or anywhere (never on a preimage there).
 */
function randomCase(rng: ReturnType<typeof createRng>): Input {
  const reservoirS = rng.int(0, 120);
  const kind = rng.int(0, 4);
  if (rng.bernoulli(0.5)) {
    const m = rng.int(0, 6);
    const steps = 2 ** m;
    const rMin = 100 * rng.int(1, 100);
    const inner = new Set<number>();
    const wanted = Math.min(steps - 1, rng.int(0, 6));
    while (inner.size < wanted) inner.add(rng.int(1, steps - 1));
    const ladderKbps = [rMin, ...[...inner].sort((a, b) => a - b).map((j) => rMin + 100 * j), rMin + 100 * steps];
    const cushionS = 2 ** rng.int(0, 7);
    const previousKbps = rng.choice(ladderKbps);
    const j = (rng.choice(ladderKbps) - rMin) / 100;
    const bufferS = kind === 0 ? reservoirS
      : kind === 1 ? reservoirS + cushionS
      : kind === 2 ? reservoirS + (cushionS * j) / steps
      : rng.uniform(0, reservoirS + cushionS + 20);
    return { bufferS, ladderKbps, reservoirS, cushionS, previousKbps };
  }
  const size = rng.int(1, 8);
  const set = new Set<number>();
  while (set.size < size) set.add(100 * rng.int(1, 200));
  const ladderKbps = [...set].sort((a, b) => a - b);
  const cushionS = rng.int(1, 200);
  const previousKbps = rng.choice(ladderKbps);
  const bufferS = kind === 0 ? reservoirS
    : kind === 1 ? reservoirS + cushionS
    : rng.uniform(0, reservoirS + cushionS + 20);
  return { bufferS, ladderKbps, reservoirS, cushionS, previousKbps };
}

check('12.3', 'coincide con el algoritmo 1 de BBA-0 en 2000 casos aleatorios (límites r, r + cu y f(B) = peldaño)', () => {
  const seed = checkSeed('12.3-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 2000; i++) {
    const input = randomCase(rng);
    const before = JSON.stringify(input.ladderKbps);
    const expected = referenceBba(input);
    const got = bufferBasedBitrate({ ...input, ladderKbps: input.ladderKbps });
    expect(got, `${JSON.stringify(input)} (semilla ${seed})`).toBe(expected);
    expect(JSON.stringify(input.ladderKbps), `ladderKbps no debe cambiar (semilla ${seed})`).toBe(before);
  }
}, { hint: 'Repasa cada regla del enunciado en su orden: reservoir, cushion, subir, bajar, mantener.', points: 2 });

check('12.3', 'una sesión entera: la secuencia de bitrates de un buffer que sube y baja', () => {
  const seed = checkSeed('12.3-sesion');
  const rng = createRng(seed);
  for (let s = 0; s < 40; s++) {
    const ladderKbps = [235, 375, 560, 750, 1050, 1750, 2350, 3000, 4300, 5800];
    let buffer = 0;
    let prevMine = 235;
    let prevRef = 235;
    for (let k = 0; k < 200; k++) {
      buffer = Math.max(0, Math.min(240, buffer + rng.uniform(-9, 10)));
      const input = { bufferS: buffer, ladderKbps, reservoirS: 90, cushionS: 126 };
      prevMine = bufferBasedBitrate({ ...input, previousKbps: prevMine });
      prevRef = referenceBba({ ...input, previousKbps: prevRef });
      expect(prevMine, `paso ${k}, buffer ${buffer} (semilla ${seed})`).toBe(prevRef);
    }
  }
}, { hint: 'El bitrate anterior importa: entre Rate− y Rate+ no cambies.' });
