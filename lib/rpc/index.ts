/**
 * JSON-RPC 2.0, complete: messages, a transport-free dispatcher, an HTTP server and client
 * on node:http, client and server protocol nodes run over lib/sim's seeded network, the lecture's methods and chapter 01's plots.
 * @packageDocumentation
 */
export {
  ErrorCode, ErrorMessage, failure, isFailure, isReservedCode, isServerErrorCode, notification, request, RpcError, success,
} from './messages';
export type {
  JsonRpcErrorObject, JsonRpcFailure, JsonRpcId, JsonRpcNotification, JsonRpcParams, JsonRpcReply, JsonRpcRequest,
  JsonRpcResponse, JsonRpcSuccess,
} from './messages';
export { bindParams } from './params';
export type { ArgsOf, BindResult, ParamSpec, ParamType } from './params';
export { createDispatcher, defineMethod, serializeReply } from './dispatcher';
export type { Dispatcher, DispatcherOptions, MaybePromise, MethodDefinition } from './dispatcher';
export { createLectureDispatcher, lectureMethods } from './lecture';
export { createRequestListener, LOOPBACK, startHttpServer } from './http-server';
export type { HttpServerOptions, RpcHttpServer } from './http-server';
export { JsonRpcHttpClient, RpcTransportError, validateResponse } from './http-client';
export type { BatchEntry, HttpClientOptions, TransportFailure } from './http-client';
export { simulateRpc } from './sim-transport';
export type { SimNetworkOptions, SimRpcOptions, SimRpcResult } from './sim-transport';
export { formatRpcMessage, RPC_CLIENT_ID, RPC_SERVER_ID, RpcClientNode, RpcServerNode } from './sim-nodes';
export type { RpcClientPolicy, RpcSimMessage, SimCall, SimCallRecord } from './sim-nodes';
export { batchReply, classifyMessage } from './exercises';
export type { MessageKind } from './exercises';
export { latencyFigure, lossRetryFigure } from './plots';
export type { LatencySeries, LossRun } from './plots';
export { measureLatencies, postRaw } from './raw';
export type { RawAnswer } from './raw';
