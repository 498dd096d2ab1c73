/**
 * Chapter 11's proof-of-stake exercise: the stake-weighted choice of a validator from one
 * uniform draw, as a pure function over plain data. The kit's selection (`stakeWeightedPick`)
 * keeps its own rule and takes this function as its `pick` option only in the exercise cells.
 */

function checkPickArguments(stakes: unknown, u: unknown): void {
  if (!Array.isArray(stakes) || stakes.length === 0) throw new TypeError('stakes debe ser una lista no vacía de pares [validador, participación]');
  const names = new Set<string>();
  let total = 0;
  for (const pair of stakes as unknown[]) {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'number') throw new TypeError('cada elemento de stakes debe ser [validador (texto), participación (número)]');
    const [name, stake] = pair as [string, number];
    if (!Number.isFinite(stake) || stake < 0) throw new RangeError(`la participación de ${name} debe ser un número finito ≥ 0, no ${stake}`);
    if (names.has(name)) throw new RangeError(`el validador ${name} está repetido`);
    names.add(name);
    total += stake;
  }
  if (!(total > 0)) throw new RangeError('la participación total debe ser mayor que 0');
  if (typeof u !== 'number' || !(u >= 0 && u < 1)) throw new RangeError(`u debe ser un número en [0, 1), no ${String(u)}`);
}

/**
 * Exercise 11.3: the validator that a uniform draw `u` selects, weighted by stake.
 *
 * **Enunciado (ejercicio 11.3, en español).** `stakes` es la lista de validadores con su
 * participación, `[[validador, participación], …]`, en un orden dado, y `u` un número
 * aleatorio uniforme en [0, 1) (lo que da `rng.next()`, o el `random()` de Python). Devuelve el
 * nombre del validador elegido **en proporción a su participación**, como hace
 * `random.choices(validadores, weights=participaciones)`:
 * - Sea `total` la suma de las participaciones. Cada validador ocupa, **en el orden de la
 *   lista**, un intervalo de longitud igual a su participación: el primero `[0, s₁)`, el segundo
 *   `[s₁, s₁ + s₂)`, etc. Devuelve aquel cuyo intervalo contiene `u · total`.
 * - Compara así, en coma flotante y tal cual: calcula `u * total` una vez y compáralo con cada
 *   suma acumulada `s₁`, `s₁ + s₂`, … (no compares `u` con `suma / total`: en coma flotante no
 *   siempre da lo mismo; con `[['a', 1], ['b', 48]]` y `u = 1/49`, `u * total` es 0,999…9 y gana `'a'`).
 * - Los intervalos son semiabiertos: si `u · total` cae **justo** en el límite entre dos
 *   validadores, gana el **siguiente** (con `[['A', 1], ['B', 1]]` y `u = 0,5`, gana `'B'`);
 *   `u = 0` elige al primero con participación positiva.
 * - Un validador con participación 0 no se elige nunca (su intervalo está vacío), esté donde esté.
 * - Si por redondeo `u · total` no cae en ningún intervalo, devuelve el último validador con
 *   participación positiva (pasa con participaciones diminutas: con `[['a', 5e-324]]` y `u = 0,9`,
 *   `u * total` se redondea a `5e-324`, que no es menor que la suma acumulada; gana `'a'`).
 * - No modifiques `stakes`. La función ya rechaza, antes de tu región, una lista vacía o mal
 *   formada (`TypeError`), participaciones negativas o no finitas, un total 0, validadores
 *   repetidos y una `u` fuera de [0, 1) (`RangeError`).
 * Escribe toda tu solución dentro de la región `#region exercise 11.3`: el corrector toma solo
 * ese texto de tu entrega.
 *
 * @example
 * pickByStake([['Alice', 10], ['Bob', 20]], 0.2); // 'Alice' (0,2 · 30 = 6 < 10)
 * pickByStake([['Alice', 10], ['Bob', 20]], 0.5); // 'Bob'   (15 ≥ 10)
 */
export function pickByStake(stakes: [string, number][], u: number): string {
  checkPickArguments(stakes, u);
  // #region exercise 11.3: Elegir validador por participación (2 puntos)
  let total = 0;
  for (const [, stake] of stakes) total += stake;
  const target = u * total;
  let cumulative = 0;
  let last = '';
  for (const [validator, stake] of stakes) {
    if (stake === 0) continue;
    cumulative += stake;
    last = validator;
    if (target < cumulative) return validator;
  }
  return last;
  // #endregion exercise 11.3
}
