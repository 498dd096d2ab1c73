/**
 * Herlihy & Wing, "Linearizability: a correctness condition for concurrent objects", TOPLAS
 * 12(3), 1990: the FIFO queue histories of §2.3 (Figure 1) and §3.3, transcribed event by
 * event, with the paper's verdicts; and porcupine's register examples (MIT 6.824 2017 quiz 2,
 * §VII), with the quiz's verdicts.
 */
import { describe, expect, it } from 'vitest';
import { checkLinearizability, queueModel, registerModel } from '../../lib/linearizability/index';
import type { History, Operation } from '../../lib/linearizability/index';

/**
 * Parses the paper's notation, one event per line: `q Enq(x) A`, `q Deq( ) B`, `q Ok(y) A`.
 * The event's index is its time; an invocation without a response is pending ('info').
 */
function paperHistory(events: readonly string[]): History {
  const open = new Map<string, { object: string; name: string; arg: string; invokeMs: number }>();
  const done: Omit<Operation, 'id'>[] = [];
  const input = (name: string, arg: string): unknown => (name === 'Enq' ? { f: 'enqueue', value: arg } : { f: 'dequeue' });
  events.forEach((event, time) => {
    const match = /^(\w+) (\w+)\(\s*(\w*)\s*\) (\w+)$/.exec(event.trim());
    if (match === null) throw new Error(`evento ilegible: ${event}`);
    const [, object, name, arg, process] = match as unknown as [string, string, string, string, string];
    if (name === 'Ok') {
      const call = open.get(process);
      if (call === undefined) throw new Error(`respuesta sin invocación: ${event}`);
      open.delete(process);
      done.push({
        client: process, key: call.object, input: input(call.name, call.arg), invokeMs: call.invokeMs, completeMs: time,
        status: 'ok', ...(call.name === 'Deq' ? { output: arg } : {}),
      });
    } else {
      open.set(process, { object, name, arg, invokeMs: time });
    }
  });
  for (const [process, call] of open) {
    done.push({ client: process, key: call.object, input: input(call.name, call.arg), invokeMs: call.invokeMs, status: 'info' });
  }
  done.sort((a, b) => a.invokeMs - b.invokeMs);
  return done.map((op, id) => ({ id, ...op }));
}

const QUEUE_HISTORIES: readonly { name: string; linearizable: boolean; why: string; events: string[] }[] = [
  { name: 'H1', linearizable: true, why: 'H1 · <q Ok() A> is equivalent to the sequential H1′ (§2.3)',
    events: ['q Enq(x) A', 'q Enq(y) B', 'q Ok( ) B', 'q Ok( ) A', 'q Deq( ) B', 'q Ok(x) B', 'q Deq( ) A', 'q Ok(y) A', 'q Enq(z) A'] },
  { name: 'H2', linearizable: false, why: 'the complete Enq of x precedes the Enq of y, but y is dequeued before x (§2.3)',
    events: ['q Enq(x) A', 'q Ok( ) A', 'q Enq(y) B', 'q Deq( ) A', 'q Ok( ) B', 'q Ok(y) A'] },
  { name: 'H3', linearizable: true, why: 'an operation may take effect before its return event (§2.3)',
    events: ['q Enq(x) A', 'q Deq( ) B', 'q Ok(x) B'] },
  { name: 'H4', linearizable: false, why: 'y is enqueued once but dequeued twice (§2.3)',
    events: ['q Enq(x) A', 'q Enq(y) B', 'q Ok( ) A', 'q Ok( ) B', 'q Deq( ) A', 'q Deq( ) C', 'q Ok(y) A', 'q Ok(y) C'] },
  { name: 'H7', linearizable: false, why: 'sequentially consistent but not linearizable: A\'s Enq(x) precedes B\'s operations (§3.3)',
    events: ['q Enq(x) A', 'q Ok( ) A', 'q Enq(y) B', 'q Ok( ) B', 'q Deq( ) B', 'q Ok(y) B'] },
  { name: 'H8', linearizable: false, why: 'two queues p and q; H8|p is not linearizable, so neither is H8 (locality, Theorem 1)',
    events: ['p Enq(x) A', 'p Ok( ) A', 'q Enq(y) B', 'q Ok( ) B', 'q Enq(x) A', 'q Ok( ) A', 'p Enq(y) B', 'p Ok( ) B',
      'p Deq( ) A', 'p Ok(y) A', 'q Deq( ) B', 'q Ok(x) B'] },
];

