import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random/index';
import { EventQueue } from '../../lib/sim/index';

describe('EventQueue', () => {
  it.each([1, 2, 3, 4, 5])('pops in (timeMs, seq) order, like sorting (seed %i)', (seed) => {
    const rng = createRng(seed);
    const queue = new EventQueue<{ timeMs: number; seq: number }>();
    const reference: { timeMs: number; seq: number }[] = [];
    const popped: { timeMs: number; seq: number }[] = [];
    let seq = 0;
    for (let i = 0; i < 2_000; i++) {
      if (rng.bernoulli(0.6) || queue.size === 0) {
        // Few distinct times, so ties are frequent and the seq tie-break matters.
        const event = { timeMs: rng.int(0, 50), seq: seq++ };
        queue.push(event);
        reference.push(event);
      } else {
        popped.push(queue.pop() as { timeMs: number; seq: number });
      }
    }
    while (queue.size > 0) popped.push(queue.pop() as { timeMs: number; seq: number });
    expect(popped.length).toBe(reference.length);
    // Every pop returns the minimum of what was pending: check against a naive scan.
    const pending = new Set<{ timeMs: number; seq: number }>();
    let r = 0;
    const rng2 = createRng(seed);
    let s2 = 0;
    let p = 0;
    for (let i = 0; i < 2_000; i++) {
      if (rng2.bernoulli(0.6) || pending.size === 0) {
        rng2.int(0, 50);
        pending.add(reference[r++] as { timeMs: number; seq: number });
        s2++;
      } else {
        const min = [...pending].sort((a, b) => a.timeMs - b.timeMs || a.seq - b.seq)[0];
        expect(popped[p++], `seed=${seed} pop ${p}`).toBe(min);
        pending.delete(min as { timeMs: number; seq: number });
      }
    }
    expect(s2).toBe(r);
  });

  it('returns undefined when empty', () => {
    const queue = new EventQueue<{ timeMs: number; seq: number }>();
    expect(queue.pop()).toBeUndefined();
    expect(queue.peek()).toBeUndefined();
  });
});
