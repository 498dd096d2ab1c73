/**
 * Chapter 01 exercises on the JSON-RPC 2.0 specification. The dispatcher does not call
 * these, so the server keeps working while a student's version is unfinished.
 */
import { ErrorCode, failure } from './messages';
import type { JsonRpcReply, JsonRpcResponse } from './messages';

/** What a JSON value is, read as a single JSON-RPC 2.0 message sent to a server. */
export type MessageKind = 'request' | 'notification' | 'invalid';

/**
 * Classifies one JSON value (not a batch) by the rules of §4 and §4.1: a Request has
 * `jsonrpc` exactly "2.0", a String `method`, `params` absent or an Array or Object, and an
 * `id` that is a String, Number or Null; a Notification is the same without the `id` member.
 * Anything else is an Invalid Request (-32600).
 *
 * **Enunciado (ejercicio 01.1, en español).** Recibes un valor JSON ya decodificado (lo que
 * da `JSON.parse` del cuerpo de una petición que no es un lote). Devuelve `'request'`,
 * `'notification'` o `'invalid'` según las secciones 4 y 4.1 de la especificación JSON-RPC 2.0:
 * - el valor tiene que ser un objeto: `null`, un array (aunque contenga peticiones), un
 *   string (aunque contenga JSON), un número o un booleano son `'invalid'`;
 * - `jsonrpc` tiene que ser exactamente el string `"2.0"` (ni `2`, ni `"1.0"`, ni ausente);
 * - `method` tiene que ser un string (cualquiera, también `""`);
 * - `params` puede faltar; si está, tiene que ser un array o un objeto (no `null`, ni un
 *   string, ni un número);
 * - si el objeto no tiene el miembro `id`, es `'notification'`;
 * - si lo tiene, es `'request'` cuando `id` es un string (también `""`), un número (también
 *   `0` o con decimales) o `null`, e `'invalid'` con cualquier otro tipo (booleano, objeto, array);
 * - los miembros adicionales no cambian la respuesta.
 * Escribe toda tu solución dentro de la región `#region exercise 01.1`: el corrector toma
 * solo ese texto de tu entrega; si necesitas una función auxiliar, declárala dentro de la región.
 *
 * @example
 * classifyMessage({ jsonrpc: '2.0', method: 'sumar', params: { a: 5, b: 3 }, id: 1 }); // 'request'
 * classifyMessage({ jsonrpc: '2.0', method: 'update', params: [1] });                  // 'notification'
 * classifyMessage({ method: 'my_method', params: [1, 2, 3], id: 'my_id' });            // 'invalid' (JSON-RPC 1.0)
 */
export function classifyMessage(value: unknown): MessageKind {
  // #region exercise 01.1: ¿Petición, notificación o petición inválida? (2 puntos)
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'invalid';
  const message = value as Record<string, unknown>;
  if (message.jsonrpc !== '2.0' || typeof message.method !== 'string') return 'invalid';
  const params = message.params;
  if (params !== undefined && (typeof params !== 'object' || params === null)) return 'invalid';
  if (!Object.prototype.hasOwnProperty.call(message, 'id')) return 'notification';
  const id = message.id;
  return typeof id === 'string' || typeof id === 'number' || id === null ? 'request' : 'invalid';
  // #endregion exercise 01.1
}

/**
 * Builds the server's reply to a batch (§6) from the outputs of its elements, in order:
 * a Response for each call, `undefined` for each notification.
 * - An empty batch is itself an Invalid Request: answer ONE error Response (id null), not an Array.
 * - Leave out the notifications' empty outputs.
 * - If nothing is left, return `undefined`: the server MUST NOT answer an empty Array.
 *
 * **Enunciado (ejercicio 01.2, en español).** El servidor ya ha procesado cada elemento de un
 * lote (sección 6 de la especificación): `outputs[i]` es la respuesta al elemento i, o
 * `undefined` si era una notificación. Devuelve lo que el servidor contesta:
 * - si el lote estaba vacío (`outputs` es `[]`), un único objeto de error, no un array:
 *   `{ jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id: null }`
 *   (sin `data`; puedes construirlo con `failure(null, ErrorCode.InvalidRequest)`, ya importados);
 * - si todos eran notificaciones, `undefined` (nunca un array vacío);
 * - si no, un array con las respuestas en el mismo orden, sin los `undefined`; también
 *   cuando queda una sola respuesta (un array de uno, no la respuesta suelta);
 * - las respuestas se devuelven tal cual, sin cambiarlas, y no modificas `outputs`.
 * Escribe toda tu solución dentro de la región `#region exercise 01.2`: el corrector toma
 * solo ese texto de tu entrega.
 *
 * @example
 * batchReply([]);                                     // { jsonrpc: '2.0', error: { code: -32600, … }, id: null }
 * batchReply([undefined, undefined]);                 // undefined
 * batchReply([{ jsonrpc: '2.0', result: 7, id: '1' }, undefined]); // [ { … id: '1' } ]
 */
export function batchReply(outputs: readonly (JsonRpcResponse | undefined)[]): JsonRpcReply {
  // #region exercise 01.2: Respuesta a un lote (batch) (2 puntos)
  if (outputs.length === 0) return failure(null, ErrorCode.InvalidRequest);
  const responses = outputs.filter((output): output is JsonRpcResponse => output !== undefined);
  return responses.length === 0 ? undefined : responses;
  // #endregion exercise 01.2
}