describe('Herlihy & Wing 1990: queue histories', () => {
  it.each(QUEUE_HISTORIES)('$name is linearizable: $linearizable — $why', ({ events, linearizable }) => {
    const history = paperHistory(events);
    const result = checkLinearizability(queueModel(), history);
    expect(result.verdict).toBe(linearizable ? 'ok' : 'illegal');
    expect(checkLinearizability(queueModel(), history, { memoize: false }).verdict).toBe(result.verdict);
  });

  it('H1 places the pending Enq(z) nowhere, or after everything (its effect is unobserved)', () => {
    const history = paperHistory(QUEUE_HISTORIES[0]!.events);
    const part = checkLinearizability(queueModel(), history).partitions[0]!;
    expect(history.filter((op) => op.status === 'ok').every((op) => part.linearization.includes(op.id))).toBe(true);
    const z = history.find((op) => (op.input as { value?: string }).value === 'z')!;
    const index = part.linearization.indexOf(z.id);
    expect(index === -1 || index === part.linearization.length - 1).toBe(true);
  });

  it('H2 reports the longest prefix and the dequeue that cannot be placed', () => {
    const history = paperHistory(QUEUE_HISTORIES[1]!.events);
    const part = checkLinearizability(queueModel(), history).partitions[0]!;
    const deq = history.find((op) => op.output === 'y')!;
    expect(part.firstImpossible).toBe(deq.id);
    expect(part.unplaced).toContain(deq.id);
    expect(part.linearization.length).toBe(2); // Enq(x), Enq(y): then Deq() → y is impossible
  });

  it('H8 is checked per object (locality): each of H8|p and H8|q is sequentially consistent but not linearizable', () => {
    const result = checkLinearizability(queueModel(), paperHistory(QUEUE_HISTORIES[5]!.events));
    const verdicts = Object.fromEntries(result.partitions.map((p) => [p.key, p.verdict]));
    expect(verdicts).toEqual({ p: 'illegal', q: 'illegal' });
    // Each part alone: p dequeues y although x was enqueued first; q dequeues x although y was.
    const impossible = result.partitions.map((p) => p.firstImpossible);
    expect(impossible.every((id) => id !== undefined)).toBe(true);
  });
});

// Porcupine's TestRegisterModel: http://nil.csail.mit.edu/6.824/2017/quizzes/q2-17-ans.pdf, §VII.
const op = (id: number, client: string, input: unknown, invokeMs: number, completeMs: number, output?: unknown): Operation =>
  ({ id, client, input, invokeMs, completeMs, status: 'ok', ...(output === undefined ? {} : { output }) });

describe('register histories with known verdicts (6.824 quiz, via porcupine)', () => {
  const model = registerModel({ initial: 0 });
  it('a read of the old value during a long write, next to a read of the new value, is linearizable', () => {
    const history = [op(0, 'c0', { f: 'write', value: 100 }, 0, 100), op(1, 'c1', { f: 'read' }, 25, 75, 100), op(2, 'c2', { f: 'read' }, 30, 60, 0)];
    expect(checkLinearizability(model, history).verdict).toBe('ok');
  });
  it('reading the old value after another client already read the new one is not', () => {
    const history = [op(0, 'c0', { f: 'write', value: 200 }, 0, 100), op(1, 'c1', { f: 'read' }, 10, 30, 200), op(2, 'c2', { f: 'read' }, 40, 90, 0)];
    const result = checkLinearizability(model, history);
    expect(result.verdict).toBe('illegal');
    expect(result.partitions[0]!.firstImpossible).toBe(2);
  });
  it('zero-length operations at the same instant overlap (porcupine TestZeroDuration)', () => {
    const ok = [op(0, 'c0', { f: 'write', value: 100 }, 0, 100), op(1, 'c1', { f: 'read' }, 25, 75, 100),
      op(2, 'c2', { f: 'read' }, 30, 30, 0), op(3, 'c3', { f: 'read' }, 30, 30, 0)];
    expect(checkLinearizability(model, ok).verdict).toBe('ok');
    const bad = [op(0, 'c0', { f: 'write', value: 200 }, 0, 100), op(1, 'c1', { f: 'read' }, 10, 10, 200),
      op(2, 'c2', { f: 'read' }, 10, 10, 200), op(3, 'c3', { f: 'read' }, 40, 90, 0)];
    expect(checkLinearizability(model, bad).verdict).toBe('illegal');
  });
});
