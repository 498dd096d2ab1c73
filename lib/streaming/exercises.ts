/**
 * Chapter 12's streaming exercise: BBA-0's rate choice over plain data. The kit's players use
 * their own `bufferBasedRateReference`; `bbaRule({ rate: bufferBasedBitrate })` plugs this one in
 * only in the exercise cell.
 */
import type { BufferBasedInput } from './rules';

function checkBufferBasedInput(input: unknown): void {
  if (input === null || typeof input !== 'object') throw new TypeError('bufferBasedBitrate espera un objeto { bufferS, ladderKbps, reservoirS, cushionS, previousKbps }');
  const { bufferS, ladderKbps, reservoirS, cushionS, previousKbps } = input as Record<string, unknown>;
  if (!Array.isArray(ladderKbps) || ladderKbps.length === 0) throw new RangeError('ladderKbps debe ser una lista no vacía de bitrates (kb/s)');
  if (!ladderKbps.every((x, i) => typeof x === 'number' && Number.isFinite(x) && x > 0 && (i === 0 || x > (ladderKbps[i - 1] as number)))) {
    throw new RangeError('ladderKbps debe tener bitrates finitos > 0 en orden estrictamente creciente');
  }
  if (typeof bufferS !== 'number' || !Number.isFinite(bufferS) || bufferS < 0) throw new RangeError(`bufferS debe ser un número de segundos ≥ 0, es ${String(bufferS)}`);
  if (typeof reservoirS !== 'number' || !Number.isFinite(reservoirS) || reservoirS < 0) throw new RangeError(`reservoirS debe ser un número de segundos ≥ 0, es ${String(reservoirS)}`);
  if (typeof cushionS !== 'number' || !Number.isFinite(cushionS) || cushionS <= 0) throw new RangeError(`cushionS debe ser un número de segundos > 0, es ${String(cushionS)}`);
  if (typeof previousKbps !== 'number' || !ladderKbps.includes(previousKbps)) throw new RangeError(`previousKbps debe ser uno de los bitrates de ladderKbps, es ${String(previousKbps)}`);
}

/**
 * Exercise 12.3: the next video rate of BBA-0 (Huang et al., SIGCOMM 2014, Algorithm 1).
 *
 * **Enunciado (ejercicio 12.3, en español).** El algoritmo BBA-0 de Netflix elige la calidad del
 * siguiente segmento mirando solo el *buffer*. Recibes un objeto `{ bufferS, ladderKbps,
 * reservoirS, cushionS, previousKbps }`: la ocupación del buffer B en segundos, la escalera de
 * bitrates en kb/s en orden estrictamente creciente (R_min = el primero, R_max = el último), el
 * tamaño del *reservoir* r y del *cushion* cu en segundos, y el bitrate del segmento anterior
 * (siempre uno de la escalera). Devuelve el bitrate del siguiente segmento, uno de la escalera:
 * - Vecinos del anterior: Rate+ es el peldaño inmediatamente superior a `previousKbps` (o R_max si
 *   ya es R_max); Rate− es el inmediatamente inferior (o R_min si ya es R_min).
 * - Si B ≤ r (incluido B = r), devuelve R_min.
 * - Si B ≥ r + cu (incluido B = r + cu), devuelve R_max.
 * - Si no, calcula el mapa lineal f(B) = R_min + (R_max − R_min) · (B − r) / cu y:
 *   - si f(B) ≥ Rate+, devuelve el **mayor** peldaño **estrictamente menor** que f(B);
 *   - si no, si f(B) ≤ Rate−, devuelve el **menor** peldaño **estrictamente mayor** que f(B);
 *   - si no, devuelve `previousKbps` (se mantiene mientras f(B) no cruce un vecino).
 * - Con una escalera de un solo peldaño, ese peldaño. No modifiques `ladderKbps`. La función ya
 *   rechaza, antes de tu región, argumentos mal formados (`TypeError`/`RangeError`).
 * Escribe toda tu solución dentro de la región `#region exercise 12.3`: el corrector toma solo
 * ese texto de tu entrega.
 *
 * @example
 * bufferBasedBitrate({ bufferS: 150, ladderKbps: [1750, 3000, 5800, 15000], reservoirS: 90, cushionS: 126, previousKbps: 1750 });
 * // 5800: f(150) ≈ 8060 ≥ Rate+ = 3000, y el mayor peldaño por debajo de 8060 es 5800
 */
export function bufferBasedBitrate(input: BufferBasedInput): number {
  checkBufferBasedInput(input);
  // #region exercise 12.3: Elegir el bitrate con BBA-0 (3 puntos)
  const { bufferS, ladderKbps, reservoirS, cushionS, previousKbps } = input;
  const rMin = ladderKbps[0] as number;
  const rMax = ladderKbps[ladderKbps.length - 1] as number;
  const at = ladderKbps.indexOf(previousKbps);
  const ratePlus = previousKbps === rMax ? rMax : (ladderKbps[at + 1] as number);
  const rateMinus = previousKbps === rMin ? rMin : (ladderKbps[at - 1] as number);
  if (bufferS <= reservoirS) return rMin;
  if (bufferS >= reservoirS + cushionS) return rMax;
  const f = rMin + ((rMax - rMin) * (bufferS - reservoirS)) / cushionS;
  if (f >= ratePlus) {
    let best = rMin;
    for (const rate of ladderKbps) if (rate < f) best = rate;
    return best;
  }
  if (f <= rateMinus) {
    for (const rate of ladderKbps) if (rate > f) return rate;
  }
  return previousKbps;
  // #endregion exercise 12.3
}
