/**
 * Chapter 03's exercises: pure functions over plain data. The bank's nodes never call them by
 * default (they use the kit's own `DEFAULT_RECONCILE`); the notebook's exercise cells run the
 * AP bank with the student's functions injected (`reconcile: { mergePn, lwwWinner }`).
 * @packageDocumentation
 */

/** A PN-counter as plain data: per replica, money in (`p`) and money out (`n`). */
export interface PnCounter {
  readonly p: Readonly<Record<string, number>>;
  readonly n: Readonly<Record<string, number>>;
}

/** An LWW stamp: an HLC timestamp (`l`, `c`) and the replica that wrote. */
export interface LwwStamp {
  readonly l: number;
  readonly c: number;
  readonly node: string;
}

/** One operation of a client's session, for exercise 03.3. */
export type SessionStep = { readonly kind: 'write'; readonly id: string } | { readonly kind: 'read'; readonly sees: readonly string[] };

function checkCounts(name: string, record: unknown): void {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) throw new TypeError(`${name} debe ser un objeto réplica → cantidad`);
  for (const [replica, count] of Object.entries(record)) {
    if (!Number.isInteger(count) || (count as number) < 0) throw new RangeError(`${name}.${replica} debe ser un entero ≥ 0, es ${String(count)}`);
  }
}

/**
 * Exercise 03.1: merges two PN-counters (Shapiro et al. 2011).
 *
 * **Enunciado (ejercicio 03.1, en español).** Un saldo replicado como contador PN guarda, por
 * réplica, el dinero que ha entrado (`p`) y el que ha salido (`n`) a través de ella; el saldo es
 * la suma de `p` menos la suma de `n`. Al reconciliar dos copias `a` y `b`, devuelve un contador
 * nuevo `{ p, n }` en el que, para cada réplica que aparezca en `a` o en `b`, `p` tiene el mayor
 * de los dos valores de `p` y `n` el mayor de los dos de `n`. Una réplica que falta en un lado
 * cuenta como 0 (pasa con el valor del otro lado). Las dos partes se fusionan por separado: una
 * réplica puede estar en `a.p` y solo en `b.n`. Da igual el orden de las claves y si incluyes o
 * no réplicas con valor 0. No modifiques `a` ni `b`. La función ya rechaza, antes de tu región,
 * cantidades que no sean enteros ≥ 0 (`RangeError`). Escribe toda tu solución dentro de la
 * región `#region exercise 03.1`: el corrector toma solo ese texto de tu entrega; si necesitas
 * una función auxiliar, declárala dentro de la región.
 *
 * @example
 * mergePnCounters({ p: { eu1: 50 }, n: { us1: 0 } }, { p: { eu1: 20, us1: 30 }, n: { us1: 70 } });
 * // { p: { eu1: 50, us1: 30 }, n: { us1: 70 } }: saldo 80 − 70 = 10
 */
export function mergePnCounters(a: PnCounter, b: PnCounter): PnCounter {
  for (const [name, counter] of [['a', a], ['b', b]] as const) {
    if (counter === null || typeof counter !== 'object') throw new TypeError(`${name} debe ser un contador { p, n }`);
    checkCounts(`${name}.p`, counter.p);
    checkCounts(`${name}.n`, counter.n);
  }
  // #region exercise 03.1: Fusionar contadores PN (2 puntos)
  const maxEach = (x: Readonly<Record<string, number>>, y: Readonly<Record<string, number>>) => {
    const out: Record<string, number> = { ...x };
    for (const [replica, value] of Object.entries(y)) out[replica] = Math.max(out[replica] ?? 0, value);
    return out;
  };
  return { p: maxEach(a.p, b.p), n: maxEach(a.n, b.n) };
  // #endregion exercise 03.1
}

