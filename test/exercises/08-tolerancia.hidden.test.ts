// Hidden checks of chapter 08: random inputs from checkSeed (per-student seeds under the
// grader), compared with this file's own references, never with lib's.
import { expect } from 'vitest';
import { markerRule, recoveryLine } from '../../lib/checkpoint/exercises';
import { phiFromIntervals } from '../../lib/detector/exercises';
import { createRng } from '../../lib/random/index';
import type { Rng } from '../../lib/random/index';
import { check, checkSeed } from './check';

function referencePhi(intervals: readonly number[], elapsed: number, minStd: number, pause: number): number {
  let sum = 0;
  for (const x of intervals) sum += x;
  const mean = sum / intervals.length;
  let sq = 0;
  for (const x of intervals) sq += (x - mean) * (x - mean);
  const mu = mean + pause;
  const sigma = Math.max(Math.sqrt(sq / intervals.length), minStd);
  const y = (elapsed - mu) / sigma;
  const e = Math.exp(-y * (1.5976 + 0.070566 * y * y));
  return elapsed > mu ? -Math.log10(e / (1 + e)) : -Math.log10(1 - 1 / (1 + e));
}

type Msg = { from: string; to: string; sentMs: number; receivedMs: number };
function referenceLine(cps: Record<string, number[]>, msgs: readonly Msg[], failed: string, at: number): Record<string, number> {
  const last = (p: string, ok: (c: number) => boolean) => (cps[p] ?? []).filter(ok).reduce((a, b) => Math.max(a, b), 0);
  const cut: Record<string, number> = {};
  for (const p of Object.keys(cps)) cut[p] = p === failed ? last(p, (c) => c <= at) : at;
  for (;;) {
    const orphan = msgs.find((m) => m.receivedMs < (cut[m.to] as number) && m.sentMs > (cut[m.from] as number));
    if (orphan === undefined) return cut;
    cut[orphan.to] = last(orphan.to, (c) => c < orphan.receivedMs);
  }
}

/** A random run: integer message times, checkpoints at half milliseconds (never on a message). */
function randomRun(rng: Rng): { cps: Record<string, number[]>; msgs: Msg[]; failed: string; at: number } {
  const ids = ['P', 'Q', 'R', 'S'].slice(0, rng.int(2, 4));
  const at = 200;
  const msgs: Msg[] = [];
  for (let i = rng.int(0, 14); i > 0; i--) {
    const from = rng.choice(ids);
    const to = rng.choice(ids.filter((x) => x !== from));
    const sentMs = rng.int(1, at - 2);
    msgs.push({ from, to, sentMs, receivedMs: rng.int(sentMs + 1, at - 1) }); // never on a checkpoint at `at`
  }
  const cps: Record<string, number[]> = {};
  for (const p of ids) cps[p] = Array.from({ length: rng.int(0, 4) }, () => rng.int(1, at - 1) + 0.5);
  if (rng.bernoulli(0.15)) cps[ids[0] as string]!.push(at);
  return { cps, msgs, failed: rng.choice(ids), at };
}

check('08.1', 'coincide con la referencia en 300 ventanas aleatorias', () => {
  const seed = checkSeed('08.1-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 300; i++) {
    const base = rng.uniform(100, 2_000);
    const intervals = Array.from({ length: rng.int(1, 12) }, () => Math.max(0, base + rng.normal(0, rng.uniform(0, base / 3))));
    const minStd = rng.uniform(1, 300);
    const pause = rng.bernoulli(0.4) ? 0 : rng.uniform(0, 3_000);
    const mu = intervals.reduce((s, x) => s + x, 0) / intervals.length + pause;
    const elapsed = Math.max(0, mu + rng.uniform(-3, 6) * minStd);
    const copy = [...intervals];
    const expected = referencePhi(intervals, elapsed, minStd, pause);
    const actual = phiFromIntervals(intervals, elapsed, minStd, pause);
    expect(Math.abs(actual - expected) / Math.max(1e-12, Math.abs(expected)), `caso ${i} (semilla ${seed}): ${JSON.stringify({ intervals, elapsed, minStd, pause })}`).toBeLessThan(1e-9);
    expect(intervals).toEqual(copy);
  }
}, { hint: 'Revisa la media con la pausa, la desviación poblacional con su mínimo y las dos ramas.' });

