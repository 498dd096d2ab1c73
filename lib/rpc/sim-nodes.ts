/**
 * JSON-RPC as two protocol nodes for lib/sim: a client that issues calls with a timeout and
 * retries, and a single-threaded server that runs the real dispatcher. They return effects
 * (send, setTimer, output) and never touch a clock; `simulateRpc` runs them in a `Simulation`.
 */
import type { Effect, Input, NodeId, ProtocolNode } from '../sim/index';
import { cancelTimer, output, send, setTimer } from '../sim/index';
import type { Dispatcher } from './dispatcher';
import { request } from './messages';
import type { JsonRpcId, JsonRpcParams, JsonRpcRequest, JsonRpcResponse } from './messages';

/** What travels on the simulated wire: JSON-RPC 2.0 messages, with the spec's own field names. */
export type RpcSimMessage = JsonRpcRequest | JsonRpcResponse;

/** The node id of the simulated client. */
export const RPC_CLIENT_ID: NodeId = 'cliente';
/** The node id of the simulated server. */
export const RPC_SERVER_ID: NodeId = 'servidor';

/** One call to make. */
export interface SimCall {
  method: string;
  params?: JsonRpcParams;
}

/** What happened to one call. */
export interface SimCallRecord {
  id: number;
  method: string;
  startMs: number;
  /** When the client got an answer or gave up. */
  endMs: number;
  latencyMs: number;
  attempts: number;
  /** How many times the server executed it: above 1 means a retry (or a duplicate) ran it twice. */
  executions: number;
  outcome: 'ok' | 'error' | 'timeout';
  response?: JsonRpcResponse;
}

/** Client policy: how many calls in flight, how long to wait, when to retry. */
export interface RpcClientPolicy {
  concurrency: number;
  timeoutMs: number;
  retries: number;
  retryOnlyIdempotent: boolean;
  /** Whether the server declares `method` idempotent (safe to run twice). */
  isIdempotent: (method: string) => boolean;
}

/** Short trace text for a JSON-RPC message: `add#3 [2,1]` for a request, `#3 → 3` for a response. */
export function formatRpcMessage(message: RpcSimMessage): string {
  if ('method' in message) return `${message.method}#${String(message.id)}${message.params === undefined ? '' : ` ${JSON.stringify(message.params)}`}`;
  if ('error' in message) return `#${String(message.id)} error ${message.error.code}`;
  return `#${String(message.id)} \u2192 ${JSON.stringify(message.result)}`;
}

/**
 * The client: keeps `concurrency` calls in flight; each attempt arms a timer `timeout#<id>`;
 * on a timeout it retries only when the policy allows it (by default, only idempotent methods).
 */
export class RpcClientNode implements ProtocolNode<RpcSimMessage> {
  readonly id: NodeId = RPC_CLIENT_ID;
  /** One record per call issued so far, in issue order (record `i` has id `i + 1`). */
  readonly records: SimCallRecord[] = [];
  private nextCall = 0;

  constructor(
    private readonly calls: readonly SimCall[],
    private readonly policy: RpcClientPolicy,
  ) {}

  /** True when every call has been answered or given up. */
  get done(): boolean {
    return this.nextCall >= this.calls.length && this.records.every((r) => !Number.isNaN(r.endMs));
  }

  start(nowMs: number): Effect<RpcSimMessage>[] {
    const effects: Effect<RpcSimMessage>[] = [];
    for (let i = 0; i < Math.max(1, this.policy.concurrency); i++) this.startNextCall(nowMs, effects);
    return effects;
  }

  step(input: Input<RpcSimMessage>, nowMs: number): Effect<RpcSimMessage>[] {
    if (input.type === 'timer') return this.onCallTimeout(Number(input.name.slice('timeout#'.length)), nowMs);
    const message = input.message;
    return 'method' in message ? [] : this.onResponse(message, nowMs);
  }

