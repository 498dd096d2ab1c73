/**
 * A transport-free JSON-RPC 2.0 dispatcher: text or parsed JSON in, Response(s) out.
 * HTTP, the in-process simulated network and tests all drive this same object.
 */
import { bindParams } from './params';
import type { ArgsOf, ParamSpec } from './params';
import {
  ErrorCode,
  failure,
  RpcError,
  success,
} from './messages';
import type { JsonRpcId, JsonRpcReply, JsonRpcResponse } from './messages';

/** A value or a promise of it: handlers may be synchronous (fast path) or async. */
export type MaybePromise<T> = T | Promise<T>;

/** A declared method: its parameters, its handler and whether retrying it is safe. */
export interface MethodDefinition {
  /** Declared parameters; leave undefined to receive the raw `params` unchecked. */
  readonly params?: readonly ParamSpec[];
  /** Computes the result. Throw an `RpcError` to answer with a specific error. */
  readonly handler: (args: any) => unknown;
  /** True when calling twice has the same effect as once, so a client may retry it. */
  readonly idempotent?: boolean;
  /** A one-line description (Spanish, shown to students). */
  readonly description?: string;
}

/**
 * Declares a method with typed arguments inferred from its parameter list.
 *
 * @example
 * const add = defineMethod({
 *   params: [{ name: 'a', type: 'number' }, { name: 'b', type: 'number' }],
 *   handler: ({ a, b }) => a + b,
 *   idempotent: true,
 * });
 */
export function defineMethod<const P extends readonly ParamSpec[]>(definition: {
  params: P;
  handler: (args: ArgsOf<P>) => unknown;
  idempotent?: boolean;
  description?: string;
}): MethodDefinition {
  return definition;
}

/** Options of a dispatcher. */
export interface DispatcherOptions {
  /** Put the thrown message of an unexpected exception in `error.data` (default true: it is a course). */
  exposeInternalErrors?: boolean;
  /** Largest batch accepted; a longer one is answered with one Invalid Request (default 1000). */
  maxBatchLength?: number;
}

