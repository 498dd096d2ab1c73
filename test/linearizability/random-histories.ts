/**
 * Small random histories for the differential tests: a few clients, overlapping and touching
 * intervals, ok / fail / info outcomes and outputs drawn from plausible values, so that both
 * verdicts are common.
 */
import type { History, Operation, OperationStatus } from '../../lib/linearizability/index';
import type { Rng } from '../../lib/random/index';

type Draw = (rng: Rng, written: number[]) => { input: unknown; output: unknown };

function randomHistory(rng: Rng, maxOps: number, draw: Draw, infoRate: number): History {
  const clients = rng.int(1, 3);
  const total = rng.int(1, maxOps);
  const clock = new Array<number>(clients).fill(0).map(() => rng.int(0, 3));
  const written: number[] = [];
  const pending: Omit<Operation, 'id'>[] = [];
  for (let k = 0; k < total; k++) {
    const c = rng.int(0, clients - 1);
    const invokeMs = (clock[c] as number) + rng.int(0, 2);
    const completeMs = invokeMs + rng.int(0, 5);
    clock[c] = completeMs + rng.int(0, 1);
    const roll = rng.next();
    const status: OperationStatus = roll < infoRate ? 'info' : roll < infoRate + 0.15 ? 'fail' : 'ok';
    const { input, output } = draw(rng, written);
    pending.push({
      client: `c${c}`, input, invokeMs, status,
      ...(status === 'ok' ? { output } : {}),
      ...(status !== 'info' ? { completeMs } : {}),
    });
  }
  pending.sort((a, b) => a.invokeMs - b.invokeMs);
  return pending.map((op, id) => ({ id, ...op }));
}

/** A random register history (values 1..3, initial 0) with reads, writes and cas. */
export function randomRegisterHistory(rng: Rng, maxOps: number, infoRate = 0.15): History {
  return randomHistory(rng, maxOps, (r, written) => {
    const roll = r.next();
    if (roll < 0.4) {
      const value = r.int(1, 3);
      written.push(value);
      return { input: { f: 'write', value }, output: undefined };
    }
    if (roll < 0.8) return { input: { f: 'read' }, output: r.choice([0, ...written, r.int(0, 3)]) };
    const to = r.int(1, 3);
    written.push(to);
    return { input: { f: 'cas', from: r.int(0, 3), to }, output: r.bernoulli(0.5) };
  }, infoRate);
}

/** A random FIFO queue history (distinct enqueued values) with enqueue and dequeue. */
export function randomQueueHistory(rng: Rng, maxOps: number, infoRate = 0.15): History {
  return randomHistory(rng, maxOps, (r, written) => {
    if (r.bernoulli(0.5)) {
      const value = written.length + 1;
      written.push(value);
      return { input: { f: 'enqueue', value }, output: undefined };
    }
    return { input: { f: 'dequeue' }, output: written.length === 0 || r.bernoulli(0.15) ? null : r.choice(written) };
  }, infoRate);
}

/** A random one-key append log (get / put / append of one-letter values) for the kv model. */
export function randomAppendHistory(rng: Rng, maxOps: number, infoRate = 0.15): History {
  return randomHistory(rng, maxOps, (r, written) => {
    const roll = r.next();
    if (roll < 0.45) {
      const value = r.choice(['a', 'b', 'c']);
      written.push(value.length);
      return { input: { f: 'append', key: 'k', value }, output: undefined };
    }
    if (roll < 0.55) return { input: { f: 'put', key: 'k', value: r.choice(['a', 'b']) }, output: undefined };
    // A plausible read: some concatenation of letters, often a real prefix-like string.
    const length = r.int(0, Math.min(3, written.length));
    let value = '';
    for (let k = 0; k < length; k++) value += r.choice(['a', 'b', 'c']);
    return { input: { f: 'get', key: 'k' }, output: value };
  }, infoRate);
}

/** A random counter history (add 1 or 2, reads of plausible sums). */
export function randomCounterHistory(rng: Rng, maxOps: number, infoRate = 0.15): History {
  return randomHistory(rng, maxOps, (r, written) => {
    if (r.bernoulli(0.55)) {
      const value = r.int(1, 2);
      written.push(value);
      return { input: { f: 'add', value }, output: undefined };
    }
    const sum = written.reduce((a, b) => a + b, 0);
    return { input: { f: 'read' }, output: r.int(0, sum) };
  }, infoRate);
}
