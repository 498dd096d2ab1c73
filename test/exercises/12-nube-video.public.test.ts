// Public checks of exercise 12.3 (bufferBasedBitrate, BBA-0's Algorithm 1 of Huang et al.,
// SIGCOMM 2014): one per requirement of its Spanish statement. Ladder [100…500], r = 10 s,
// cu = 40 s, so f(B) = 100 + 400 · (B − 10) / 40 = 10 · B.
import { expect } from 'vitest';
import { bufferBasedBitrate } from '../../lib/streaming/exercises';
import { check } from './check';

const LADDER = [100, 200, 300, 400, 500];
const bba = (bufferS: number, previousKbps: number, ladderKbps: number[] = LADDER) => bufferBasedBitrate({ bufferS, ladderKbps, reservoirS: 10, cushionS: 40, previousKbps });

check('12.3', 'en el reservoir (B ≤ r, también B = r) devuelve R_min', () => {
  for (const prev of LADDER) {
    expect(bba(0, prev)).toBe(100);
    expect(bba(9.99, prev)).toBe(100);
    expect(bba(10, prev)).toBe(100);
  }
}, { hint: 'Compara B con r usando ≤, antes de mirar el mapa.' });

check('12.3', 'pasado el cushion (B ≥ r + cu, también B = r + cu) devuelve R_max', () => {
  for (const prev of LADDER) {
    expect(bba(50, prev)).toBe(500);
    expect(bba(80, prev)).toBe(500);
  }
}, { hint: 'Con B ≥ r + cu la respuesta es R_max sin mirar el bitrate anterior.' });

check('12.3', 'sube cuando f(B) alcanza Rate+: el mayor peldaño estrictamente menor que f(B)', () => {
  expect(bba(25, 100)).toBe(200); // f = 250 ≥ Rate+ = 200
  expect(bba(41, 300)).toBe(400); // f = 410 ≥ 400
  expect(bba(49.9, 100)).toBe(400); // f ≈ 499: salta varios peldaños
  expect(bba(30, 100)).toBe(200); // f = 300 exacto: estrictamente menor que 300 → 200
}, { hint: 'Al subir, el peldaño elegido tiene que quedar estrictamente por debajo de f(B).' });

check('12.3', 'baja cuando f(B) cae a Rate−: el menor peldaño estrictamente mayor que f(B)', () => {
  expect(bba(15, 500)).toBe(200); // f = 150 ≤ Rate− = 400
  expect(bba(29, 400)).toBe(300); // f = 290 ≤ 300
  expect(bba(20, 500)).toBe(300); // f = 200 exacto: estrictamente mayor que 200 → 300
}, { hint: 'Al bajar, el peldaño elegido tiene que quedar estrictamente por encima de f(B).' });

check('12.3', 'entre los dos vecinos mantiene el bitrate anterior (también con f(B) = Rate+ o Rate−)', () => {
  expect(bba(35, 300)).toBe(300); // f = 350 entre 200 y 400
  expect(bba(40, 300)).toBe(300); // f = 400 = Rate+: el mayor < 400 es el propio 300
  expect(bba(30, 400)).toBe(400); // f = 300 = Rate−: el menor > 300 es el propio 400
  expect(bba(22, 200)).toBe(200);
}, { hint: 'Sin cruzar Rate+ ni Rate− no se cambia: devuelve previousKbps.' });

check('12.3', 'en los extremos de la escalera Rate+ = R_max y Rate− = R_min', () => {
  expect(bba(49, 500)).toBe(500); // f = 490: Rate+ = 500, Rate− = 400 → se mantiene
  expect(bba(11, 100)).toBe(100); // f = 110: Rate− = 100, Rate+ = 200 → se mantiene
  expect(bba(45, 500)).toBe(500);
}, { hint: 'Si el anterior ya es R_max, su vecino de arriba es él mismo (y R_min el de abajo de R_min).' });

check('12.3', 'usa f(B) = R_min + (R_max − R_min) · (B − r) / cu con los r y cu dados', () => {
  const ladderKbps = [235, 750, 1750, 3000, 5800];
  const at = (bufferS: number, previousKbps: number, reservoirS: number, cushionS: number) => bufferBasedBitrate({ bufferS, ladderKbps, reservoirS, cushionS, previousKbps });
  expect(at(150, 235, 90, 126)).toBe(1750); // f = 235 + 5565 · 60/126 = 2885: el mayor peldaño < 2885
  expect(at(150, 5800, 90, 126)).toBe(3000); // f = 2885 ≤ Rate− = 3000: el menor peldaño > 2885
  expect(at(100, 235, 0, 200)).toBe(3000); // f = 235 + 5565 · 0,5 = 3017,5
  expect(at(100, 5800, 0, 200)).toBe(5800); // f = 3017,5: entre Rate− = 3000 y Rate+ = 5800
}, { hint: 'Escala (B − r) / cu entre R_min y R_max de la escalera que te pasan.' });

check('12.3', 'una escalera de un solo peldaño devuelve ese peldaño; no modifica ladderKbps', () => {
  expect(bba(30, 700, [700])).toBe(700);
  expect(bba(0, 700, [700])).toBe(700);
  expect(bba(90, 700, [700])).toBe(700);
  const ladder = [100, 200, 300, 400, 500];
  bba(25, 100, ladder);
  bba(15, 500, ladder);
  expect(ladder).toEqual([100, 200, 300, 400, 500]);
}, { hint: 'Con un solo peldaño R_min = R_max; y recorre ladderKbps sin ordenarla ni cambiarla.' });
