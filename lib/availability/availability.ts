import type { Rng } from '../random/index';

function checkProbability(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) {
    throw new RangeError(`${name} debe ser una probabilidad en [0, 1], recibido ${value}`);
  }
}

function checkReplicas(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n debe ser un entero >= 1, recibido ${n}`);
}

/**
 * Availability of a service replicated on `n` independent replicas, any one of which
 * can answer: the service is down only when all `n` are down at once, 1 − (1 − a)^n.
 *
 * **Enunciado (ejercicio 00.1, en español).** Un servicio está replicado en `n` réplicas
 * independientes y basta con que responda una. Cada réplica está disponible con
 * probabilidad `a`. Devuelve la disponibilidad del servicio: la probabilidad de que al menos
 * una réplica esté disponible.
 * - Vale para cualquier `n` entero ≥ 1 (con `n = 1` es `a`), no solo para 1 o 2 réplicas.
 * - Casos límite: con `a = 0` devuelve 0 y con `a = 1` devuelve 1.
 * - Se compara con el valor exacto con 12 decimales: no redondees.
 * La función ya rechaza, antes de tu región, un `a` fuera de [0, 1] (o NaN) y un `n` que no
 * sea un entero ≥ 1, con `RangeError`: no tienes que comprobarlo. Escribe toda tu solución
 * dentro de la región `#region exercise 00.1`: el corrector toma solo ese texto de tu
 * entrega; si necesitas una función auxiliar, declárala dentro de la región.
 *
 * @example
 * parallelAvailability(0.99, 2); // 0.9999: two "two nines" replicas give four nines
 */
export function parallelAvailability(a: number, n: number): number {
  checkProbability('a', a);
  checkReplicas(n);
  // #region exercise 00.1: Disponibilidad con N réplicas independientes (2 puntos)
  return 1 - (1 - a) ** n;
  // #endregion exercise 00.1
}

/**
 * Availability of a chain of components that are all needed (a request crosses every
 * microservice in turn): the product of their availabilities.
 *
 * **Enunciado (ejercicio 00.3, en español).** Una petición atraviesa una cadena de
 * microservicios y necesita que respondan todos; `availabilities[i]` es la disponibilidad
 * del servicio i, y fallan de forma independiente. Devuelve la disponibilidad de la cadena.
 * - Vale para cadenas de cualquier longitud.
 * - Una cadena vacía (ningún servicio que pueda fallar) tiene disponibilidad 1.
 * - Se compara con el valor exacto con 12 decimales: no redondees.
 * - No modifiques el array que recibes.
 * La función ya rechaza, antes de tu región, cualquier disponibilidad fuera de [0, 1] (o
 * NaN) con `RangeError`: no tienes que comprobarlo. Escribe toda tu solución dentro de la
 * región `#region exercise 00.3`: el corrector toma solo ese texto de tu entrega.
 *
 * @example
 * seriesAvailability([0.999, 0.999, 0.999]); // ≈ 0.997: three nines each, less overall
 */
export function seriesAvailability(availabilities: readonly number[]): number {
  availabilities.forEach((a, i) => checkProbability(`availabilities[${i}]`, a));
  // #region exercise 00.3: Disponibilidad de una cadena de microservicios (1 punto)
  return availabilities.reduce((product, a) => product * a, 1);
  // #endregion exercise 00.3
}

/**
 * Availability of `n` replicas whose failures are partly correlated, after the
 * beta-factor model of reliability engineering: a fraction `beta` of each replica's
 * unavailability comes from a common cause (a shared power feed, a bad deploy, a
 * region outage) that takes all replicas down together; the rest is independent.
 * With beta = 0 this is {@link parallelAvailability}; with beta = 1 replicas add nothing.
 *
 * @example
 * correlatedAvailability(0.99, 3, 0.1); // ≈ 0.999: the common cause caps the gain
 */
export function correlatedAvailability(a: number, n: number, beta: number): number {
  checkProbability('a', a);
  checkProbability('beta', beta);
  checkReplicas(n);
  const unavailable = 1 - a;
  const common = beta * unavailable;
  // Given no common-cause outage, each replica is down independently with this probability.
  const independent = common < 1 ? ((1 - beta) * unavailable) / (1 - common) : 0;
  return (1 - common) * (1 - independent ** n);
}

/** Minutes per year a service with availability `a` is expected to be down. */
export function downtimeMinutesPerYear(a: number): number {
  checkProbability('a', a);
  return (1 - a) * 365.25 * 24 * 60;
}

/** The number of nines of an availability: 0.999 → 3. */
export function nines(a: number): number {
  checkProbability('a', a);
  return a >= 1 ? Infinity : -Math.log10(1 - a);
}

/** Options of {@link simulateAvailability}. */
export interface AvailabilitySimulation {
  /** Availability of each replica alone. */
  a: number;
  /** Number of replicas. */
  n: number;
  /** Fraction of each replica's unavailability due to a common cause (0 = independent). */
  beta: number;
  /** Number of independent observation instants to draw. */
  samples: number;
  rng: Rng;
}

/**
 * Monte Carlo check of the formulas: draws `samples` instants; at each one a common
 * cause is down with probability beta·(1 − a) and otherwise each replica is down
 * independently; returns the fraction of instants at which some replica was up.
 */
export function simulateAvailability(options: AvailabilitySimulation): number {
  const { a, n, beta, samples, rng } = options;
  checkProbability('a', a);
  checkProbability('beta', beta);
  checkReplicas(n);
  const common = beta * (1 - a);
  const independent = common < 1 ? ((1 - beta) * (1 - a)) / (1 - common) : 0;
  let up = 0;
  for (let s = 0; s < samples; s++) {
    if (rng.bernoulli(common)) continue;
    for (let r = 0; r < n; r++) {
      if (!rng.bernoulli(independent)) {
        up += 1;
        break;
      }
    }
  }
  return up / samples;
}
