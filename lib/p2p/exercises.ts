/**
 * Chapter 04's P2P exercise: what a peer does with a chat message it receives, as a pure
 * function over plain data. {@link P2PPeer} keeps its own rule (`floodRule`) and takes this
 * function as its `onChat` option only in the chapter's exercise cells.
 */

/** What a peer does with one received chat message. */
export interface FloodDecision {
  /** The ids seen after this message (a new set: the argument is not modified). */
  readonly seen: Set<string>;
  /** True if the message is new and is shown to the user now. */
  readonly deliver: boolean;
  /** The neighbours the message is forwarded to, in the order of `neighbours`. */
  readonly forwardTo: string[];
}

/** The part of a chat message the flood rule looks at. */
export interface FloodedMessage {
  readonly id: string;
  readonly origin: string;
}

function checkFloodArguments(seen: unknown, message: unknown, from: unknown, neighbours: unknown): void {
  if (!(seen instanceof Set) || ![...seen].every((id) => typeof id === 'string')) throw new TypeError('seen debe ser un Set de identificadores (textos)');
  const m = message as Partial<FloodedMessage> | null;
  if (m === null || typeof m !== 'object' || typeof m.id !== 'string' || typeof m.origin !== 'string') throw new TypeError('message debe ser { id, origin } con dos textos');
  if (typeof from !== 'string') throw new TypeError('from debe ser el id (texto) del vecino que lo envió');
  if (!Array.isArray(neighbours) || !neighbours.every((n) => typeof n === 'string')) throw new TypeError('neighbours debe ser una lista de ids (textos)');
  if (new Set(neighbours).size !== neighbours.length) throw new RangeError('neighbours no puede tener repetidos');
}

/**
 * Exercise 04.2: the flood rule of a peer with de-duplication by message id.
 *
 * **Enunciado (ejercicio 04.2, en español).** Un par del chat recibe el mensaje `message`
 * (con su identificador único `id` y el par `origin` que lo escribió) del vecino `from`.
 * `seen` es el conjunto de identificadores que ya ha visto y `neighbours` la lista de sus
 * vecinos, en un orden dado. Devuelve `{ seen, deliver, forwardTo }`:
 * - Si `message.id` **no** está en `seen`: `deliver` es `true` (se muestra al usuario),
 *   `seen` es un conjunto **nuevo** con los identificadores de antes más `message.id`, y
 *   `forwardTo` son los vecinos de `neighbours`, **en el mismo orden**, menos `from` (ya lo
 *   tiene) y menos `message.origin` (lo escribió él).
 * - Si `message.id` **ya** está en `seen` (un duplicado que llega por otro camino):
 *   `deliver` es `false`, `forwardTo` es `[]` y `seen` tiene los mismos identificadores.
 * - `from` puede no estar en `neighbours` (un par que acaba de unirse): se decide igual.
 *   Sin vecinos, `forwardTo` es `[]`.
 * - No modifiques `seen` ni `neighbours`. La función ya rechaza, antes de tu región,
 *   argumentos mal formados (`TypeError`) y vecinos repetidos (`RangeError`).
 * Escribe toda tu solución dentro de la región `#region exercise 04.2`: el corrector toma
 * solo ese texto de tu entrega.
 *
 * @example
 * floodOnChat(new Set(['p2#1']), { id: 'p1#1', origin: 'p1' }, 'p3', ['p1', 'p3', 'p4', 'p5']);
 * // { seen: Set {'p2#1', 'p1#1'}, deliver: true, forwardTo: ['p4', 'p5'] }
 */
export function floodOnChat(seen: Set<string>, message: FloodedMessage, from: string, neighbours: string[]): FloodDecision {
  checkFloodArguments(seen, message, from, neighbours);
  // #region exercise 04.2: Inundar con deduplicación (2 puntos)
  if (seen.has(message.id)) return { seen: new Set(seen), deliver: false, forwardTo: [] };
  const next = new Set(seen);
  next.add(message.id);
  return { seen: next, deliver: true, forwardTo: neighbours.filter((n) => n !== from && n !== message.origin) };
  // #endregion exercise 04.2
}
