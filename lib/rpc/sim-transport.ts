/**
 * The same dispatcher over a simulated, seeded network: latency, jitter and loss are
 * data, time is simulated, and one seed always gives the same trace.
 */
import type { Rng } from '../random/index';
import type { Dispatcher } from './dispatcher';
import { request } from './messages';
import type { JsonRpcParams, JsonRpcResponse } from './messages';

/** The simulated network between client and server. */
export interface SimNetworkOptions {
  /** One-way latency base in ms (default 5). */
  latencyMs?: number;
  /** Extra one-way delay drawn uniformly from [0, jitterMs) (default 2). */
  jitterMs?: number;
  /** Probability that one message (request or response) is lost (default 0). */
  lossRate?: number;
}

/** One call to make. */
export interface SimCall {
  method: string;
  params?: JsonRpcParams;
}

/** Options of a simulated RPC run. */
export interface SimRpcOptions {
  /** The server's dispatcher; its handlers must be synchronous. */
  dispatcher: Dispatcher;
  /** The calls, issued in order. */
  calls: readonly SimCall[];
  /** The network's randomness (pass `rng.fork()`). */
  rng: Rng;
  network?: SimNetworkOptions;
  /** Calls in flight at once: 1 is sequential (default 1). */
  concurrency?: number;
  /** Server time to process one request, ms; the server handles one at a time (default 1). */
  serviceTimeMs?: number;
  /** Client timeout per attempt, ms (default 50). */
  timeoutMs?: number;
  /** Extra attempts after a timeout (default 0). */
  retries?: number;
  /** Retry only calls whose method the dispatcher declares idempotent (default true). */
  retryOnlyIdempotent?: boolean;
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
  /** How many times the server executed it: above 1 means a retry ran it twice. */
  executions: number;
  outcome: 'ok' | 'error' | 'timeout';
  response?: JsonRpcResponse;
}

/** The result of a simulated run: per-call records and a readable trace, one line per event. */
export interface SimRpcResult {
  records: SimCallRecord[];
  trace: string[];
  /** Simulated time when the last call finished. */
  makespanMs: number;
}

type SimEvent =
  | { type: 'RequestArrives'; id: number; attempt: number }
  | { type: 'ServerDone'; id: number; attempt: number }
  | { type: 'ResponseArrives'; id: number; attempt: number; response: JsonRpcResponse }
  | { type: 'CallTimeout'; id: number; attempt: number };

function pad(timeMs: number): string {
  return `t=${timeMs.toFixed(1).padStart(7, '0')}`;
}

/**
 * Runs the calls through a simulated client, network and single-threaded server.
 *
 * @example
 * const result = simulateRpc({
 *   dispatcher: createLectureDispatcher(), rng: createRng(7).fork('net'),
 *   calls: Array.from({ length: 20 }, (_, i) => ({ method: 'add', params: [i, 1] })),
 *   concurrency: 4, network: { latencyMs: 5, lossRate: 0.1 }, retries: 3,
 * });
 * result.records.map((r) => r.latencyMs);
 */
