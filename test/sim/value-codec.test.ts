import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random/index';
import type { Rng } from '../../lib/random/index';
import { ValueCodec } from '../../lib/sim/value-codec';

class Point {
  constructor(readonly x: number) {}
}

/** A random plain value: the kinds of data protocol messages carry, nested up to `depth`. */
function randomValue(rng: Rng, depth: number): unknown {
  const kind = rng.int(0, depth > 0 ? 11 : 6);
  switch (kind) {
    case 0:
      return rng.int(-5, 5);
    case 1:
      return [0.1, -0, NaN, Infinity, -Infinity, 2 ** 31, -(2 ** 31), 2 ** 53 - 1, 1e-300][rng.int(0, 8)];
    case 2:
      return ['', 'Ping', 'ñandú ✓', 'type', 'n1', `s${rng.int(0, 1000)}`][rng.int(0, 5)];
    case 3:
      return rng.bernoulli(0.5);
    case 4:
      return null;
    case 5:
      return undefined;
    case 6:
      return rng.int(-(2 ** 31), 2 ** 31 - 1);
    case 7: {
      const out: Record<string, unknown> = {};
      const keys = rng.int(0, 20); // past the encoder's 16-key fast path too
      for (let i = 0; i < keys; i++) out[['type', 'term', 'entries', 'from', `k${i}`][rng.int(0, 4)] as string] = randomValue(rng, depth - 1);
      return out;
    }
    case 8:
      return Array.from({ length: rng.int(0, 5) }, () => randomValue(rng, depth - 1));
    case 9:
      return new Map(Array.from({ length: rng.int(0, 3) }, (_, i) => [rng.bernoulli(0.5) ? i : `k${i}`, randomValue(rng, depth - 1)]));
    case 10:
      return new Set(Array.from({ length: rng.int(0, 3) }, () => randomValue(rng, 0)));
    default:
      return { type: 'AppendEntries', term: rng.int(0, 9), entries: [randomValue(rng, depth - 1)] };
  }
}

describe('ValueCodec', () => {
  it('round-trips every kind of plain value, -0, NaN and doubles included, as new objects', () => {
    const codec = new ValueCodec();
    const values: unknown[] = [
      0, -0, 1.5, NaN, Infinity, 2 ** 31, -(2 ** 31), 2 ** 53 + 2, 'hola', '', true, false, null, undefined,
      { type: 'Ping', seq: 1 },
      { type: 'Vote', granted: true, reason: null, extra: undefined, score: 0.25, negZero: -0 },
      { nested: { deeper: [1, [2, { three: 3 }]] } },
      [1, 'a', [], {}],
      new Map<unknown, unknown>([['a', 1], [2, { b: [3] }]]),
      new Set([1, 'x', null]),
      Object.assign(Object.create(null) as object, { bare: 1 }),
    ];
    const at = values.map((v) => codec.encode(v));
    at.forEach((position, i) => {
      const decoded = codec.decode(position);
      expect(decoded).toStrictEqual(i === values.length - 1 ? { bare: 1 } : values[i]);
      if (typeof values[i] === 'object' && values[i] !== null) expect(decoded).not.toBe(values[i]);
    });
    expect(Object.is(codec.decode(at[1] as number), -0)).toBe(true);
    expect(Object.is((codec.decode(at[15] as number) as { negZero: number }).negZero, -0)).toBe(true);
  });

  it('keeps class instances, functions, bigints and object Map keys by reference, as copyPlain does', () => {
    const codec = new ValueCodec();
    const point = new Point(1);
    const fn = () => 1;
    const key = { id: 1 };
    const decoded = codec.decode(codec.encode({ point, fn, big: 10n, map: new Map([[key, 'v']]) })) as {
      point: Point;
      fn: () => number;
      big: bigint;
      map: Map<object, string>;
    };
    expect(decoded.point).toBe(point);
    expect(decoded.fn).toBe(fn);
    expect(decoded.big).toBe(10n);
    expect(decoded.map.get(key)).toBe('v');
  });

  it('keeps a key named "__proto__" as an own property, not as the prototype', () => {
    const codec = new ValueCodec();
    const original = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const decoded = codec.decode(codec.encode(original)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.keys(decoded)).toEqual(['__proto__', 'a']);
    expect(decoded['__proto__']).toStrictEqual({ polluted: true });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('snapshots: changing the original after encoding does not change what decodes', () => {
    const codec = new ValueCodec();
    const message = { type: 'Append', entries: [1, 2] };
    const at = codec.encode(message);
    message.entries.push(3);
    message.type = 'Changed';
    expect(codec.decode(at)).toStrictEqual({ type: 'Append', entries: [1, 2] });
  });

  it('stores values across many pages, and values bigger than a page, at stable positions', () => {
    const codec = new ValueCodec();
    const big = Array.from({ length: 100_000 }, (_, i) => i * 0.5);
    const positions: [number, unknown][] = [];
    for (let i = 0; i < 50_000; i++) {
      const value = i % 10_000 === 5 ? { big, i } : { type: 'Hello', round: i, from: `n${i % 16}` };
      positions.push([codec.encode(value), value]);
    }
    for (const [at, value] of positions) expect(codec.decode(at)).toStrictEqual(value);
  });

  it('round-trips wide objects (more keys than the fast path takes), repeatedly', () => {
    const codec = new ValueCodec();
    const wide = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`key${i}`, i % 2 ? `v${i}` : i]));
    const at = [codec.encode(wide), codec.encode(wide), codec.encode({ ...wide, key39: 'changed' })];
    expect(codec.decode(at[0] as number)).toStrictEqual(wide);
    expect(codec.decode(at[1] as number)).toStrictEqual(wide);
    expect(codec.decode(at[2] as number)).toStrictEqual({ ...wide, key39: 'changed' });
  });

  it('round-trips random nested values (2,000 seeds)', () => {
    for (let seed = 0; seed < 2_000; seed++) {
      const rng = createRng(seed);
      const codec = new ValueCodec();
      const values = Array.from({ length: 5 }, () => randomValue(rng, 3));
      const at = values.map((v) => codec.encode(v));
      at.forEach((position, i) => {
        const decoded = codec.decode(position);
        if (!isEqual(decoded, values[i])) throw new Error(`seed ${seed}: value ${i} did not round-trip: ${String(values[i])}`);
      });
    }
  });
});

/** Deep equality with Object.is on leaves (so -0 and NaN count), for the random test. */
function isEqual(a: unknown, b: unknown): boolean {
  try {
    expect(a).toStrictEqual(b);
    return true;
  } catch {
    return false;
  }
}
