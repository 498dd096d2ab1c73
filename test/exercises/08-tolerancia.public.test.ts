// Public checks of chapter 08: one per requirement stated in the exercises' Spanish statements
// (the docstrings of phiFromIntervals, markerRule and recoveryLine).
import { expect } from 'vitest';
import { markerRule, recoveryLine } from '../../lib/checkpoint/exercises';
import { phiFromIntervals } from '../../lib/detector/exercises';
import { check } from './check';

const close = (actual: number, expected: number) => expect(Math.abs(actual - expected) / Math.max(1e-12, Math.abs(expected))).toBeLessThan(1e-9);
/** This file's own φ, for the expected values. */
function phi(intervals: number[], elapsed: number, minStd: number, pause: number): number {
  const mean = intervals.reduce((s, x) => s + x, 0) / intervals.length;
  const variance = intervals.reduce((s, x) => s + (x - mean) ** 2, 0) / intervals.length;
  const m = mean + pause;
  const sd = Math.max(Math.sqrt(variance), minStd);
  const y = (elapsed - m) / sd;
  const e = Math.exp(-y * (1.5976 + 0.070566 * y * y));
  return elapsed > m ? -Math.log10(e / (1 + e)) : -Math.log10(1 - 1 / (1 + e));
}

check('08.1', 'justo en la media φ = log10(2) ≈ 0,301, y crece con el silencio', () => {
  close(phiFromIntervals([1_000, 1_000, 1_000], 1_000, 100, 0), Math.log10(2));
  close(phiFromIntervals([1_000, 1_000, 1_000], 1_250, 100, 0), phi([1_000, 1_000, 1_000], 1_250, 100, 0));
  expect(phiFromIntervals([1_000, 1_000], 1_400, 100, 0)).toBeGreaterThan(phiFromIntervals([1_000, 1_000], 1_200, 100, 0));
}, { hint: 'φ = −log10(1 − F(t)); en la media, F = 1/2.' });

check('08.1', 'la desviación típica es la poblacional (entre n)', () => {
  close(phiFromIntervals([900, 1_100], 1_250, 1, 0), phi([900, 1_100], 1_250, 1, 0));
  close(phiFromIntervals([800, 1_000, 1_300, 900], 1_400, 10, 0), phi([800, 1_000, 1_300, 900], 1_400, 10, 0));
}, { hint: 'Divide la suma de cuadrados entre n, no entre n − 1.' });

check('08.1', 'la desviación nunca baja de minStdDeviationMs', () => {
  close(phiFromIntervals([1_000, 1_000, 1_000], 1_300, 100, 0), phi([1_000, 1_000, 1_000], 1_300, 100, 0));
  close(phiFromIntervals([1_000, 1_010], 1_200, 200, 0), phi([1_000, 1_010], 1_200, 200, 0));
  close(phiFromIntervals([500, 1_500], 1_800, 200, 0), phi([500, 1_500], 1_800, 200, 0));
}, { hint: 'σ = max(desviación, mínimo): con latidos regulares la desviación es 0.' });

check('08.1', 'la pausa aceptable desplaza la media', () => {
  close(phiFromIntervals([1_000, 1_000], 4_000, 100, 3_000), Math.log10(2));
  close(phiFromIntervals([1_000, 1_200], 4_500, 100, 3_000), phi([1_000, 1_200], 4_500, 100, 3_000));
  expect(phiFromIntervals([1_000, 1_000], 2_000, 100, 3_000)).toBeLessThan(phiFromIntervals([1_000, 1_000], 2_000, 100, 0));
}, { hint: 'μ = media de los intervalos + acceptablePauseMs.' });

check('08.1', 'antes de la media φ es casi 0, y mucho después es grande', () => {
  close(phiFromIntervals([1_000, 1_100, 900], 600, 100, 0), phi([1_000, 1_100, 900], 600, 100, 0));
  close(phiFromIntervals([1_000, 1_100, 900], 1_700, 100, 0), phi([1_000, 1_100, 900], 1_700, 100, 0));
  expect(phiFromIntervals([1_000, 1_100, 900], 1_700, 100, 0)).toBeGreaterThan(8);
}, { hint: 'Usa las dos ramas del enunciado según t sea mayor o no que μ.' });

check('08.1', 'con un solo intervalo, o con 0 ms transcurridos', () => {
  close(phiFromIntervals([1_000], 1_150, 100, 0), phi([1_000], 1_150, 100, 0));
  close(phiFromIntervals([1_000], 0, 100, 0), phi([1_000], 0, 100, 0));
}, { hint: 'Un solo intervalo tiene desviación 0.' });

check('08.1', 'no modifica los intervalos', () => {
  const intervals = [1_200, 800, 1_000];
  close(phiFromIntervals(intervals, 1_300, 50, 0), phi([1_200, 800, 1_000], 1_300, 50, 0));
  expect(intervals).toEqual([1_200, 800, 1_000]);
}, { hint: 'No ordenes ni vacíes el array que recibes.' });

check('08.2', 'el primer marcador graba, envía y abre los demás canales (en el orden de incoming)', () => {
  expect(markerRule(false, [], 'B', ['A', 'B', 'C'])).toEqual({ recordState: true, sendMarkers: true, open: ['A', 'C'] });
  expect(markerRule(false, [], 'C', ['C', 'A', 'B'])).toEqual({ recordState: true, sendMarkers: true, open: ['A', 'B'] });
}, { hint: 'El canal por el que llegó el primer marcador queda vacío en la instantánea.' });