check('08.1', 'con latidos perfectamente regulares usa la desviación mínima', () => {
  const rng = createRng(checkSeed('08.1-regular'));
  for (let i = 0; i < 50; i++) {
    const period = rng.int(100, 2_000);
    const intervals = Array.from({ length: rng.int(1, 8) }, () => period);
    const minStd = rng.int(10, 200);
    const elapsed = period + rng.uniform(0, 4) * minStd;
    const expected = referencePhi(intervals, elapsed, minStd, 0);
    expect(Math.abs(phiFromIntervals(intervals, elapsed, minStd, 0) - expected) / Math.max(1e-12, expected)).toBeLessThan(1e-9);
  }
}, { hint: 'Una desviación 0 no vale: usa minStdDeviationMs.' });

check('08.2', 'coincide con la regla del marcador en 300 situaciones aleatorias', () => {
  const seed = checkSeed('08.2-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 300; i++) {
    const incoming = rng.shuffle(['A', 'B', 'C', 'D', 'E']).slice(0, rng.int(1, 5));
    const recorded = rng.bernoulli(0.6);
    const open = recorded ? incoming.filter(() => rng.bernoulli(0.5)) : [];
    const from = rng.choice(incoming);
    const expected = recorded
      ? { recordState: false, sendMarkers: false, open: open.filter((c) => c !== from) }
      : { recordState: true, sendMarkers: true, open: incoming.filter((c) => c !== from) };
    const [openCopy, incomingCopy] = [[...open], [...incoming]];
    expect(markerRule(recorded, open, from, incoming), `caso ${i} (semilla ${seed}): ${JSON.stringify({ recorded, open, from, incoming })}`).toEqual(expected);
    expect([open, incoming]).toEqual([openCopy, incomingCopy]);
  }
}, { hint: 'Distingue el primer marcador de los siguientes, y no modifiques los arrays.' });

check('08.3', 'coincide con la línea de recuperación en 300 ejecuciones aleatorias', () => {
  const seed = checkSeed('08.3-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 300; i++) {
    const { cps, msgs, failed, at } = randomRun(rng);
    const before = JSON.stringify([cps, msgs]);
    const expected = referenceLine(cps, msgs, failed, at);
    expect(recoveryLine(cps, msgs, failed, at), `caso ${i} (semilla ${seed}): ${before} failed=${failed}`).toEqual(expected);
    expect(JSON.stringify([cps, msgs])).toBe(before);
  }
}, { hint: 'Repite hasta que no quede ningún huérfano, y vuelve siempre al último punto anterior a la recepción.' });

check('08.3', 'cadenas largas de retrocesos (efecto dominó) llegan hasta el estado inicial', () => {
  const rng = createRng(checkSeed('08.3-domino'));
  for (let i = 0; i < 40; i++) {
    // A ping-pong between P and Q with each checkpoint just before a receive: every rollback makes a new orphan.
    const n = rng.int(2, 6);
    const msgs: Msg[] = [];
    const cps: Record<string, number[]> = { P: [], Q: [] };
    for (let k = 0; k < n; k++) {
      const t = 10 + 10 * k;
      const [from, to] = k % 2 === 0 ? ['Q', 'P'] : ['P', 'Q'];
      msgs.push({ from: from as string, to: to as string, sentMs: t + 1, receivedMs: t + 5 });
      cps[from as string]!.push(t + 0.5);
    }
    const failed = n % 2 === 0 ? 'Q' : 'P';
    expect(recoveryLine(cps, msgs, failed, 10 + 10 * n)).toEqual(referenceLine(cps, msgs, failed, 10 + 10 * n));
  }
}, { hint: 'Un retroceso puede crear huérfanos nuevos: sigue iterando.' });
