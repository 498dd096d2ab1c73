/**
 * The lecture's JSON-RPC methods (jsonrpcserver examples): `sumar`, `add`, `multiply`,
 * plus the spec's own `subtract` example shown on the slide.
 */
import { createDispatcher, defineMethod } from './dispatcher';
import type { Dispatcher, MethodDefinition } from './dispatcher';

const twoNumbers = [
  { name: 'a', type: 'number' },
  { name: 'b', type: 'number' },
] as const;

/** The lecture's methods by name; each accepts params by position (`[5, 3]`) or by name (`{a: 5, b: 3}`). */
export const lectureMethods: ReadonlyMap<string, MethodDefinition> = new Map<string, MethodDefinition>([
  ['sumar', defineMethod({ params: twoNumbers, handler: ({ a, b }) => a + b, idempotent: true, description: 'Suma a + b' })],
  ['add', defineMethod({ params: twoNumbers, handler: ({ a, b }) => a + b, idempotent: true, description: 'Suma a + b' })],
  [
    'multiply',
    defineMethod({ params: twoNumbers, handler: ({ a, b }) => a * b, idempotent: true, description: 'Multiplica a · b' }),
  ],
  [
    'subtract',
    defineMethod({
      params: [
        { name: 'minuend', type: 'number' },
        { name: 'subtrahend', type: 'number' },
      ],
      handler: ({ minuend, subtrahend }) => minuend - subtrahend,
      idempotent: true,
      description: 'Resta minuend − subtrahend (ejemplo de la especificación)',
    }),
  ],
]);

/**
 * A dispatcher serving the lecture's methods.
 *
 * @example
 * const rpc = createLectureDispatcher();
 * rpc.handleValue({ jsonrpc: '2.0', method: 'multiply', params: { a: 5, b: 4 }, id: 1 });
 * // → { jsonrpc: '2.0', result: 20, id: 1 }
 */
export function createLectureDispatcher(): Dispatcher {
  return createDispatcher(lectureMethods);
}
