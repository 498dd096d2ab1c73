import { describe, expect, it } from 'vitest';
import { checkLinearizability, registerModel } from '../../lib/linearizability/index';
import type { RegisterInput } from '../../lib/linearizability/index';
import { closedLoopClient, fsync, latency, MemoryDurableStore, send, Simulation } from '../../lib/sim/index';
import type { DurabilityMode, Effect, Input, NemesisControl, NodeContext, NodeId, ProtocolNode, TraceEvent } from '../../lib/sim/index';

describe('durable store: delete and logs', () => {
  it('delete, append, readLog, logLength and truncateLog, with copies in and out', () => {
    const store = new MemoryDurableStore();
    store.set('a', 1);
    expect(store.delete('a')).toBe(true);
    expect(store.delete('a')).toBe(false);
    expect(store.get('a')).toBeUndefined();
    const entry = { term: 1, command: 'x' };
    expect(store.append('log', entry, { term: 1, command: 'y' })).toBe(2);
    entry.command = 'changed';
    expect(store.append('log', { term: 2, command: 'z' })).toBe(3);
    expect(store.readLog('log')).toEqual([{ term: 1, command: 'x' }, { term: 1, command: 'y' }, { term: 2, command: 'z' }]);
    expect(store.readLog('log', 1, 2)).toEqual([{ term: 1, command: 'y' }]);
    (store.readLog<{ term: number }>('log')[0] as { term: number }).term = 99;
    expect(store.readLog<{ term: number }>('log', 0, 1)[0]?.term).toBe(1);
    store.truncateLog('log', 1);
    expect(store.logLength('log')).toBe(1);
    expect(store.logLength('nothing')).toBe(0);
    expect(store.readLog('nothing')).toEqual([]);
    expect(store.keys()).toEqual([]);
    expect(() => store.truncateLog('log', -1)).toThrow(RangeError);
    expect(() => store.readLog('log', 0.5)).toThrow(RangeError);
    expect(() => store.append('log', new Date())).toThrow(TypeError);
  });

  it("in 'fsync' mode a crash keeps exactly what was synced", () => {
    const store = new MemoryDurableStore('fsync');
    store.set('term', 1);
    store.append('log', 'a');
    const mark = store.syncMark();
    store.set('term', 2);
    store.append('log', 'b');
    store.delete('nothing');
    store.commitSync(mark);
    expect(store.unsyncedWrites).toBe(2);
    store.crash();
    expect(store.get('term')).toBe(1);
    expect(store.readLog('log')).toEqual(['a']);
    store.commitSync(store.syncMark() + 10); // a mark from before the crash: nothing to apply
    store.truncateLog('log', 0);
    store.crash();
    expect(store.readLog('log')).toEqual(['a']);
  });
});

/** A one-node register with a disk: writes are saved, then replied (fsync before or after the reply). */
type Msg = { type: 'Write'; id: string; value: number } | { type: 'Read'; id: string } | { type: 'Ack'; id: string; value: number | null };
class DiskRegister implements ProtocolNode<Msg> {
  readonly id: NodeId;
  constructor(private readonly context: NodeContext, private readonly replyBeforeFsync: boolean) {
    this.id = context.id;
  }
  start(): Effect<Msg>[] {
    return [];
  }
  step(input: Input<Msg>): Effect<Msg>[] {
    if (input.type !== 'message') return [];
    const m = input.message;
    // A read may see a write whose fsync is still running: it syncs too before answering.
    if (m.type === 'Read') return [fsync(), send(input.from, { type: 'Ack', id: m.id, value: this.context.durable.get<number>('value') ?? null })];
    if (m.type !== 'Write') return [];
    this.context.durable.set('value', m.value);
    const reply = send<Msg>(input.from, { type: 'Ack', id: m.id, value: m.value });
    // The bug: the reply leaves before the write is safe on disk.
    return this.replyBeforeFsync ? [reply, fsync()] : [fsync(), reply];
  }
}

/** Crash n1 right after it answers a write, and restart it 2 ms later. */
function crashAfterAck(event: TraceEvent<Msg>, control: NemesisControl<Msg>): void {
  if (event.kind === 'send' && event.from === 'n1' && event.message.type === 'Ack' && control.isUp('n1')) {
    control.crash('n1');
    control.at(control.nowMs + 2, () => control.restart('n1'));
  }
}

function diskRun(seed: number, replyBeforeFsync: boolean, durability: DurabilityMode) {
  let value = 0;
  const sim = new Simulation<Msg, DiskRegister>({
    seed,
    nodeIds: ['n1'],
    durability,
    fsyncMs: 3,
    network: { latency: latency.uniform(1, 5) },
    createNode: (ctx) => new DiskRegister(ctx, replyBeforeFsync),
    nemesis: crashAfterAck,
    clients: {
      ids: ['c1', 'c2'],
      createClient: closedLoopClient<Msg, RegisterInput, number | null>({
        operations: ({ rng }) => (rng.next() < 0.5 ? { f: 'read' } : { f: 'write', value: ++value }),
        maxOperations: 15,
        timeoutMs: 30,
        encode: (input, { requestId }) => (input.f === 'write' ? { type: 'Write', id: requestId, value: input.value as number } : { type: 'Read', id: requestId }),
        decode: (m) => (m.type === 'Ack' ? { kind: 'ok', requestId: m.id, output: m.value } : undefined),
      }),
    },
  });
  sim.runFor(2_000);
  return sim;
}

describe("the fsync effect and durability: 'fsync'", () => {
  it('catches a node that replies before its fsync: an acknowledged write is lost by a crash', () => {
    const verdicts = [1, 2, 3].map((seed) => checkLinearizability(registerModel(), diskRun(seed, true, 'fsync').history).verdict);
    expect(verdicts, 'seeds 1–3').toContain('illegal');
  });

  it('the correct order (fsync, then reply) is linearizable under the same crashes', () => {
    for (const seed of [1, 2, 3]) {
      const sim = diskRun(seed, false, 'fsync');
      expect(sim.history.filter((op) => op.status === 'ok').length, `seed=${seed}`).toBeGreaterThan(10);
      expect(sim.trace.filter((e) => e.kind === 'crash').length, `seed=${seed}`).toBeGreaterThan(3);
      expect(checkLinearizability(registerModel(), sim.history).verdict, `reproduce with seed=${seed}`).toBe('ok');
    }
  });

  it("in 'immediate' mode every write is durable at once, so the same bug goes unnoticed", () => {
    for (const seed of [1, 2, 3]) expect(checkLinearizability(registerModel(), diskRun(seed, true, 'immediate').history).verdict, `seed=${seed}`).toBe('ok');
  });

  it('effects after an fsync wait for it: a crash in between loses both the write and the reply', () => {
    const sim = new Simulation<Msg, DiskRegister>({ seed: 1, nodeIds: ['n1'], durability: 'fsync', fsyncMs: 5, createNode: (ctx) => new DiskRegister(ctx, false) });
    sim.inject('n1', { type: 'Write', id: 'w', value: 7 });
    sim.runFor(2);
    expect(sim.trace.some((e) => e.kind === 'send' && e.from === 'n1')).toBe(false);
    sim.crash('n1');
    expect(sim.durable('n1').get('value')).toBeUndefined();
    sim.restart('n1');
    sim.inject('n1', { type: 'Write', id: 'w2', value: 8 });
    sim.runFor(10);
    expect(sim.durable('n1').get('value')).toBe(8);
    expect(sim.trace.filter((e) => e.kind === 'send' && e.from === 'n1')).toHaveLength(1);
  });
});
