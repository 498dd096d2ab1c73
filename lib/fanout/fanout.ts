import type { Rng } from '../random/index';

/**
 * A backend service of the flight search (the lecture's example): its name and how long
 * it takes to answer. Latency = `baseMs` + an exponential tail of mean `tailMeanMs`,
 * plus, with probability `hiccupProbability`, a pause of `hiccupMs` (a garbage
 * collection, a cold cache): the long tail every real service has.
 */
export interface ServiceModel {
  name: string;
  baseMs: number;
  tailMeanMs: number;
  hiccupProbability?: number;
  hiccupMs?: number;
  /** Probability that the call fails outright (the service is down). */
  failureProbability?: number;
}

/** The lecture's three services behind one flight search, with plausible latencies. */
export const FLIGHT_SERVICES: readonly ServiceModel[] = [
  { name: 'vuelos', baseMs: 40, tailMeanMs: 25, hiccupProbability: 0.02, hiccupMs: 300 },
  { name: 'reservas', baseMs: 60, tailMeanMs: 30, hiccupProbability: 0.02, hiccupMs: 300 },
  { name: 'asientos', baseMs: 30, tailMeanMs: 50, hiccupProbability: 0.03, hiccupMs: 400 },
];

/** How the front end calls its services: one after another, or all at once. */
export type FanOutMode = 'secuencial' | 'paralelo';

/**
 * The latency of one search given each service's latency: one after the other, the
 * client waits for the sum; all at once, it waits for the slowest.
 *
 * **Enunciado (ejercicio 00.2, en español).** El portal de vuelos consulta varios servicios;
 * `latenciesMs[i]` es lo que tarda en responder el servicio i (en ms). Devuelve cuánto espera
 * el usuario:
 * - en modo `'secuencial'` cada llamada empieza cuando termina la anterior;
 * - en modo `'paralelo'` todas salen a la vez y la página está lista con la última respuesta;
 * - con cualquier número de servicios, no solo los tres del ejemplo; con uno solo, su latencia;
 * - sin servicios (lista vacía) no se espera nada: 0 en los dos modos (ni `NaN` ni `-Infinity`);
 * - las latencias pueden tener decimales: no redondees (se compara con 9 decimales).
 * - No modifiques el array que recibes.
 * La función ya rechaza, antes de tu región, un modo desconocido y una latencia negativa, no
 * finita o que no sea un número, con `RangeError`: no tienes que comprobarlo. Escribe toda tu
 * solución dentro de la región `#region exercise 00.2`: el corrector toma solo ese texto de
 * tu entrega; si necesitas una función auxiliar, declárala dentro de la región.
 *
 * @example
 * fanOutLatency([40, 60, 30], 'secuencial'); // 130
 * fanOutLatency([40, 60, 30], 'paralelo');   // 60
 */
export function fanOutLatency(latenciesMs: readonly number[], mode: FanOutMode): number {
  if (mode !== 'secuencial' && mode !== 'paralelo') {
    throw new RangeError(`modo desconocido: ${String(mode)} (usa 'secuencial' o 'paralelo')`);
  }
  latenciesMs.forEach((ms, i) => {
    if (typeof ms !== 'number' || !(ms >= 0 && ms < Infinity)) {
      throw new RangeError(`latenciesMs[${i}] debe ser un número finito >= 0, recibido ${String(ms)}`);
    }
  });
  // #region exercise 00.2: Latencia de una búsqueda secuencial y paralela (2 puntos)
  if (mode === 'secuencial') return latenciesMs.reduce((sum, ms) => sum + ms, 0);
  return latenciesMs.reduce((slowest, ms) => Math.max(slowest, ms), 0);
  // #endregion exercise 00.2
}

/** Draws one call's latency, or `undefined` when the call fails. */
export function sampleServiceLatency(service: ServiceModel, rng: Rng): number | undefined {
  // Draw every variate on every call so one service's outcome never shifts the next draws.
  const failed = rng.bernoulli(service.failureProbability ?? 0);
  const tail = rng.exponential(service.tailMeanMs);
  const hiccup = rng.bernoulli(service.hiccupProbability ?? 0) ? service.hiccupMs ?? 0 : 0;
  return failed ? undefined : service.baseMs + tail + hiccup;
}

/** One simulated search: what each service took and what the user saw. */
export interface SearchResult {
  /** Per service: its latency in ms, or undefined if it failed. */
  serviceLatencyMs: Map<string, number | undefined>;
  /** When the user got an answer (ms after the search started). */
  latencyMs: number;
  /** Services whose answers made it into the result page. */
  answered: string[];
  /** True when every service answered in time. */
  complete: boolean;
}

/** Options of {@link simulateSearches}. */
export interface SearchSimulation {
  services: readonly ServiceModel[];
  searches: number;
  mode: FanOutMode;
  rng: Rng;
  /**
   * Give up on a service after this long and show what arrived (a degraded page):
   * only meaningful in parallel, where the client waits for all calls at once.
   */
  timeoutMs?: number;
}

/**
 * Simulates `searches` flight searches in simulated time. Sequentially a failed or
 * timed-out call ends the search with what arrived so far; in parallel the client
 * waits for the slowest answer or the timeout, whichever is first.
 */
export function simulateSearches(options: SearchSimulation): SearchResult[] {
  const { services, searches, mode, rng, timeoutMs = Infinity } = options;
  if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs debe ser > 0, recibido ${timeoutMs}`);
  const results: SearchResult[] = [];
  for (let s = 0; s < searches; s++) {
    const serviceLatencyMs = new Map<string, number | undefined>();
    for (const service of services) serviceLatencyMs.set(service.name, sampleServiceLatency(service, rng));
    results.push(mode === 'secuencial' ? sequential(serviceLatencyMs, timeoutMs) : parallel(serviceLatencyMs, timeoutMs));
  }
  return results;
}

function sequential(latencies: Map<string, number | undefined>, timeoutMs: number): SearchResult {
  let elapsed = 0;
  const answered: string[] = [];
  for (const [name, ms] of latencies) {
    if (ms === undefined || ms > timeoutMs) {
      // The client notices the failure when its timeout fires (or at once, with no timeout).
      elapsed += Number.isFinite(timeoutMs) ? timeoutMs : 0;
      return { serviceLatencyMs: latencies, latencyMs: elapsed, answered, complete: false };
    }
    elapsed += ms;
    answered.push(name);
  }
  return { serviceLatencyMs: latencies, latencyMs: elapsed, answered, complete: true };
}

function parallel(latencies: Map<string, number | undefined>, timeoutMs: number): SearchResult {
  const answered = [...latencies].filter(([, ms]) => ms !== undefined && ms <= timeoutMs).map(([name]) => name);
  const complete = answered.length === latencies.size;
  const inTime = answered.map((name) => latencies.get(name) as number);
  // The simulator keeps its own max, never calling exercise 00.2: the student edition runs it unsolved.
  const slowest = inTime.reduce((max, ms) => Math.max(max, ms), 0);
  const latencyMs = complete || !Number.isFinite(timeoutMs) ? slowest : timeoutMs;
  return { serviceLatencyMs: latencies, latencyMs, answered, complete };
}

/**
 * The probability that a fan-out to `n` services hits at least one slow answer, when
 * each is slow with probability `p`: 1 − (1 − p)^n. Why the tail of one service becomes
 * the common case of a fan-out ("The Tail at Scale", Dean and Barroso, 2013).
 */
export function probabilityAnySlow(p: number, n: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p debe estar en [0, 1], recibido ${p}`);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n debe ser un entero >= 0, recibido ${n}`);
  return 1 - (1 - p) ** n;
}
