/**
 * Chapter 08's checkpoint exercises: Chandy–Lamport's marker rule and the recovery line of
 * uncoordinated checkpoints (the domino effect). The teacher's code never calls them: the bank
 * uses `markerRuleReference` and the domino pictures `computeRecoveryLine`, unless a notebook
 * cell passes these functions in.
 */
import type { MarkerDecision } from './messages';

/**
 * Exercise 08.2: Chandy–Lamport's marker receiving rule.
 *
 * **Enunciado (ejercicio 08.2, en español).** Un proceso del algoritmo de Chandy–Lamport recibe
 * un marcador por el canal de entrada `from` (cada canal se nombra por su emisor). `recorded`
 * dice si ya grabó su estado local, `open` son los canales de entrada que sigue grabando e
 * `incoming` todos sus canales de entrada. Devuelve `{ recordState, sendMarkers, open }`:
 * - si es el **primer** marcador (`recorded` es `false`): graba el estado (`recordState: true`),
 *   envía marcadores por todos sus canales de salida (`sendMarkers: true`) y empieza a grabar
 *   todos los canales de entrada **menos** `from` (ese canal queda vacío en la instantánea):
 *   `open` = `incoming` sin `from`, en el orden de `incoming`; con un único canal de entrada,
 *   `open` queda vacío;
 * - si ya había grabado: ni graba ni envía (`false`, `false`) y deja de grabar `from`:
 *   `open` = `open` sin `from`, en el mismo orden; si `from` ya no estaba en `open` (un marcador
 *   repetido), `open` no cambia.
 * No modifiques `open` ni `incoming`: devuelve un array nuevo. La función ya rechaza con
 * `RangeError`, antes de tu región, un `from` que no está en `incoming`, un `open` con canales
 * que no están en `incoming` y un `open` no vacío cuando `recorded` es `false`. Escribe toda tu
 * solución dentro de la región `#region exercise 08.2`: el corrector toma solo ese texto de tu
 * entrega.
 *
 * @example
 * markerRule(false, [], 'A', ['A', 'B', 'C']); // { recordState: true, sendMarkers: true, open: ['B', 'C'] }
 */
export function markerRule(recorded: boolean, open: string[], from: string, incoming: string[]): MarkerDecision {
  if (typeof recorded !== 'boolean') throw new RangeError(`markerRule: recorded debe ser booleano, recibido ${String(recorded)}`);
  if (!Array.isArray(open) || !Array.isArray(incoming)) throw new RangeError('markerRule: open e incoming deben ser arrays');
  if (!incoming.includes(from)) throw new RangeError(`markerRule: el marcador llega por ${String(from)}, que no es un canal de entrada (${incoming.join(', ')})`);
  for (const c of open) if (!incoming.includes(c)) throw new RangeError(`markerRule: el canal abierto ${String(c)} no es un canal de entrada`);
  if (!recorded && open.length > 0) throw new RangeError('markerRule: sin estado grabado no puede haber canales grabándose');
  // #region exercise 08.2: Regla del marcador de Chandy–Lamport (2 puntos)
  if (!recorded) return { recordState: true, sendMarkers: true, open: incoming.filter((c) => c !== from) };
  return { recordState: false, sendMarkers: false, open: open.filter((c) => c !== from) };
  // #endregion exercise 08.2
}

/** A message of a run, for the recovery line: who sent it to whom, and when it left and arrived. */
export interface RunMessage {
  readonly from: string;
  readonly to: string;
  readonly sentMs: number;
  readonly receivedMs: number;
}

