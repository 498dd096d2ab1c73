import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random/index';
import {
  createDispatcher, createLectureDispatcher, defineMethod, latencyFigure, lossRetryFigure, request, RPC_CLIENT_ID, RPC_SERVER_ID, RpcServerNode,
  simulateRpc,
} from '../../lib/rpc/index';
import { spaceTimeDiagram } from '../../lib/sim/index';
import type { MethodDefinition } from '../../lib/rpc/index';

const calls = Array.from({ length: 40 }, (_, i) => ({ method: 'add', params: [i, 1] }));

describe('JSON-RPC over the simulated network', () => {
  it('same seed, same trace, byte for byte', () => {
    const run = () => simulateRpc({ dispatcher: createLectureDispatcher(), calls, rng: createRng(11).fork('net'), concurrency: 4, network: { lossRate: 0.2 }, retries: 3 });
    expect(run().trace.join('\n')).toBe(run().trace.join('\n'));
    expect(run().trace.length).toBeGreaterThan(80);
  });

  it('answers every call correctly through the same dispatcher when nothing is lost', () => {
    const result = simulateRpc({ dispatcher: createLectureDispatcher(), calls, rng: createRng(1) });
    expect(result.records.every((r) => r.outcome === 'ok' && r.attempts === 1 && r.executions === 1)).toBe(true);
    expect(result.records.map((r) => (r.response && 'result' in r.response ? r.response.result : undefined))).toEqual(calls.map((_, i) => i + 1));
  });

  it('sequential calls each pay a round trip; concurrent ones finish sooner overall', () => {
    const network = { latencyMs: 10, jitterMs: 0 };
    const sequential = simulateRpc({ dispatcher: createLectureDispatcher(), calls, rng: createRng(2), network, serviceTimeMs: 1 });
    const concurrent = simulateRpc({ dispatcher: createLectureDispatcher(), calls, rng: createRng(2), network, serviceTimeMs: 1, concurrency: 8 });
    expect(sequential.records.every((r) => r.latencyMs === 21)).toBe(true);
    expect(sequential.makespanMs).toBe(40 * 21);
    expect(concurrent.makespanMs).toBeLessThan(sequential.makespanMs / 4);
  });

  it.each([3, 17, 137])('with 30%% loss, retries answer more calls than no retries (seed %i)', (seed) => {
    const base = { dispatcher: createLectureDispatcher(), calls, network: { lossRate: 0.3 }, timeoutMs: 40 };
    const none = simulateRpc({ ...base, rng: createRng(seed) });
    const retried = simulateRpc({ ...base, rng: createRng(seed), retries: 5 });
    const answered = (rs: typeof none) => rs.records.filter((r) => r.outcome === 'ok').length;
    expect(answered(retried), `reproduce with seed=${seed}`).toBeGreaterThan(answered(none));
  });

  it('does not retry a method that is not idempotent, unless told to; then it may execute twice', () => {
    const methods = new Map<string, MethodDefinition>([['deposit', defineMethod({ params: [{ name: 'amount', type: 'number' }], handler: ({ amount }) => amount })]]);
    const deposits = Array.from({ length: 60 }, () => ({ method: 'deposit', params: [10] }));
    const base = { dispatcher: createDispatcher(methods), calls: deposits, network: { lossRate: 0.3 }, retries: 5, timeoutMs: 40 };
    const safe = simulateRpc({ ...base, rng: createRng(5) });
    expect(safe.records.every((r) => r.attempts === 1)).toBe(true);
    const unsafe = simulateRpc({ ...base, rng: createRng(5), retryOnlyIdempotent: false });
    expect(unsafe.records.some((r) => r.executions > 1)).toBe(true);
  });

  it('figures are plain plotly JSON with Spanish axis titles', () => {
    const result = simulateRpc({ dispatcher: createLectureDispatcher(), calls, rng: createRng(3), network: { lossRate: 0.1 }, retries: 2 });
    const fig = latencyFigure([{ name: 'secuencial', latenciesMs: result.records.map((r) => r.latencyMs) }]);
    expect(fig.layout?.yaxis?.title).toBe('Latencia (ms)');
    expect(fig.data[0]?.y).toHaveLength(40);
    const loss = lossRetryFigure([{ lossRate: 0.1, policy: '2 reintentos', records: result.records }]);
    expect(loss.data).toHaveLength(2);
    expect(JSON.parse(JSON.stringify(loss))).toStrictEqual(loss);
  });
});

describe('JSON-RPC client and server as lib/sim protocol nodes', () => {
  it('the server is a state machine: a request arms the service timer, the timer sends the reply', () => {
    const server = new RpcServerNode(createLectureDispatcher(), 3);
    expect(server.step({ type: 'message', from: RPC_CLIENT_ID, message: request('add', [2, 3], 1) }, 0)).toEqual([{ type: 'setTimer', name: 'servicio', afterMs: 3 }]);
    // A second request waits in the inbox: no new timer while the first is in service.
    expect(server.step({ type: 'message', from: RPC_CLIENT_ID, message: request('add', [4, 5], 2) }, 1)).toEqual([]);
    const done = server.step({ type: 'timer', name: 'servicio' }, 3);
    expect(done).toContainEqual({ type: 'send', to: RPC_CLIENT_ID, message: { jsonrpc: '2.0', result: 5, id: 1 } });
    expect(done).toContainEqual({ type: 'setTimer', name: 'servicio', afterMs: 3 });
    expect(server.executions.get(1)).toBe(1);
  });

  it('lost messages are in the trace and in the space-time diagram, marked as dropped', () => {
    const result = simulateRpc({ dispatcher: createLectureDispatcher(), calls, rng: createRng(8), network: { lossRate: 0.3 }, retries: 3, timeoutMs: 40 });
    const drops = result.events.filter((e) => e.kind === 'drop');
    expect(drops.length).toBeGreaterThan(0);
    expect(result.stats.dropped).toBe(drops.length);
    expect(result.trace.filter((line) => line.includes('PÉRDIDA'))).toHaveLength(drops.length);
    const fig = spaceTimeDiagram(result.events, { nodeIds: [RPC_CLIENT_ID, RPC_SERVER_ID], labels: 'none' });
    expect(fig.data.some((t) => t.name === 'mensaje perdido')).toBe(true);
  });

  it.each([1, 2, 3])('a network that duplicates requests runs a non-idempotent call twice without any retry (seed %i)', (seed) => {
    const methods = new Map<string, MethodDefinition>([['deposit', defineMethod({ params: [{ name: 'amount', type: 'number' }], handler: ({ amount }) => amount })]]);
    const deposits = Array.from({ length: 30 }, () => ({ method: 'deposit', params: [10] }));
    const result = simulateRpc({ dispatcher: createDispatcher(methods), calls: deposits, rng: createRng(seed), network: { duplicateRate: 0.3 } });
    const why = `reproduce with seed=${seed}`;
    expect(result.records.every((r) => r.attempts === 1 && r.outcome === 'ok'), why).toBe(true);
    expect(result.records.some((r) => r.executions > 1), why).toBe(true);
  });
});
