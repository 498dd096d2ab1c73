/**
 * JSON-RPC 2.0 messages, with the specification's own field names
 * (https://www.jsonrpc.org/specification).
 */

/** A request id: the spec allows a String, a Number or Null (Null is discouraged, §4). */
export type JsonRpcId = string | number | null;

/** Parameters: by position (an Array) or by name (an Object), §4.2. */
export type JsonRpcParams = unknown[] | Record<string, unknown>;

/** A Request object (§4): a call that expects a Response. */
export interface JsonRpcRequest {
  jsonrpc: '2.0';
  method: string;
  params?: JsonRpcParams;
  id: JsonRpcId;
}

/** A Notification (§4.1): a Request without an `id`; the server MUST NOT reply to it. */
export interface JsonRpcNotification {
  jsonrpc: '2.0';
  method: string;
  params?: JsonRpcParams;
}

/** The Error object of a failed call (§5.1). */
export interface JsonRpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

/** A successful Response (§5): `result` and never `error`. */
export interface JsonRpcSuccess {
  jsonrpc: '2.0';
  result: unknown;
  id: JsonRpcId;
}

/** A failed Response (§5): `error` and never `result`; `id` is Null when it could not be read. */
export interface JsonRpcFailure {
  jsonrpc: '2.0';
  error: JsonRpcErrorObject;
  id: JsonRpcId;
}

/** A Response object (§5). */
export type JsonRpcResponse = JsonRpcSuccess | JsonRpcFailure;

/** What a server sends back for one HTTP body: one Response, a batch of them, or nothing. */
export type JsonRpcReply = JsonRpcResponse | JsonRpcResponse[] | undefined;

/**
 * The pre-defined error codes of §5.1, plus the range reserved for implementation-defined
 * server errors (-32000 to -32099).
 */
export const ErrorCode = {
  /** Invalid JSON was received by the server. */
  ParseError: -32700,
  /** The JSON sent is not a valid Request object. */
  InvalidRequest: -32600,
  /** The method does not exist / is not available. */
  MethodNotFound: -32601,
  /** Invalid method parameter(s). */
  InvalidParams: -32602,
  /** Internal JSON-RPC error. */
  InternalError: -32603,
  /** Upper end of the server-error range (reserved for implementation-defined errors). */
  ServerErrorMax: -32000,
  /** Lower end of the server-error range. */
  ServerErrorMin: -32099,
} as const;

/** The spec's messages for its pre-defined codes (§5.1 table). */
export const ErrorMessage: ReadonlyMap<number, string> = new Map([
  [ErrorCode.ParseError, 'Parse error'],
  [ErrorCode.InvalidRequest, 'Invalid Request'],
  [ErrorCode.MethodNotFound, 'Method not found'],
  [ErrorCode.InvalidParams, 'Invalid params'],
  [ErrorCode.InternalError, 'Internal error'],
]);

/** True when `code` is one the spec reserves (-32768 to -32000); applications must not use those. */
export function isReservedCode(code: number): boolean {
  return code >= -32768 && code <= -32000;
}

/** True when `code` is in the implementation-defined server-error range (-32099 to -32000). */
export function isServerErrorCode(code: number): boolean {
  return code >= ErrorCode.ServerErrorMin && code <= ErrorCode.ServerErrorMax;
}

/** Builds a successful Response. Field order follows the spec's examples: jsonrpc, result, id. */
export function success(id: JsonRpcId, result: unknown): JsonRpcSuccess {
  return { jsonrpc: '2.0', result, id };
}

/** Builds a failed Response; `data` is left out when undefined so the JSON stays minimal. */
export function failure(id: JsonRpcId, code: number, message?: string, data?: unknown): JsonRpcFailure {
  const error: JsonRpcErrorObject = { code, message: message ?? ErrorMessage.get(code) ?? 'Server error' };
  if (data !== undefined) error.data = data;
  return { jsonrpc: '2.0', error, id };
}

/** Builds a Request object. */
export function request(method: string, params: JsonRpcParams | undefined, id: JsonRpcId): JsonRpcRequest {
  return params === undefined ? { jsonrpc: '2.0', method, id } : { jsonrpc: '2.0', method, params, id };
}

/** Builds a Notification (a Request without `id`). */
export function notification(method: string, params?: JsonRpcParams): JsonRpcNotification {
  return params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params };
}

/** True for a failed Response. */
export function isFailure(response: JsonRpcResponse): response is JsonRpcFailure {
  return 'error' in response;
}

/**
 * An error a method handler throws to answer with a specific Error object. Use codes
 * outside the reserved range for application errors, or -32000..-32099 for server errors.
 *
 * @example
 * throw new RpcError(-32001, 'Saldo insuficiente', { saldo: 3 });
 */
export class RpcError extends Error {
  /** The JSON-RPC error code. */
  readonly code: number;
  /** Optional structured detail, sent as `error.data`. */
  readonly data: unknown;

  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.name = 'RpcError';
    this.code = code;
    this.data = data;
  }

  /** The Error object this exception is sent as. */
  toErrorObject(): JsonRpcErrorObject {
    const error: JsonRpcErrorObject = { code: this.code, message: this.message };
    if (this.data !== undefined) error.data = this.data;
    return error;
  }
}