/**
 * Exercise 08.3: the recovery line of uncoordinated checkpoints (the domino effect).
 *
 * **Enunciado (ejercicio 08.3, en español).** Cada proceso guarda puntos de control cuando
 * quiere: `checkpoints[p]` son los instantes (ms) de los de `p`, en cualquier orden; el estado
 * inicial (instante 0) cuenta siempre como punto de control, aunque no esté en la lista.
 * `messages` son los mensajes de la ejecución (`from`, `to`, `sentMs`, `receivedMs`). El proceso
 * `failed` cae en `failedAtMs`. Devuelve la **línea de recuperación**: para cada proceso de
 * `checkpoints`, el instante desde el que reanuda.
 * - Al principio, `failed` vuelve a su último punto de control con instante ≤ `failedAtMs` (o 0)
 *   y los demás siguen en `failedAtMs` (su estado actual, sin retroceder).
 * - Un mensaje es **huérfano** si su recepción queda dentro de la línea y su envío fuera:
 *   `receivedMs` < corte de `to` y `sentMs` > corte de `from`. Un huérfano obliga a `to` a
 *   retroceder a su último punto de control con instante < `receivedMs` (o a 0).
 * - Repite hasta que no quede ningún huérfano (un retroceso puede crear huérfanos nuevos: es el
 *   efecto dominó). Los mensajes enviados antes del corte del emisor y recibidos después del corte
 *   del receptor no son huérfanos (son mensajes en tránsito: no obligan a retroceder).
 * Devuelve un objeto nuevo con una entrada por cada proceso de `checkpoints` (también los que no
 * retroceden, con `failedAtMs`). No modifiques los argumentos. La función ya rechaza con
 * `RangeError`, antes de tu región, un `failed` o un mensaje con procesos que no están en
 * `checkpoints`, instantes negativos, mensajes con `receivedMs` ≤ `sentMs` o posteriores a
 * `failedAtMs`, y puntos de control que coinciden con un envío o recepción de su proceso. Escribe
 * toda tu solución dentro de la región `#region exercise 08.3`: el corrector toma solo ese texto
 * de tu entrega.
 *
 * @example
 * recoveryLine({ P: [10], Q: [5] }, [{ from: 'P', to: 'Q', sentMs: 12, receivedMs: 14 }], 'P', 20);
 * // { P: 10, Q: 5 }: Q recibió a los 14 un mensaje que P, tras volver a 10, aún no ha enviado
 */
export function recoveryLine(checkpoints: Record<string, number[]>, messages: RunMessage[], failed: string, failedAtMs: number): Record<string, number> {
  validateRun(checkpoints, messages, failed, failedAtMs);
  // #region exercise 08.3: Línea de recuperación y efecto dominó (3 puntos)
  const cut: Record<string, number> = {};
  const latestBefore = (p: string, t: number, inclusive: boolean) => {
    let best = 0;
    for (const c of checkpoints[p] ?? []) if ((inclusive ? c <= t : c < t) && c > best) best = c;
    return best;
  };
  for (const p of Object.keys(checkpoints)) cut[p] = p === failed ? latestBefore(p, failedAtMs, true) : failedAtMs;
  let changed = true;
  while (changed) {
    changed = false;
    for (const m of messages) {
      if (m.receivedMs < (cut[m.to] as number) && m.sentMs > (cut[m.from] as number)) {
        cut[m.to] = latestBefore(m.to, m.receivedMs, false);
        changed = true;
      }
    }
  }
  return cut;
  // #endregion exercise 08.3
}

/** The validation before exercise 08.3's region (also used by the teacher's `computeRecoveryLine`). */
export function validateRun(checkpoints: Record<string, number[]>, messages: readonly RunMessage[], failed: string, failedAtMs: number): void {
  if (typeof checkpoints !== 'object' || checkpoints === null) throw new RangeError('recoveryLine: checkpoints debe ser un objeto proceso → instantes');
  const processes = new Set(Object.keys(checkpoints));
  if (!processes.has(failed)) throw new RangeError(`recoveryLine: el proceso caído ${String(failed)} no está en checkpoints`);
  if (!(failedAtMs >= 0) || !Number.isFinite(failedAtMs)) throw new RangeError(`recoveryLine: failedAtMs no válido ${String(failedAtMs)}`);
  const busy = new Map<string, Set<number>>([...processes].map((p) => [p, new Set<number>()]));
  if (!Array.isArray(messages)) throw new RangeError('recoveryLine: messages debe ser un array');
  for (const m of messages) {
    if (typeof m !== 'object' || m === null || !processes.has(m.from) || !processes.has(m.to)) throw new RangeError(`recoveryLine: mensaje con un proceso desconocido: ${JSON.stringify(m)}`);
    if (!(m.sentMs >= 0) || !(m.receivedMs > m.sentMs) || !(m.receivedMs <= failedAtMs)) throw new RangeError(`recoveryLine: instantes no válidos en ${JSON.stringify(m)} (0 ≤ envío < recepción ≤ fallo)`);
    busy.get(m.from)?.add(m.sentMs);
    busy.get(m.to)?.add(m.receivedMs);
  }
  for (const [p, times] of Object.entries(checkpoints)) {
    if (!Array.isArray(times)) throw new RangeError(`recoveryLine: checkpoints[${p}] debe ser un array`);
    for (const t of times) {
      if (typeof t !== 'number' || !(t >= 0) || !Number.isFinite(t)) throw new RangeError(`recoveryLine: punto de control no válido ${String(t)} en ${p}`);
      if (busy.get(p)?.has(t)) throw new RangeError(`recoveryLine: el punto de control ${t} de ${p} coincide con un envío o una recepción`);
    }
  }
}
