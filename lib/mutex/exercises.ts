/**
 * Chapter 07's Ricart–Agrawala exercise: the rule that decides whether a REQUEST is answered
 * now or deferred. {@link RicartAgrawalaNode} takes it as its `defers` option in the chapter's
 * exercise cells, and keeps its own rule otherwise.
 */
import type { MutexPhase } from './node';

/** A request as the exercise sees it: its Lamport timestamp and the id of its node. */
export interface RequestStamp {
  readonly time: number;
  readonly node: string;
}

function checkStamp(name: string, stamp: RequestStamp | null): void {
  if (stamp === null) return;
  if (typeof stamp !== 'object' || !Number.isSafeInteger(stamp.time) || stamp.time < 0 || typeof stamp.node !== 'string') {
    throw new TypeError(`${name} debe ser { time: entero ≥ 0, node: texto }`);
  }
}

/**
 * Exercise 07.2: Ricart–Agrawala's rule on receiving a REQUEST (the lecture's step 2).
 *
 * **Enunciado (ejercicio 07.2, en español).** Un nodo en el estado `state` (`'RELEASED'`: ni usa
 * el recurso ni lo quiere; `'WANTED'`: lo ha pedido y espera; `'HELD'`: está dentro) recibe la
 * petición `request = { time, node }` de otro nodo. `mine` es su propia petición pendiente
 * (`{ time, node }`) cuando está en `'WANTED'` o `'HELD'`, y `null` en `'RELEASED'`. Devuelve
 * `true` si debe **aplazar** la respuesta (responder «OK» al salir) y `false` si responde «OK» ya:
 * - `'RELEASED'`: responde ya (`false`).
 * - `'HELD'`: aplaza (`true`), sea cual sea la marca de la petición.
 * - `'WANTED'`: gana la petición más antigua: aplaza si la suya es anterior a la recibida, es
 *   decir, si `mine.time < request.time`; con marcas iguales decide el identificador: aplaza si
 *   `mine.node < request.node` (comparación de cadenas de JavaScript, así que `'n10' < 'n2'`).
 *   Si la recibida es anterior, responde ya.
 * - No modifiques `mine` ni `request`. La función ya rechaza, antes de tu región, marcas que no
 *   sean enteros ≥ 0 y un `mine` nulo en `'WANTED'` o `'HELD'`.
 * Escribe toda tu solución dentro de la región `#region exercise 07.2`: el corrector toma solo
 * ese texto de tu entrega.
 *
 * @example
 * ricartAgrawalaDefers('WANTED', { time: 3, node: 'n1' }, { time: 5, node: 'n2' }); // true: mine is older
 */
export function ricartAgrawalaDefers(state: MutexPhase, mine: RequestStamp | null, request: RequestStamp): boolean {
  if (state !== 'RELEASED' && state !== 'WANTED' && state !== 'HELD') throw new RangeError(`estado desconocido: ${String(state)}`);
  checkStamp('mine', mine);
  checkStamp('request', request);
  if (state !== 'RELEASED' && mine === null) throw new RangeError(`en ${state} hace falta la petición propia (mine)`);
  // #region exercise 07.2: Regla de aplazamiento de Ricart–Agrawala (2 puntos)
  if (state === 'RELEASED' || mine === null) return false;
  if (state === 'HELD') return true;
  if (mine.time !== request.time) return mine.time < request.time;
  return mine.node < request.node;
  // #endregion exercise 07.2
}
