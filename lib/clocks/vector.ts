/**
 * Vector clocks (Fidge 1988, Mattern 1989): one counter per process, so that comparing two
 * timestamps tells exactly whether one event happened before the other or they are concurrent.
 *
 * A vector is a `ReadonlyMap` from process id to counter; a missing entry means 0, so
 * processes can join without resizing anyone's vector.
 */

/** A vector timestamp: process id → number of that process's events known. Missing = 0. */
export type VectorClock = ReadonlyMap<string, number>;

/** How two vector timestamps relate. */
export type VectorOrder = 'before' | 'after' | 'concurrent' | 'equal';

/** A vector from an array in a fixed process order: `vectorFromArray(['A','B','C'], [1,0,0])`. */
export function vectorFromArray(processIds: readonly string[], values: readonly number[]): VectorClock {
  const clock = new Map<string, number>();
  processIds.forEach((id, i) => {
    const value = values[i] ?? 0;
    if (value !== 0) clock.set(id, value);
  });
  return clock;
}

/** The vector as an array in the given process order (missing entries are 0). */
export function vectorToArray(clock: VectorClock, processIds: readonly string[]): number[] {
  return processIds.map((id) => clock.get(id) ?? 0);
}

/** The vector as the lecture writes it: `[2, 2, 1]`. */
export function formatVector(clock: VectorClock, processIds: readonly string[]): string {
  return `[${vectorToArray(clock, processIds).join(', ')}]`;
}