check('08.2', 'un marcador posterior cierra su canal sin grabar ni enviar', () => {
  expect(markerRule(true, ['A', 'C'], 'A', ['A', 'B', 'C'])).toEqual({ recordState: false, sendMarkers: false, open: ['C'] });
  expect(markerRule(true, ['C'], 'C', ['A', 'B', 'C'])).toEqual({ recordState: false, sendMarkers: false, open: [] });
}, { hint: 'Cada proceso graba su estado una sola vez.' });

check('08.2', 'un marcador repetido no cambia nada', () => {
  expect(markerRule(true, ['A', 'C'], 'B', ['A', 'B', 'C'])).toEqual({ recordState: false, sendMarkers: false, open: ['A', 'C'] });
}, { hint: 'Si el canal ya estaba cerrado, open se queda igual.' });

check('08.2', 'con un único canal de entrada, el primer marcador deja open vacío', () => {
  expect(markerRule(false, [], 'A', ['A'])).toEqual({ recordState: true, sendMarkers: true, open: [] });
  expect(markerRule(false, [], 'B', ['A', 'B'])).toEqual({ recordState: true, sendMarkers: true, open: ['A'] });
}, { hint: 'incoming sin from puede quedar vacío.' });

check('08.2', 'no modifica open ni incoming', () => {
  const open = ['A', 'C'];
  const incoming = ['A', 'B', 'C'];
  expect(markerRule(true, open, 'A', incoming)).toEqual({ recordState: false, sendMarkers: false, open: ['C'] });
  expect(markerRule(false, [], 'B', incoming)).toEqual({ recordState: true, sendMarkers: true, open: ['A', 'C'] });
  expect([open, incoming]).toEqual([['A', 'C'], ['A', 'B', 'C']]);
}, { hint: 'Devuelve un array nuevo (filter) en vez de usar splice.' });

check('08.3', 'sin huérfanos: el caído vuelve a su último punto de control y los demás no retroceden', () => {
  expect(recoveryLine({ P: [10, 30], Q: [20] }, [{ from: 'Q', to: 'P', sentMs: 5, receivedMs: 8 }], 'P', 50)).toEqual({ P: 30, Q: 50 });
  expect(recoveryLine({ P: [10, 50], Q: [] }, [], 'P', 50)).toEqual({ P: 50, Q: 50 });
}, { hint: 'El proceso caído usa su último punto de control con instante ≤ failedAtMs.' });

check('08.3', 'un huérfano obliga al receptor a retroceder', () => {
  expect(recoveryLine({ P: [10], Q: [5] }, [{ from: 'P', to: 'Q', sentMs: 12, receivedMs: 14 }], 'P', 20)).toEqual({ P: 10, Q: 5 });
  expect(recoveryLine({ P: [10], Q: [5, 13] }, [{ from: 'P', to: 'Q', sentMs: 12, receivedMs: 14 }], 'P', 20)).toEqual({ P: 10, Q: 13 });
}, { hint: 'Huérfano: recibido antes del corte del receptor y enviado después del corte del emisor.' });

check('08.3', 'el efecto dominó: los retrocesos se encadenan, hasta el estado inicial', () => {
  const messages = [
    { from: 'P', to: 'Q', sentMs: 32, receivedMs: 35 },
    { from: 'Q', to: 'P', sentMs: 12, receivedMs: 28 },
    { from: 'P', to: 'Q', sentMs: 8, receivedMs: 9 },
  ];
  expect(recoveryLine({ P: [5, 30], Q: [10, 40] }, messages, 'P', 50)).toEqual({ P: 5, Q: 0 });
  expect(recoveryLine({ P: [5, 30], Q: [10, 40] }, [...messages].reverse(), 'P', 50)).toEqual({ P: 5, Q: 0 });
  expect(recoveryLine({ P: [30], Q: [10, 40], R: [] }, [...messages, { from: 'Q', to: 'R', sentMs: 20, receivedMs: 25 }], 'P', 50)).toEqual({ P: 0, Q: 0, R: 0 });
}, { hint: 'Repite la búsqueda de huérfanos hasta que no cambie nada: un retroceso crea huérfanos nuevos.' });

check('08.3', 'los mensajes en tránsito no obligan a retroceder', () => {
  expect(recoveryLine({ P: [10], Q: [20] }, [{ from: 'Q', to: 'P', sentMs: 15, receivedMs: 30 }], 'P', 40)).toEqual({ P: 10, Q: 40 });
}, { hint: 'Enviado antes del corte del emisor y recibido después del corte del receptor: no es huérfano.' });

check('08.3', 'sin puntos de control se vuelve al estado inicial (0), en cualquier orden', () => {
  expect(recoveryLine({ P: [], Q: [3] }, [], 'P', 10)).toEqual({ P: 0, Q: 10 });
  expect(recoveryLine({ P: [30, 10, 20], Q: [] }, [], 'P', 25)).toEqual({ P: 20, Q: 25 });
}, { hint: 'El estado inicial cuenta como punto de control en el instante 0; la lista puede venir desordenada.' });

check('08.3', 'no modifica sus argumentos', () => {
  const checkpoints = { P: [30, 10], Q: [5] };
  const messages = [{ from: 'P', to: 'Q', sentMs: 12, receivedMs: 14 }];
  expect(recoveryLine(checkpoints, messages, 'P', 20)).toEqual({ P: 10, Q: 5 });
  expect(checkpoints).toEqual({ P: [30, 10], Q: [5] });
  expect(messages).toEqual([{ from: 'P', to: 'Q', sentMs: 12, receivedMs: 14 }]);
}, { hint: 'Devuelve un objeto nuevo; no ordenes las listas que recibes.' });