/**
 * Exercise 03.2: which of two last-writer-wins versions wins.
 *
 * **Enunciado (ejercicio 03.2, en español).** En «gana la última escritura» (LWW) cada versión
 * lleva una marca de reloj lógico híbrido (`l`, `c`) del capítulo 02 y la réplica que la
 * escribió (`node`). Devuelve `'a'` si gana la versión `a`, `'b'` si gana `b` e `'equal'` si
 * las dos marcas son idénticas (mismos `l`, `c` y `node`). Gana la de mayor `l`; con el mismo
 * `l`, la de mayor `c`; con el mismo `l` y `c`, la de `node` mayor en orden alfabético de
 * JavaScript (`'eu2' > 'eu1'`, `'us1' > 'eu3'`), para que todas las réplicas elijan la misma.
 * Ojo: `c` solo desempata cuando `l` coincide (`{ l: 5, c: 0 }` gana a `{ l: 4, c: 9 }`). No
 * modifiques los argumentos. La función ya rechaza, antes de tu región, marcas mal formadas
 * (`l` o `c` no enteros ≥ 0, `node` que no sea un texto). Escribe toda tu solución dentro de la
 * región `#region exercise 03.2`: el corrector toma solo ese texto de tu entrega.
 *
 * @example
 * lwwWinner({ l: 1200, c: 0, node: 'us1' }, { l: 1200, c: 1, node: 'eu1' }); // 'b'
 */
export function lwwWinner(a: LwwStamp, b: LwwStamp): 'a' | 'b' | 'equal' {
  for (const [name, stamp] of [['a', a], ['b', b]] as const) {
    if (stamp === null || typeof stamp !== 'object') throw new TypeError(`${name} debe ser una marca { l, c, node }`);
    if (!Number.isInteger(stamp.l) || stamp.l < 0 || !Number.isInteger(stamp.c) || stamp.c < 0) throw new RangeError(`${name}: l y c deben ser enteros ≥ 0`);
    if (typeof stamp.node !== 'string') throw new TypeError(`${name}.node debe ser un texto`);
  }
  // #region exercise 03.2: ¿Qué escritura gana en LWW? (2 puntos)
  if (a.l !== b.l) return a.l > b.l ? 'a' : 'b';
  if (a.c !== b.c) return a.c > b.c ? 'a' : 'b';
  if (a.node !== b.node) return a.node > b.node ? 'a' : 'b';
  return 'equal';
  // #endregion exercise 03.2
}

/**
 * Exercise 03.3: the reads of a session that break read-your-writes.
 *
 * **Enunciado (ejercicio 03.3, en español).** `session` es la lista, en orden, de lo que hizo
 * un cliente: escrituras `{ kind: 'write', id }` (por ejemplo un ingreso con identificador
 * `id`) y lecturas `{ kind: 'read', sees }`, donde `sees` son los identificadores de las
 * escrituras que la réplica que contestó ya tenía. La garantía «lee tus escrituras» exige que
 * cada lectura vea **todas** las escrituras que ese mismo cliente hizo **antes** que ella en la
 * lista. Devuelve los índices (posiciones en `session`, empezando en 0, en orden creciente) de
 * las lecturas que la incumplen. Una lectura antes de cualquier escritura no incumple nada;
 * `sees` puede traer además escrituras de otros clientes (no importan) y en cualquier orden;
 * una escritura posterior a la lectura no cuenta. Lista vacía o sin lecturas: `[]`. No
 * modifiques `session`. La función ya rechaza, antes de tu región, pasos mal formados
 * (`TypeError`). Escribe toda tu solución dentro de la región `#region exercise 03.3`: el
 * corrector toma solo ese texto de tu entrega.
 *
 * @example
 * readYourWritesViolations([{ kind: 'write', id: 'w1' }, { kind: 'read', sees: [] }, { kind: 'read', sees: ['w1'] }]); // [1]
 */
export function readYourWritesViolations(session: readonly SessionStep[]): number[] {
  if (!Array.isArray(session)) throw new TypeError('session debe ser una lista de pasos');
  session.forEach((step, i) => {
    const ok = step !== null && typeof step === 'object' && ((step.kind === 'write' && typeof step.id === 'string') || (step.kind === 'read' && Array.isArray(step.sees) && step.sees.every((s: unknown) => typeof s === 'string')));
    if (!ok) throw new TypeError(`session[${i}] no es { kind: 'write', id } ni { kind: 'read', sees }`);
  });
  // #region exercise 03.3: Lecturas que no ven tus escrituras (2 puntos)
  const written: string[] = [];
  const violations: number[] = [];
  session.forEach((step, index) => {
    if (step.kind === 'write') written.push(step.id);
    else if (!written.every((id) => step.sees.includes(id))) violations.push(index);
  });
  return violations;
  // #endregion exercise 03.3
}
