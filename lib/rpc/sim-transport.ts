/**
 * The same dispatcher over lib/sim's seeded network: a client node and a server node
 * (`sim-nodes.ts`) exchange real JSON-RPC messages; latency, jitter, loss and duplication are
 * data, time is simulated, and one seed always gives the same trace.
 */
import type { Rng } from '../random/index';
import { latency, Simulation } from '../sim/index';
import type { SimulationStats, TraceEvent } from '../sim/index';
import type { Dispatcher } from './dispatcher';
import { formatRpcMessage, RPC_CLIENT_ID, RPC_SERVER_ID, RpcClientNode, RpcServerNode } from './sim-nodes';
import type { RpcSimMessage, SimCall, SimCallRecord } from './sim-nodes';

export type { RpcSimMessage, SimCall, SimCallRecord } from './sim-nodes';

/** The simulated network between client and server (both ways alike). */
export interface SimNetworkOptions {
  /** One-way latency base in ms (default 5). */
  latencyMs?: number;
  /** Extra one-way delay drawn uniformly from [0, jitterMs) (default 2). */
  jitterMs?: number;
  /** Probability that one message (request or response) is lost (default 0). */
  lossRate?: number;
  /** Probability that one message is delivered twice (default 0). */
  duplicateRate?: number;
}

/** Options of a simulated RPC run. */
export interface SimRpcOptions {
  /** The server's dispatcher; its handlers must be synchronous. */
  dispatcher: Dispatcher;
  /** The calls, issued in order. */
  calls: readonly SimCall[];
  /** The run's randomness (pass `rng.fork()`): the simulation's seed is drawn from it. */
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

/** The result of a simulated run: per-call records, the readable trace and lib/sim's trace events. */
export interface SimRpcResult {
  records: SimCallRecord[];
  /** One line per event (`t=0012 servidor←cliente add#1 [0,1]`, drops marked `PÉRDIDA … (aleatoria)`). */
  trace: string[];
  /** lib/sim's trace, for `spaceTimeDiagram(result.events)` and the metrics of lib/sim. */
  events: readonly TraceEvent<RpcSimMessage>[];
  /** Messages sent, delivered, dropped and duplicated by the network. */
  stats: SimulationStats;
  /** Simulated time when the last call finished. */
  makespanMs: number;
}

/**
 * Runs the calls through a client node, lib/sim's network and a single-threaded server node.
 *
 * @example
 * const result = simulateRpc({
 *   dispatcher: createLectureDispatcher(), rng: createRng(7).fork('net'),
 *   calls: Array.from({ length: 20 }, (_, i) => ({ method: 'add', params: [i, 1] })),
 *   concurrency: 4, network: { latencyMs: 5, lossRate: 0.1 }, retries: 3,
 * });
 * result.records.map((r) => r.latencyMs);
 * show(spaceTimeDiagram(result.events, { labels: 'none' }));
 */
export function simulateRpc(options: SimRpcOptions): SimRpcResult {
  const { dispatcher, calls } = options;
  const latencyMs = options.network?.latencyMs ?? 5;
  const jitterMs = options.network?.jitterMs ?? 2;
  const retryOnlyIdempotent = options.retryOnlyIdempotent ?? true;
  const client = new RpcClientNode(calls, {
    concurrency: Math.max(1, options.concurrency ?? 1),
    timeoutMs: options.timeoutMs ?? 50,
    retries: options.retries ?? 0,
    retryOnlyIdempotent,
    isIdempotent: (method) => dispatcher.methods.get(method)?.idempotent === true,
  });
  const server = new RpcServerNode(dispatcher, options.serviceTimeMs ?? 1);
  const sim = new Simulation<RpcSimMessage, RpcClientNode | RpcServerNode>({
    seed: options.rng.fork('red').seed,
    nodeIds: [RPC_CLIENT_ID, RPC_SERVER_ID],
    // Nobody crashes here, so each node is built once and the factory hands out that object.
    createNode: (context) => (context.id === RPC_CLIENT_ID ? client : server),
    network: {
      latency: jitterMs > 0 ? latency.uniform(latencyMs, latencyMs + jitterMs) : latency.constant(latencyMs),
      loss: options.network?.lossRate ?? 0,
      duplicate: options.network?.duplicateRate ?? 0,
    },
    formatMessage: formatRpcMessage,
  });
  // Run until nothing is pending: late answers and late retries still reach the server and count.
  while (sim.step()) {
    // every event is processed by sim.step()
  }
  for (const record of client.records) record.executions = server.executions.get(record.id) ?? 0;
  const makespanMs = client.records.reduce((max, record) => Math.max(max, record.endMs), 0);
  return { records: client.records, trace: sim.traceText().split('\n'), events: sim.trace, stats: { ...sim.stats }, makespanMs };
}
