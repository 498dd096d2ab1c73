/**
 * Chapter 12's CDN exercise: Che's characteristic time of an LRU cache, over plain data. The
 * kit's own solver is `lruCharacteristicTime` (lib/cdn/che.ts); the notebook compares the two.
 */

function checkCheArguments(rates: unknown, capacity: unknown): void {
  if (!Array.isArray(rates) || !rates.every((r) => typeof r === 'number' && Number.isFinite(r) && r >= 0)) throw new TypeError('rates debe ser una lista de tasas de petición (números finitos ≥ 0)');
  if (typeof capacity !== 'number' || !Number.isFinite(capacity) || capacity < 0) throw new RangeError(`capacity debe ser un número finito ≥ 0, recibido ${String(capacity)}`);
}

/**
 * Exercise 12.2: Che's characteristic time T_C by bisection.
 *
 * **Enunciado (ejercicio 12.2, en español).** En la aproximación de Che, un objeto con tasa de
 * peticiones λᵢ está en una caché LRU si alguien lo pidió en los últimos T_C instantes, y T_C (el
 * *tiempo característico*) es el que llena la caché en media: la ocupación
 * f(T) = Σᵢ (1 − e^(−λᵢ·T)) debe valer la capacidad C. `rates` es la lista de tasas λᵢ (números
 * finitos ≥ 0) y `capacity` la capacidad C (un número finito ≥ 0, no necesariamente entero).
 * Llamamos K al número de tasas **estrictamente positivas** (las tasas 0 no ocupan nada).
 * Devuelve T_C:
 * - Si C = 0, devuelve exactamente `0`.
 * - Si C ≥ K (incluida la lista vacía o sin tasas positivas con C > 0), devuelve `Infinity`: f
 *   nunca llega a C, la caché guarda todos los objetos que se piden.
 * - Si no (0 < C < K), devuelve el T > 0 con f(T) = C con un **error relativo de 10⁻⁹ como
 *   mucho** (|T − T_C| ≤ 10⁻⁹ · T_C). f crece con T, así que la bisección funciona: busca un
 *   intervalo [lo, hi] con f(lo) < C ≤ f(hi) (por ejemplo, empieza con hi = 1 y dóblalo mientras
 *   f(hi) < C, o pártelo por la mitad mientras f(hi/2) ≥ C) y pártelo por la mitad hasta que
 *   hi − lo ≤ 10⁻¹² · hi. Las tasas positivas pueden ser muy grandes o muy pequeñas (de 10⁻⁹ a 10⁹), así que
 *   T_C puede estar lejísimos de 1: no fijes el intervalo ni uses una tolerancia absoluta.
 * - No modifiques `rates`. La función ya rechaza, antes de tu región, argumentos mal formados
 *   (`TypeError` si `rates` no es una lista de números finitos ≥ 0, `RangeError` si `capacity` no
 *   es un número finito ≥ 0).
 * Escribe toda tu solución dentro de la región `#region exercise 12.2`: el corrector toma solo
 * ese texto de tu entrega.
 *
 * @example
 * cheCharacteristicTime([1, 1], 1); // ln 2 ≈ 0,693: 2·(1 − e^(−T)) = 1
 * cheCharacteristicTime([1, 0, 2], 2); // Infinity: solo dos tasas positivas
 */
export function cheCharacteristicTime(rates: number[], capacity: number): number {
  checkCheArguments(rates, capacity);
  // #region exercise 12.2: Tiempo característico de Che por bisección (3 puntos)
  const positive = rates.filter((r) => r > 0);
  if (capacity === 0) return 0;
  if (capacity >= positive.length) return Infinity;
  const occupancy = (t: number) => positive.reduce((sum, r) => sum - Math.expm1(-r * t), 0);
  let lo = 0;
  let hi = 1;
  while (occupancy(hi) < capacity) {
    lo = hi;
    hi *= 2;
  }
  if (lo === 0) {
    while (occupancy(hi / 2) >= capacity) hi /= 2;
    lo = hi / 2;
  }
  for (let i = 0; i < 300 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (occupancy(mid) < capacity) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
  // #endregion exercise 12.2
}