  private onResponse(response: JsonRpcResponse, nowMs: number): Effect<RpcSimMessage>[] {
    const record = typeof response.id === 'number' ? this.records[response.id - 1] : undefined;
    // A late answer (to an earlier attempt, or a duplicate) of a call already finished is ignored.
    if (record === undefined || !Number.isNaN(record.endMs)) return [];
    record.response = response;
    const effects: Effect<RpcSimMessage>[] = [cancelTimer(`timeout#${record.id}`), output('respuesta', { id: record.id, latencyMs: Math.round((nowMs - record.startMs) * 10) / 10 })];
    this.finish(record, 'error' in response ? 'error' : 'ok', nowMs, effects);
    return effects;
  }

  private onCallTimeout(id: number, nowMs: number): Effect<RpcSimMessage>[] {
    const record = this.records[id - 1];
    if (record === undefined || !Number.isNaN(record.endMs)) return [];
    const effects: Effect<RpcSimMessage>[] = [];
    // A timeout cannot tell a lost request from a lost answer: retrying may run the call twice.
    const safe = this.policy.isIdempotent(record.method) || !this.policy.retryOnlyIdempotent;
    if (record.attempts <= this.policy.retries && safe) {
      effects.push(output('reintenta', { id }));
      this.sendAttempt(record, effects);
    } else {
      effects.push(output('se rinde', { id }));
      this.finish(record, 'timeout', nowMs, effects);
    }
    return effects;
  }

  private startNextCall(nowMs: number, effects: Effect<RpcSimMessage>[]): void {
    const call = this.calls[this.nextCall];
    if (call === undefined) return;
    this.nextCall++;
    const record: SimCallRecord = {
      id: this.nextCall, method: call.method, startMs: nowMs, endMs: NaN, latencyMs: NaN,
      attempts: 0, executions: 0, outcome: 'timeout',
    };
    this.records.push(record);
    this.sendAttempt(record, effects);
  }

  private sendAttempt(record: SimCallRecord, effects: Effect<RpcSimMessage>[]): void {
    record.attempts++;
    const call = this.calls[record.id - 1] as SimCall;
    effects.push(send(RPC_SERVER_ID, request(call.method, call.params, record.id)));
    effects.push(setTimer(`timeout#${record.id}`, this.policy.timeoutMs));
  }

  private finish(record: SimCallRecord, outcome: SimCallRecord['outcome'], nowMs: number, effects: Effect<RpcSimMessage>[]): void {
    record.endMs = nowMs;
    record.latencyMs = nowMs - record.startMs;
    record.outcome = outcome;
    this.startNextCall(nowMs, effects);
  }
}

/**
 * The server: one request at a time, `serviceTimeMs` each (a timer `servicio`), running the
 * real dispatcher; requests that arrive while busy wait in a FIFO inbox.
 */
export class RpcServerNode implements ProtocolNode<RpcSimMessage> {
  readonly id: NodeId = RPC_SERVER_ID;
  /** How many times each request id was executed. */
  readonly executions = new Map<JsonRpcId, number>();
  private readonly inbox: { from: NodeId; request: JsonRpcRequest }[] = [];

  constructor(
    private readonly dispatcher: Dispatcher,
    private readonly serviceTimeMs: number,
  ) {}

  start(): Effect<RpcSimMessage>[] {
    return [];
  }

  step(input: Input<RpcSimMessage>, _nowMs: number): Effect<RpcSimMessage>[] {
    if (input.type === 'timer') return this.onServiceDone();
    if (!('method' in input.message)) return [];
    this.inbox.push({ from: input.from, request: input.message });
    // Only the request at the head of the inbox is in service.
    return this.inbox.length === 1 ? [setTimer('servicio', this.serviceTimeMs)] : [];
  }

  private onServiceDone(): Effect<RpcSimMessage>[] {
    const head = this.inbox.shift();
    if (head === undefined) return [];
    this.executions.set(head.request.id, (this.executions.get(head.request.id) ?? 0) + 1);
    const reply = this.dispatcher.handleValue(head.request);
    if (reply instanceof Promise || reply === undefined || Array.isArray(reply)) {
      throw new Error('simulateRpc: los métodos simulados deben ser síncronos y responder una vez');
    }
    const effects: Effect<RpcSimMessage>[] = [send(head.from, reply)];
    if (this.inbox.length > 0) effects.push(setTimer('servicio', this.serviceTimeMs));
    return effects;
  }
}
