/**
 * Chapter 06's Paxos exercise: the proposer's value choice at the end of phase 1, the rule
 * the lecture leaves out. The teacher's proposer (`single-decree.ts`) keeps its own copy of
 * the rule and takes this function only when a cell passes it as `chooseValue`.
 */
import type { AcceptedProposal } from './messages';

/**
 * The value a Paxos proposer sends in phase 2 once a majority promised (Paxos Made Simple §2.2, P2c).
 *
 * **Enunciado (ejercicio 06.3, en español).** Un proponente ha recibido las promesas
 * (`PROMISE`) de una mayoría de aceptadores. Cada promesa trae `acceptedBallot` (el número de
 * la propuesta más alta que ese aceptador aceptó; 0 si no aceptó ninguna) y `acceptedValue`
 * (su valor; `null` si `acceptedBallot` es 0). Devuelve el valor que el proponente debe enviar
 * en `ACCEPT`:
 * - si alguna promesa trae una propuesta aceptada (`acceptedBallot > 0`), el valor de la que
 *   tenga el `acceptedBallot` **más alto** (no el primero, ni el último, ni el más repetido);
 * - si ninguna trae propuesta aceptada (todas con 0, o la lista está vacía), `own`, el valor
 *   propio del proponente.
 * Dos promesas con el mismo `acceptedBallot` traen siempre el mismo valor. El orden de las
 * promesas no importa. No modifiques la lista ni sus objetos. La función ya rechaza antes de
 * tu región las promesas mal formadas (ballot negativo o no entero, valor que no es texto,
 * valor sin ballot) con `RangeError`: no tienes que comprobarlo.
 * Escribe toda tu solución dentro de la región `#region exercise 06.3`: el corrector toma solo
 * ese texto de tu entrega.
 *
 * @example
 * choosePaxosValue([{ acceptedBallot: 0, acceptedValue: null }, { acceptedBallot: 1, acceptedValue: 'Comamos sushi' }], 'Comamos pizza'); // 'Comamos sushi'
 */
export function choosePaxosValue(promises: readonly AcceptedProposal[], own: string): string {
  checkPromises(promises);
  // #region exercise 06.3: Valor que propone el proponente tras la fase 1 (2 puntos)
  let best: AcceptedProposal | undefined;
  for (const p of promises) {
    if (p.acceptedBallot > 0 && (best === undefined || p.acceptedBallot > best.acceptedBallot)) best = p;
  }
  return best?.acceptedValue ?? own;
  // #endregion exercise 06.3
}

function checkPromises(promises: readonly AcceptedProposal[]): void {
  if (!Array.isArray(promises)) throw new RangeError('choosePaxosValue: promises debe ser una lista');
  for (const p of promises) {
    const ok = typeof p === 'object' && p !== null && Number.isInteger(p.acceptedBallot) && p.acceptedBallot >= 0 &&
      (p.acceptedBallot === 0 ? p.acceptedValue === null : typeof p.acceptedValue === 'string');
    if (!ok) throw new RangeError(`choosePaxosValue: promesa mal formada ${JSON.stringify(p)}`);
  }
}
