import { describe, expect, it } from 'vitest';
import { compareLamportTotal, lamportReceive, LamportClock, LECTURE_NODES, LECTURE_SLIDE_VECTORS, lectureExample, vectorToArray } from '../../lib/clocks/index';
import { stampTrace } from '../../lib/sim/index';

describe('Lamport clocks (Lamport 1978)', () => {
  it('IR1: each local event and send advances the clock by one', () => {
    const clock = new LamportClock();
    expect([clock.tick(), clock.send(), clock.tick()]).toEqual([1, 2, 3]);
  });

  it('IR2: a receive jumps past the message timestamp', () => {
    const clock = new LamportClock(5);
    expect(clock.receive(2)).toBe(6);
    expect(clock.receive(10)).toBe(11);
    expect(lamportReceive(0, 2)).toBe(3);
    expect(lamportReceive(7, 3)).toBe(8);
  });

  it('ties are broken by process id for a total order', () => {
    const events = [{ time: 2, process: 'B' }, { time: 1, process: 'C' }, { time: 2, process: 'A' }];
    expect(events.sort(compareLamportTotal)).toEqual([{ time: 1, process: 'C' }, { time: 2, process: 'A' }, { time: 2, process: 'B' }]);
  });
});

describe("the lecture's A/B/C example", () => {
  it('Lamport: A = 1, 2; B = 3, 4; C = 5 (the lecture table)', () => {
    const stamped = stampTrace(lectureExample().trace);
    expect(stamped.map((e) => `${e.node}${e.lamport}`)).toEqual(['A1', 'A2', 'B3', 'B4', 'C5']);
  });

  it('vectors: the reconstruction keeps slide lines 1, 4 and 5', () => {
    const vectors = stampTrace(lectureExample().trace).map((e) => vectorToArray(e.vector, LECTURE_NODES));
    expect(vectors).toEqual([[1, 0, 0], [2, 0, 0], [2, 1, 0], [2, 2, 0], [2, 2, 1]]);
    expect([0, 3, 4].map((i) => vectors[i])).toEqual([0, 3, 4].map((i) => LECTURE_SLIDE_VECTORS[i]));
    expect(vectors[1]).not.toEqual(LECTURE_SLIDE_VECTORS[1]);
  });

  it('with a concurrent event X on C: L(X) < L(A:E2) yet X ∥ E2', () => {
    const stamped = stampTrace(lectureExample({ concurrentEventOnC: true }).trace);
    const x = stamped.find((e) => e.event.kind === 'output' && e.event.label === 'X');
    const e2 = stamped.find((e) => e.event.kind === 'send' && e.node === 'A');
    expect(x?.lamport).toBe(1);
    expect(e2?.lamport).toBe(2);
    expect(vectorToArray(x!.vector, LECTURE_NODES)).toEqual([0, 0, 1]);
    expect(vectorToArray(stamped[stamped.length - 1]!.vector, LECTURE_NODES)).toEqual([2, 2, 2]);
  });
});