function checkVector(name: string, clock: VectorClock): void {
  if (Object.prototype.toString.call(clock) !== '[object Map]') throw new TypeError(`${name} debe ser un Map de proceso a contador`);
  for (const [id, value] of clock) {
    if (typeof id !== 'string') throw new TypeError(`${name}: los procesos deben ser strings, recibido ${String(id)}`);
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name}: el contador de ${id} debe ser un entero >= 0, recibido ${String(value)}`);
  }
}

/**
 * Exercise 02.2: compares two vector timestamps.
 * `a` is `before` `b` when every entry of `a` is ≤ the one in `b` and at least one is smaller;
 * `concurrent` when each has some entry larger than the other's.
 *
 * **Enunciado (ejercicio 02.2, en español).** `a` y `b` son marcas vectoriales: un `Map` de
 * proceso a contador. Devuelve cómo se relacionan:
 * - `'equal'` si todas las componentes coinciden;
 * - `'before'` si cada componente de `a` es ≤ la de `b` y alguna es menor (a → b);
 * - `'after'` en el caso simétrico (b → a);
 * - `'concurrent'` si cada una tiene alguna componente mayor que la otra.
 * Un proceso que no aparece en un vector cuenta como 0, así que `{A: 1, B: 0}` es igual a
 * `{A: 1}` y dos vectores vacíos son `'equal'`. Los dos vectores pueden nombrar procesos
 * distintos (o estar vacíos), en cualquier orden: recorre los procesos de ambos. No modifiques
 * los vectores que recibes. La función ya rechaza, antes de tu región, un contador que no sea
 * un entero ≥ 0 con `RangeError`: no tienes que comprobarlo. Escribe toda tu solución dentro
 * de la región `#region exercise 02.2`: el corrector toma solo ese texto de tu entrega; si
 * necesitas una función auxiliar, declárala dentro de la región.
 *
 * @example
 * const ids = ['A', 'B', 'C'];
 * compareVectorClocks(vectorFromArray(ids, [1, 0, 0]), vectorFromArray(ids, [2, 1, 0])); // 'before'
 * compareVectorClocks(vectorFromArray(ids, [1, 0, 0]), vectorFromArray(ids, [0, 1, 0])); // 'concurrent'
 */
export function compareVectorClocks(a: VectorClock, b: VectorClock): VectorOrder {
  checkVector('a', a);
  checkVector('b', b);
  // #region exercise 02.2: Comparar relojes vectoriales (3 puntos)
  let aSmaller = false;
  let bSmaller = false;
  for (const id of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(id) ?? 0;
    const y = b.get(id) ?? 0;
    if (x < y) aSmaller = true;
    if (y < x) bSmaller = true;
  }
  if (aSmaller && bSmaller) return 'concurrent';
  if (aSmaller) return 'before';
  if (bSmaller) return 'after';
  return 'equal';
  // #endregion exercise 02.2
}

/**
 * Exercise 02.3: merges two vector timestamps, entry by entry taking the maximum: what a
 * receiver knows after reading a message's vector (before ticking its own entry).
 *
 * **Enunciado (ejercicio 02.3, en español).** Al recibir un mensaje, un proceso fusiona su
 * vector `a` con el del mensaje `b` (antes de incrementar su propia componente). Devuelve un
 * vector nuevo (un `Map`) que, para cada proceso que aparezca en `a` o en `b`, tiene el mayor
 * de los dos contadores; un proceso ausente en un vector cuenta como 0, así que los procesos
 * que solo están en uno de los dos pasan con su valor. Cualquiera de los dos puede estar vacío.
 * Da igual el orden de las claves del resultado y si incluyes o no procesos con contador 0.
 * No modifiques `a` ni `b`: devuelve un `Map` nuevo. La función ya rechaza, antes de tu
 * región, un contador que no sea un entero ≥ 0 con `RangeError`: no tienes que comprobarlo.
 * Escribe toda tu solución dentro de la región `#region exercise 02.3`: el corrector toma
 * solo ese texto de tu entrega.
 *
 * @example
 * const ids = ['A', 'B', 'C'];
 * formatVector(mergeVectorClocks(vectorFromArray(ids, [2, 0, 0]), vectorFromArray(ids, [0, 1, 3])), ids); // '[2, 1, 3]'
 */
export function mergeVectorClocks(a: VectorClock, b: VectorClock): VectorClock {
  checkVector('a', a);
  checkVector('b', b);
  // #region exercise 02.3: Fusionar relojes vectoriales (2 puntos)
  const merged = new Map(a);
  for (const [id, value] of b) merged.set(id, Math.max(merged.get(id) ?? 0, value));
  return merged;
  // #endregion exercise 02.3
}

/** True when the event stamped `a` happened before the one stamped `b` (a → b). */
export function happenedBefore(a: VectorClock, b: VectorClock): boolean {
  // Uses exercise 02.2: in a student's copy this throws until the exercise is solved.
  return compareVectorClocks(a, b) === 'before';
}

/** True when neither event happened before the other (a ∥ b). */
export function concurrent(a: VectorClock, b: VectorClock): boolean {
  // Uses exercise 02.2: in a student's copy this throws until the exercise is solved.
  return compareVectorClocks(a, b) === 'concurrent';
}

/**
 * A process's vector clock (its `receive` relies on exercise 02.3): `tick` on local events and sends, `receive` on deliveries.
 *
 * @example
 * const a = new VectorClockState('A'), b = new VectorClockState('B');
 * const stamp = a.send();   // A: {A:1}
 * b.receive(stamp);         // B: {A:1, B:1}
 * b.format(['A', 'B', 'C']); // '[1, 1, 0]'
 */
export class VectorClockState {
  private clock = new Map<string, number>();

  constructor(readonly processId: string) {}

  /** The current vector (a copy). */
  get value(): VectorClock {
    return new Map(this.clock);
  }

  /** A local event: increments this process's entry; returns a copy of the new vector. */
  tick(): VectorClock {
    this.clock.set(this.processId, (this.clock.get(this.processId) ?? 0) + 1);
    return this.value;
  }

  /** A send: ticks and returns the vector to attach to the message. */
  send(): VectorClock {
    return this.tick();
  }

  /**
   * A receive: merges the message's vector (with exercise 02.3, {@link mergeVectorClocks}),
   * then ticks; returns the new vector.
   */
  receive(received: VectorClock): VectorClock {
    this.clock = new Map(mergeVectorClocks(this.clock, received));
    return this.tick();
  }

  /** The vector as `[a, b, c]` in the given process order. */
  format(processIds: readonly string[]): string {
    return formatVector(this.clock, processIds);
  }
}