/** What a dispatcher does with one parsed message or batch. */
export interface Dispatcher {
  /** The registered methods, by name. */
  readonly methods: ReadonlyMap<string, MethodDefinition>;
  /** Handles an already-parsed JSON value: one Request, a Notification or a batch (§6). */
  handleValue(value: unknown): MaybePromise<JsonRpcReply>;
  /** Handles a raw body: invalid JSON is a Parse error (-32700) with id null. */
  handleText(text: string): MaybePromise<JsonRpcReply>;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function isValidId(id: unknown): id is JsonRpcId {
  return typeof id === 'string' || typeof id === 'number' || id === null;
}

/**
 * Creates a dispatcher over a set of methods. Throws if a method name starts with `rpc.`:
 * §4 reserves those names for rpc-internal methods and extensions.
 *
 * @example
 * const rpc = createDispatcher(new Map([['sumar', add]]));
 * rpc.handleText('{"jsonrpc":"2.0","method":"sumar","params":{"a":5,"b":3},"id":1}');
 * // → { jsonrpc: '2.0', result: 8, id: 1 }
 */
export function createDispatcher(
  methods: ReadonlyMap<string, MethodDefinition>,
  options: DispatcherOptions = {},
): Dispatcher {
  for (const name of methods.keys()) {
    if (name.startsWith('rpc.')) {
      throw new Error(`createDispatcher: el nombre de método "${name}" está reservado (§4: los que empiezan por "rpc." son de la especificación)`);
    }
  }
  const expose = options.exposeInternalErrors ?? true;
  const maxBatchLength = options.maxBatchLength ?? 1000;

  function errorResponse(id: JsonRpcId, error: unknown): JsonRpcResponse {
    if (error instanceof RpcError) return { jsonrpc: '2.0', error: error.toErrorObject(), id };
    const data = expose ? (error instanceof Error ? error.message : String(error)) : undefined;
    return failure(id, ErrorCode.InternalError, undefined, data);
  }

  /** One element: returns undefined for a notification (§4.1: the server MUST NOT reply). */
  function handleOne(value: unknown): MaybePromise<JsonRpcResponse | undefined> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return failure(null, ErrorCode.InvalidRequest);
    }
    const message = value as Record<string, unknown>;
    const hasId = Object.prototype.hasOwnProperty.call(message, 'id');
    const id = hasId && isValidId(message.id) ? message.id : null;
    const params = message.params;
    // §4: jsonrpc MUST be exactly "2.0"; method a String; params, if present, Structured; id String, Number or Null.
    if (
      message.jsonrpc !== '2.0' ||
      typeof message.method !== 'string' ||
      (params !== undefined && (typeof params !== 'object' || params === null)) ||
      (hasId && !isValidId(message.id))
    ) {
      return failure(id, ErrorCode.InvalidRequest);
    }
    const isNotification = !hasId;
    const method = methods.get(message.method);
    if (method === undefined) {
      return isNotification ? undefined : failure(id, ErrorCode.MethodNotFound);
    }
    let args: unknown = params;
    if (method.params !== undefined) {
      const bound = bindParams(method.params, params);
      if ('reason' in bound) return isNotification ? undefined : failure(id, ErrorCode.InvalidParams, undefined, bound.reason);
      args = (bound as { args: Record<string, unknown> }).args;
    }
    let result: unknown;
    try {
      result = method.handler(args);
    } catch (error) {
      return isNotification ? undefined : errorResponse(id, error);
    }
    if (isThenable(result)) {
      return Promise.resolve(result).then(
        (value) => (isNotification ? undefined : success(id, value === undefined ? null : value)),
        (error: unknown) => (isNotification ? undefined : errorResponse(id, error)),
      );
    }
    // §5: result is REQUIRED on success, so a handler returning nothing answers null.
    return isNotification ? undefined : success(id, result === undefined ? null : result);
  }

  function handleValue(value: unknown): MaybePromise<JsonRpcReply> {
    if (!Array.isArray(value)) return handleOne(value);
    // §6: an empty Array is an Invalid Request, answered with a single Response (not an array).
    if (value.length === 0 || value.length > maxBatchLength) return failure(null, ErrorCode.InvalidRequest);
    const outputs: MaybePromise<JsonRpcResponse | undefined>[] = [];
    let pending = false;
    for (const element of value) {
      const output = handleOne(element);
      if (isThenable(output)) pending = true;
      outputs.push(output);
    }
    if (pending) return Promise.all(outputs).then(collectBatch);
    return collectBatch(outputs as (JsonRpcResponse | undefined)[]);
  }

  function handleText(text: string): MaybePromise<JsonRpcReply> {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return failure(null, ErrorCode.ParseError);
    }
    return handleValue(value);
  }

  return { methods, handleValue, handleText };
}

/** §6: drop notifications' empty outputs; if nothing is left, the server returns nothing at all. */
function collectBatch(outputs: readonly (JsonRpcResponse | undefined)[]): JsonRpcReply {
  const responses: JsonRpcResponse[] = [];
  for (const output of outputs) if (output !== undefined) responses.push(output);
  return responses.length === 0 ? undefined : responses;
}

/** JSON text of one id: ids are only strings, numbers or null. */
function idText(id: JsonRpcId): string {
  return id === null ? 'null' : JSON.stringify(id);
}

/**
 * One Response as text, with the spec's member order. Built by hand around the result so
 * the common case stringifies only the result, not a wrapper object (a measurable share of
 * a small call); a value JSON drops (a function) becomes null rather than a missing member.
 */
function responseText(response: JsonRpcResponse): string {
  if ('result' in response) {
    const result = JSON.stringify(response.result) ?? 'null';
    return '{"jsonrpc":"2.0","result":' + result + ',"id":' + idText(response.id) + '}';
  }
  return '{"jsonrpc":"2.0","error":' + JSON.stringify(response.error) + ',"id":' + idText(response.id) + '}';
}

function safeResponseText(response: JsonRpcResponse): string {
  try {
    return responseText(response);
  } catch {
    return responseText(failure(response.id, ErrorCode.InternalError, undefined, 'el resultado no se puede serializar a JSON'));
  }
}

/**
 * Serializes a reply to the body text. A result that JSON cannot encode (a BigInt, a cycle)
 * becomes an Internal error for that call rather than crashing the server.
 */
export function serializeReply(reply: JsonRpcReply): string | undefined {
  if (reply === undefined) return undefined;
  if (!Array.isArray(reply)) return safeResponseText(reply);
  return '[' + reply.map(safeResponseText).join(',') + ']';
}
