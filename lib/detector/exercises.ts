/**
 * Chapter 08's detector exercise: φ from a window of inter-arrival times. The detectors in this
 * folder use their own implementation (`phiOf` in phi.ts); this function is the student's.
 */

/**
 * Exercise 08.1: the φ of the accrual detector from a window of heartbeat inter-arrival times,
 * as Akka computes it.
 *
 * **Enunciado (ejercicio 08.1, en español).** Un detector φ (Hayashibara et al.) guarda los
 * últimos intervalos entre latidos `intervalsMs` y, cuando han pasado `elapsedMs` desde el último
 * latido, calcula φ = −log10(1 − F(elapsedMs)), con F la normal ajustada a los intervalos.
 * Devuelve φ calculado exactamente como Akka:
 * - μ = media de `intervalsMs` + `acceptablePauseMs` (la pausa aceptable desplaza la media);
 * - σ = desviación típica **poblacional** de `intervalsMs` (dividiendo entre n, no n − 1), pero
 *   nunca menor que `minStdDeviationMs`: σ = max(desviación, `minStdDeviationMs`);
 * - y = (`elapsedMs` − μ) / σ y e = exp(−y · (1,5976 + 0,070566 · y²)) (la aproximación
 *   logística de la normal, con la que 1 − F ≈ e / (1 + e));
 * - si `elapsedMs` > μ, φ = −log10(e / (1 + e)); si no, φ = −log10(1 − 1 / (1 + e)).
 * Con un solo intervalo la desviación es 0 (y manda `minStdDeviationMs`). Se compara con
 * tolerancia relativa de 1e-9. No modifiques `intervalsMs`. La función ya rechaza con
 * `RangeError` una lista vacía, intervalos negativos o no numéricos, `elapsedMs` < 0,
 * `minStdDeviationMs` ≤ 0 y `acceptablePauseMs` < 0 antes de tu región: no tienes que
 * comprobarlo. Escribe toda tu solución dentro de la región `#region exercise 08.1`: el
 * corrector toma solo ese texto de tu entrega.
 *
 * @example
 * phiFromIntervals([1_000, 1_000, 1_000], 1_000, 100, 0); // ≈ 0,30: justo en la media, 1 − F = 1/2
 */
export function phiFromIntervals(intervalsMs: number[], elapsedMs: number, minStdDeviationMs: number, acceptablePauseMs: number): number {
  if (!Array.isArray(intervalsMs) || intervalsMs.length === 0) throw new RangeError('phiFromIntervals: hace falta al menos un intervalo');
  for (const x of intervalsMs) if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) throw new RangeError(`phiFromIntervals: intervalo no válido ${String(x)}`);
  if (!(elapsedMs >= 0) || !Number.isFinite(elapsedMs)) throw new RangeError(`phiFromIntervals: elapsedMs debe ser ≥ 0, recibido ${String(elapsedMs)}`);
  if (!(minStdDeviationMs > 0) || !Number.isFinite(minStdDeviationMs)) throw new RangeError(`phiFromIntervals: minStdDeviationMs debe ser > 0, recibido ${String(minStdDeviationMs)}`);
  if (!(acceptablePauseMs >= 0) || !Number.isFinite(acceptablePauseMs)) throw new RangeError(`phiFromIntervals: acceptablePauseMs debe ser ≥ 0, recibido ${String(acceptablePauseMs)}`);
  // #region exercise 08.1: φ a partir de una ventana de intervalos (3 puntos)
  const n = intervalsMs.length;
  let sum = 0;
  for (const x of intervalsMs) sum += x;
  const meanOfIntervals = sum / n;
  let squares = 0;
  for (const x of intervalsMs) squares += (x - meanOfIntervals) ** 2;
  const mean = meanOfIntervals + acceptablePauseMs;
  const std = Math.max(Math.sqrt(squares / n), minStdDeviationMs);
  const y = (elapsedMs - mean) / std;
  const e = Math.exp(-y * (1.5976 + 0.070566 * y * y));
  return elapsedMs > mean ? -Math.log10(e / (1 + e)) : -Math.log10(1 - 1 / (1 + e));
  // #endregion exercise 08.1
}
