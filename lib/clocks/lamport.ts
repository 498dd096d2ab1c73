/**
 * Lamport's logical clocks (Lamport 1978, "Time, Clocks, and the Ordering of Events in a
 * Distributed System"): one counter per process that respects causality.
 */

function checkTimestamp(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} debe ser un entero >= 0, recibido ${String(value)}`);
}

/**
 * Exercise 02.1: Lamport's receive rule (IR2 in the paper). On receiving a message stamped
 * `received`, a process whose clock reads `local` sets its clock past both.
 *
 * **Enunciado (ejercicio 02.1, en español).** Un proceso cuyo reloj de Lamport marca `local`
 * recibe un mensaje con la marca `received`. Devuelve el nuevo valor de su reloj según la
 * regla de recepción de la clase: el máximo de los dos, más 1.
 * - Vale tanto si el reloj local va por delante como si va por detrás o si son iguales: el
 *   reloj nunca retrocede y la recepción siempre queda después del envío.
 * - `local` y `received` son enteros ≥ 0; la función ya rechaza los demás (negativos, con
 *   decimales, NaN) con `RangeError` antes de tu región: no tienes que comprobarlo.
 * Escribe toda tu solución dentro de la región `#region exercise 02.1`: el corrector toma
 * solo ese texto de tu entrega.
 *
 * @example
 * lamportReceive(0, 2); // 3: the lecture's node B receiving A's message
 */
export function lamportReceive(local: number, received: number): number {
  checkTimestamp('local', local);
  checkTimestamp('received', received);
  // #region exercise 02.1: Regla de recepción de Lamport (2 puntos)
  return Math.max(local, received) + 1;
  // #endregion exercise 02.1
}

/**
 * A Lamport clock: `tick` before every local event and send, `receive` on every delivery
 * (which uses exercise 02.1, so in a student's copy it throws until the exercise is solved).
 * Guarantees the clock condition: if a → b then C(a) < C(b) (the converse does not hold).
 *
 * @example
 * const a = new LamportClock(), b = new LamportClock();
 * a.tick();                 // 1: a local event on A
 * const stamp = a.send();   // 2: A sends, the message carries 2
 * b.receive(stamp);         // 3: max(0, 2) + 1
 */
export class LamportClock {
  /** The current value. */
  time: number;

  constructor(initial = 0) {
    this.time = initial;
  }

  /** A local event: advances the clock by one (rule IR1) and returns the new value. */
  tick(): number {
    this.time += 1;
    return this.time;
  }

  /** A send is an event too: ticks and returns the timestamp to put on the message. */
  send(): number {
    return this.tick();
  }

  /**
   * A receive: jumps past the message's timestamp (rule IR2, exercise 02.1's
   * {@link lamportReceive}) and returns the new value.
   */
  receive(received: number): number {
    this.time = lamportReceive(this.time, received);
    return this.time;
  }
}

/**
 * Lamport's total order: compare timestamps, break ties by process id. It extends
 * happened-before to a total order every process agrees on (used for mutual exclusion).
 */
export function compareLamportTotal(
  a: { readonly time: number; readonly process: string },
  b: { readonly time: number; readonly process: string },
): number {
  if (a.time !== b.time) return a.time - b.time;
  return a.process < b.process ? -1 : a.process > b.process ? 1 : 0;
}
