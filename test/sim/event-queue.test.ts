import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random/index';
import { EventQueue } from '../../lib/sim/index';

type Ev = { timeMs: number; seq: number };

describe('EventQueue', () => {
  it.each([1, 2, 3, 4, 5])('every pop returns the minimum pending (timeMs, seq), as a naive scan does (seed %i)', (seed) => {
    const rng = createRng(seed);
    const queue = new EventQueue<Ev>();
    const pending = new Set<Ev>();
    let seq = 0;
    for (let i = 0; i < 3_000; i++) {
      if (rng.bernoulli(0.55) || pending.size === 0) {
        // Few distinct times, so ties are frequent and the seq tie-break matters.
        const event = { timeMs: rng.int(0, 40), seq: seq++ };
        queue.push(event);
        pending.add(event);
      } else {
        let min: Ev | undefined;
        for (const e of pending) if (!min || e.timeMs < min.timeMs || (e.timeMs === min.timeMs && e.seq < min.seq)) min = e;
        const popped = queue.pop();
        if (popped !== min) throw new Error(`wrong event at step ${i}; reproduce with seed=${seed}`);
        pending.delete(min as Ev);
      }
    }
    expect(queue.size).toBe(pending.size);
  });

  it('returns undefined when empty', () => {
    const queue = new EventQueue<Ev>();
    expect(queue.pop()).toBeUndefined();
    expect(queue.peek()).toBeUndefined();
  });
});
