import { describe, expect, it } from 'vitest';
import { checkLinearizability, registerModel } from '../../lib/linearizability/index';
import type { RegisterInput } from '../../lib/linearizability/index';
import {
  closedLoopClient,
  historyFromOutputs,
  kvRegister,
  kvRegisterClient,
  latency,
  Simulation,
} from '../../lib/sim/index';
import type { ClosedLoopClient, KvMessage, KvRegisterNode } from '../../lib/sim/index';

const NODES = ['n1', 'n2', 'n3'];
const CLIENTS = ['c1', 'c2', 'c3'];
const HINT_SEED = 1; // a seed whose first attempt goes to b (the first attempt picks a random server)

function kvRun(seed: number, options: { staleReads?: boolean; ops?: number; network?: ConstructorParameters<typeof Simulation>[0]['network'] } = {}) {
  const sim = new Simulation<KvMessage, KvRegisterNode>({
    seed,
    nodeIds: NODES,
    network: options.network ?? { latency: latency.exponential(10, 1) },
    createNode: kvRegister({ staleReads: options.staleReads ?? false }),
    clients: { ids: CLIENTS, createClient: kvRegisterClient({ operationsPerClient: options.ops ?? 20 }) },
  });
  return sim;
}

describe('client actors', () => {
  it('are outside the cluster: not in nodes, not crashable, their messages cross the network', () => {
    const seen: number[] = [];
    const sim = new Simulation<KvMessage, KvRegisterNode>({
      seed: 4,
      nodeIds: NODES,
      network: { latency: latency.constant(7) },
      createNode: kvRegister(),
      clients: { ids: ['c1'], createClient: kvRegisterClient({ operationsPerClient: 3, thinkMs: 0 }) },
      checkers: [(c) => void seen.push(c.nodes.size + (c.nodes.has('c1') ? 100 : 0))],
    });
    sim.runUntilIdle({ limitMs: 5_000 });
    expect([...sim.nodes.keys()]).toEqual(NODES);
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.every((n) => n <= 3)).toBe(true);
    expect(sim.clientIds).toEqual(['c1']);
    expect(() => sim.crash('c1')).toThrow(/client/);
    const history = sim.history;
    expect(history).toHaveLength(3);
    // Request and reply each take the constant 7 ms (a redirect costs another round trip).
    for (const op of history) expect((op.completeMs as number) - op.invokeMs, `seed=4 op ${op.id}`).toBeGreaterThanOrEqual(14);
    const clientSends = sim.trace.filter((e) => e.kind === 'send' && e.from === 'c1');
    expect(clientSends.length).toBeGreaterThanOrEqual(3);
    expect(sim.client<ClosedLoopClient<KvMessage, RegisterInput, unknown>>('c1').done).toBe(true);
  });

  it('partitions and cuts may name clients, and block their messages', () => {
    const sim = kvRun(2);
    sim.partition(['c1'], NODES);
    sim.cut('c2', 'n1');
    sim.runFor(3_000);
    const c1 = sim.history.filter((op) => op.client === 'c1');
    expect(c1.length, 'seed=2').toBeGreaterThan(0);
    // c1 reaches no server: each operation times out on every retry and is recorded as unknown.
    expect(c1.every((op) => op.status === 'info' && op.completeMs === undefined && op.output === undefined)).toBe(true);
    expect(sim.trace.some((e) => e.kind === 'drop' && e.from === 'c2' && e.to === 'n1' && e.reason === 'link')).toBe(true);
    // c3 is connected to everyone: all its operations complete.
    expect(sim.history.filter((op) => op.client === 'c3').every((op) => op.status === 'ok')).toBe(true);
  });

  it('a random fault schedule never crashes a client', () => {
    const sim = new Simulation<KvMessage, KvRegisterNode>({
      seed: 9,
      nodeIds: NODES,
      createNode: kvRegister(),
      clients: { ids: CLIENTS, createClient: kvRegisterClient() },
      randomFaults: { durationMs: 2_000, crashes: 6, partitions: 2 },
    });
    sim.runFor(3_000);
    const crashed = sim.trace.filter((e) => e.kind === 'crash').map((e) => (e as { node: string }).node);
    expect(crashed.length).toBeGreaterThan(0);
    expect(crashed.some((id) => CLIENTS.includes(id))).toBe(false);
  });

  it('an operation in flight at the end of the run is info, and historyFromOutputs rebuilds sim.history', () => {
    const sim = kvRun(5);
    sim.runFor(37);
    const history = sim.history;
    expect(history.length).toBeGreaterThan(0);
    const open = history.filter((op) => op.status === 'info');
    expect(open.length, 'seed=5').toBeGreaterThan(0);
    for (const op of open) expect(op.completeMs).toBeUndefined();
    expect(historyFromOutputs(sim.outputs)).toEqual(history);
    expect(history.map((op) => op.id)).toEqual(history.map((_, i) => i));
  });

  it('retries keep the same request id, follow the leader hint (not the next server in order), and a server dedups them', () => {
    type Msg = { type: 'Req'; id: string } | { type: 'Ans'; id: string } | { type: 'Moved'; id: string; leader: string };
    // Servers in order b, c, a; the leader is a. After b, the next server is c but the hint is a.
    const run = (redirect: boolean) => {
      const requests: string[] = [];
      const sim = new Simulation<Msg>({
        seed: HINT_SEED,
        nodeIds: ['a', 'b', 'c'],
        network: { latency: latency.constant(5) },
        createNode: (ctx) => ({
          id: ctx.id,
          start: () => [],
          step: (input) => {
            if (input.type !== 'message' || input.message.type !== 'Req') return [];
            requests.push(`${ctx.id}:${input.message.id}`);
            if (ctx.id !== 'a') return [{ type: 'send', to: input.from, message: { type: 'Moved', id: input.message.id, leader: 'a' } }];
            // The leader drops the first copy of each request (as if lost), answers the retry.
            return requests.filter((r) => r === `a:${input.message.id}`).length < 2 ? [] : [{ type: 'send', to: input.from, message: { type: 'Ans', id: input.message.id } }];
          },
        }),
        clients: {
          ids: ['c1'],
          createClient: closedLoopClient<Msg, string, string>({
            operations: ['op1'],
            servers: ['b', 'c', 'a'],
            redirect,
            retries: 5,
            thinkMs: 0,
            timeoutMs: 50,
            encode: (_input, { requestId }) => ({ type: 'Req', id: requestId }),
            decode: (m) => (m.type === 'Ans' ? { kind: 'ok', requestId: m.id, output: 'done' } : m.type === 'Moved' ? { kind: 'redirect', requestId: m.id, leader: m.leader } : undefined),
          }),
        },
      });
      sim.runUntilIdle({ limitMs: 1_000 });
      return { sim, requests };
    };
    const { sim, requests } = run(true);
    const ids = new Set(requests.map((r) => r.split(':').slice(1).join(':')));
    expect(ids.size, `seed=${HINT_SEED}`).toBe(1);
    // b redirects to a (not c); a loses the first copy; the timeout moves on to b, which redirects to a again.
    expect(requests.map((r) => r.split(':')[0]), `seed=${HINT_SEED}`).toEqual(['b', 'a', 'b', 'a']);
    expect(sim.history).toHaveLength(1);
    expect(sim.history[0]?.status).toBe('ok');
    expect(sim.history[0]?.output).toBe('done');
    // Without following hints the client walks the servers in order: b, c, a, b, c, a.
    const walked = run(false);
    expect(walked.requests.map((r) => r.split(':')[0]), `seed=${HINT_SEED}`).toEqual(['b', 'c', 'a', 'b', 'c', 'a']);
    expect(walked.sim.history[0]?.status).toBe('ok');
  });

  it('gives up after the retries: info after a timeout, fail when every attempt was refused', () => {
    type Msg = { type: 'Req'; id: string } | { type: 'No'; id: string };
    const run = (refuse: boolean) => {
      const sim = new Simulation<Msg>({
        seed: 1,
        nodeIds: ['a'],
        createNode: (ctx) => ({
          id: ctx.id,
          start: () => [],
          step: (input) => (refuse && input.type === 'message' && input.message.type === 'Req' ? [{ type: 'send', to: input.from, message: { type: 'No', id: input.message.id } }] : []),
        }),
        clients: {
          ids: ['c'],
          createClient: closedLoopClient<Msg, string, never>({
            operations: ['x'],
            retries: 2,
            retryDelayMs: 1,
            encode: (_i, { requestId }) => ({ type: 'Req', id: requestId }),
            decode: (m) => (m.type === 'No' ? { kind: 'redirect', requestId: m.id } : undefined),
          }),
        },
      });
      sim.runUntilIdle({ limitMs: 5_000 });
      return sim;
    };
    const silent = run(false);
    expect(silent.history.map((op) => op.status)).toEqual(['info']);
    expect(silent.trace.filter((e) => e.kind === 'send' && e.from === 'c')).toHaveLength(3);
    expect(run(true).history.map((op) => op.status)).toEqual(['fail']);
  });
});

describe('the kv-register example and the linearizability checker', () => {
  it('the single-leader store is linearizable on every seed', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const sim = kvRun(seed);
      sim.runFor(3_000);
      expect(sim.history.length).toBe(60);
      const result = checkLinearizability(registerModel(), sim.history);
      expect(result.verdict, `reproduce with seed=${seed}`).toBe('ok');
    }
  });

  it('with staleReads the checker catches a stale read within 10 seeds', () => {
    const caught: number[] = [];
    for (let seed = 1; seed <= 10; seed++) {
      const sim = kvRun(seed, { staleReads: true });
      sim.runFor(3_000);
      if (checkLinearizability(registerModel(), sim.history).verdict === 'illegal') caught.push(seed);
    }
    expect(caught.length).toBeGreaterThan(0);
  });

  it('the same seed gives the same history', () => {
    const a = kvRun(3, { staleReads: true });
    const b = kvRun(3, { staleReads: true });
    a.runFor(2_000);
    b.runFor(2_000);
    expect(JSON.stringify(a.history)).toBe(JSON.stringify(b.history));
    expect(a.traceText()).toBe(b.traceText());
  });
});
