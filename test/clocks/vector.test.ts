import { describe, expect, it } from 'vitest';
import {
  compareVectorClocks,
  formatVector,
  happenedBefore,
  concurrent,
  mergeVectorClocks,
  vectorFromArray,
  vectorToArray,
  VectorClockState,
} from '../../lib/clocks/index';
import { createRng } from '../../lib/random/index';
import { referenceMax, referenceOrder } from './reference';

const ids = ['A', 'B', 'C'];
const v = (...values: number[]) => vectorFromArray(ids, values);

describe('vector clocks', () => {
  it.each([
    [[1, 0, 0], [2, 1, 0], 'before'],
    [[2, 1, 0], [1, 0, 0], 'after'],
    [[1, 0, 0], [0, 1, 0], 'concurrent'],
    [[2, 2, 0], [2, 2, 0], 'equal'],
    [[0, 0, 0], [0, 0, 1], 'before'],
    [[2, 0, 1], [1, 2, 1], 'concurrent'],
    [[2, 2, 1], [2, 2, 0], 'after'],
  ] as const)('%j vs %j is %s', (a, b, expected) => {
    expect(referenceOrder(v(...a), v(...b))).toBe(expected);
    expect(compareVectorClocks(v(...a), v(...b))).toBe(expected);
  });

  it('missing entries count as zero', () => {
    expect(compareVectorClocks(new Map([['A', 1]]), new Map([['A', 1], ['B', 0]]))).toBe('equal');
    expect(compareVectorClocks(new Map([['A', 1]]), new Map([['B', 1]]))).toBe('concurrent');
    expect(compareVectorClocks(new Map([['B', 1]]), new Map([['A', 0], ['B', 2]]))).toBe('before');
  });

  it('the exercise functions agree with an independent reference on random vectors', () => {
    const rng = createRng(1);
    for (let i = 0; i < 2_000; i++) {
      const a = v(rng.int(0, 2), rng.int(0, 2), rng.int(0, 2));
      const b = v(rng.int(0, 2), rng.int(0, 2), rng.int(0, 2));
      expect(compareVectorClocks(a, b), `case ${i}`).toBe(referenceOrder(a, b));
      expect(vectorToArray(mergeVectorClocks(a, b), ids)).toEqual(referenceMax(a, b, ids));
    }
  });

  it('merge takes the entry-wise maximum and does not modify its inputs', () => {
    const a = v(2, 0, 0);
    const b = v(0, 1, 3);
    expect(formatVector(mergeVectorClocks(a, b), ids)).toBe('[2, 1, 3]');
    expect(formatVector(a, ids)).toBe('[2, 0, 0]');
  });

  it('VectorClockState replays the lecture: A → B → C', () => {
    const a = new VectorClockState('A');
    const b = new VectorClockState('B');
    const c = new VectorClockState('C');
    expect(formatVector(a.tick(), ids)).toBe('[1, 0, 0]');
    const m1 = a.send();
    expect(formatVector(b.receive(m1), ids)).toBe('[2, 1, 0]');
    const m2 = b.send();
    expect(formatVector(c.receive(m2), ids)).toBe('[2, 2, 1]');
    expect(happenedBefore(m1, c.value)).toBe(true);
    expect(concurrent(v(0, 0, 1), v(1, 0, 0))).toBe(true);
  });
});