export function simulateRpc(options: SimRpcOptions): SimRpcResult {
  const { dispatcher, calls, rng } = options;
  const latencyMs = options.network?.latencyMs ?? 5;
  const jitterMs = options.network?.jitterMs ?? 2;
  const lossRate = options.network?.lossRate ?? 0;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const serviceTimeMs = options.serviceTimeMs ?? 1;
  const timeoutMs = options.timeoutMs ?? 50;
  const retries = options.retries ?? 0;
  const retryOnlyIdempotent = options.retryOnlyIdempotent ?? true;

  // Events ordered by (timeMs, seq): a stable order, so equal times never depend on chance.
  const queue: { timeMs: number; seq: number; event: SimEvent }[] = [];
  let seq = 0;
  const schedule = (timeMs: number, event: SimEvent): void => {
    const item = { timeMs, seq: seq++, event };
    let lo = 0;
    let hi = queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const other = queue[mid]!;
      if (other.timeMs < timeMs || (other.timeMs === timeMs && other.seq < item.seq)) lo = mid + 1;
      else hi = mid;
    }
    queue.splice(lo, 0, item);
  };
  const trace: string[] = [];
  const records: SimCallRecord[] = [];
  const inbox: { id: number; attempt: number }[] = [];
  let serverBusyUntil = 0;
  let serverBusy = false;
  let nextCall = 0;
  let now = 0;

  const oneWay = (): number => latencyMs + (jitterMs > 0 ? rng.uniform(0, jitterMs) : 0);

  const sendAttempt = (record: SimCallRecord): void => {
    record.attempts++;
    const attempt = record.attempts;
    if (rng.bernoulli(lossRate)) {
      trace.push(`${pad(now)} cliente→servidor ${record.method}#${record.id} intento ${attempt} PERDIDO`);
    } else {
      trace.push(`${pad(now)} cliente→servidor ${record.method}#${record.id} intento ${attempt}`);
      schedule(now + oneWay(), { type: 'RequestArrives', id: record.id, attempt });
    }
    schedule(now + timeoutMs, { type: 'CallTimeout', id: record.id, attempt });
  };

  const startNext = (): void => {
    if (nextCall >= calls.length) return;
    const call = calls[nextCall]!;
    const record: SimCallRecord = {
      id: nextCall + 1, method: call.method, startMs: now, endMs: NaN, latencyMs: NaN,
      attempts: 0, executions: 0, outcome: 'timeout',
    };
    nextCall++;
    records.push(record);
    sendAttempt(record);
  };

  const startService = (): void => {
    const next = inbox.shift();
    if (next === undefined) return;
    serverBusy = true;
    serverBusyUntil = Math.max(now, serverBusyUntil) + serviceTimeMs;
    schedule(serverBusyUntil, { type: 'ServerDone', id: next.id, attempt: next.attempt });
  };

  const finish = (record: SimCallRecord, outcome: SimCallRecord['outcome']): void => {
    record.endMs = now;
    record.latencyMs = now - record.startMs;
    record.outcome = outcome;
    startNext();
  };

  for (let i = 0; i < concurrency; i++) startNext();
  while (queue.length > 0) {
    const { timeMs, event } = queue.shift()!;
    now = timeMs;
    const record = records[event.id - 1]!;
    switch (event.type) {
      case 'RequestArrives':
        inbox.push({ id: event.id, attempt: event.attempt });
        if (!serverBusy) startService();
        break;
      case 'ServerDone': {
        serverBusy = false;
        record.executions++;
        const call = calls[event.id - 1]!;
        const reply = dispatcher.handleValue(request(call.method, call.params, event.id));
        if (reply instanceof Promise || reply === undefined || Array.isArray(reply)) {
          throw new Error('simulateRpc: los métodos simulados deben ser síncronos y responder una vez');
        }
        if (rng.bernoulli(lossRate)) {
          trace.push(`${pad(now)} servidor→cliente #${event.id} respuesta PERDIDA`);
        } else {
          trace.push(`${pad(now)} servidor→cliente #${event.id} respuesta`);
          schedule(now + oneWay(), { type: 'ResponseArrives', id: event.id, attempt: event.attempt, response: reply });
        }
        startService();
        break;
      }
      case 'ResponseArrives':
        if (!Number.isNaN(record.endMs)) break; // A late answer to a call already finished.
        record.response = event.response;
        trace.push(`${pad(now)} cliente recibe #${event.id} (latencia ${(now - record.startMs).toFixed(1)} ms)`);
        finish(record, 'error' in event.response ? 'error' : 'ok');
        break;
      case 'CallTimeout': {
        if (!Number.isNaN(record.endMs) || event.attempt !== record.attempts) break;
        const idempotent = dispatcher.methods.get(record.method)?.idempotent === true;
        if (record.attempts <= retries && (idempotent || !retryOnlyIdempotent)) {
          trace.push(`${pad(now)} cliente: timeout #${event.id}, reintenta`);
          sendAttempt(record);
        } else {
          trace.push(`${pad(now)} cliente: timeout #${event.id}, se rinde`);
          finish(record, 'timeout');
        }
        break;
      }
    }
  }
  const makespanMs = records.reduce((max, record) => Math.max(max, record.endMs), 0);
  return { records, trace, makespanMs };
}
