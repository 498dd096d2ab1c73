// The video, its split, the render and the join: pure and deterministic, checked without threads.
import { describe, expect, it } from 'vitest';
import { joinFragments, parseWorkerMessage, renderFragment, renderSerially, splitIntoFragments, validateVideo } from '../../lib/master-worker/index';
import type { VideoSpec } from '../../lib/master-worker/index';

const small: VideoSpec = { seed: 'prueba', durationS: 25, fps: 4, width: 24, height: 16 };

describe('splitting the video (the lecture: «fragmentos de 10 segundos cada uno»)', () => {
  it.each([
    [25, 10, [40, 40, 20]],
    [30, 10, [40, 40, 40]],
    [5, 10, [20]],
    [3, 1, [4, 4, 4]],
  ])('%i s in fragments of %i s gives frame counts %j, covering every frame once', (durationS, fragmentS, counts) => {
    const fragments = splitIntoFragments({ ...small, durationS }, fragmentS);
    expect(fragments.map((f) => f.frameCount)).toEqual(counts);
    expect(fragments.map((f) => f.index)).toEqual(counts.map((_, i) => i));
    let next = 0;
    for (const f of fragments) {
      expect(f.startFrame).toBe(next);
      next += f.frameCount;
    }
    expect(next).toBe(durationS * small.fps);
  });

  it.each([
    ['fragment length 0', () => splitIntoFragments(small, 0), /entero ≥ 1/],
    ['fragment length 2.5', () => splitIntoFragments(small, 2.5), /entero ≥ 1/],
    ['duration 0', () => validateVideo({ ...small, durationS: 0 }), /durationS/],
    ['fps NaN', () => validateVideo({ ...small, fps: Number.NaN }), /fps/],
    ['width 4', () => validateVideo({ ...small, width: 4 }), /width/],
    ['seed an object', () => validateVideo({ ...small, seed: {} as never }), /seed/],
    ['not an object', () => validateVideo(null as never), /objeto/],
  ])('rejects bad parameters with a clear Spanish error: %s', (_name, call, message) => {
    expect(call).toThrow(message);
  });
});

describe('rendering a fragment (effect + DEFLATE)', () => {
  it('is deterministic: same video and fragment, same bytes', () => {
    const [, second] = splitIntoFragments(small, 10);
    const a = renderFragment(small, second!);
    const b = renderFragment(small, second!);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    expect(a.sha256).toBe(b.sha256);
    expect(a.bytes.length).toBeGreaterThan(0);
  });

  it('gives different bytes for another seed and for another fragment', () => {
    const fragments = splitIntoFragments(small, 10);
    const base = renderFragment(small, fragments[0]!).sha256;
    expect(renderFragment({ ...small, seed: 'otra' }, fragments[0]!).sha256).not.toBe(base);
    expect(renderFragment(small, fragments[1]!).sha256).not.toBe(base);
  });

  it('refuses a fragment outside the video (a worker must not trust what it is sent)', () => {
    expect(() => renderFragment(small, { index: 9, startFrame: 90, frameCount: 40, startS: 0, endS: 0 })).toThrow(/fragmento no válido/);
  });
});

describe('joining the fragments in order (step 3 of the lecture)', () => {
  const fragments = splitIntoFragments(small, 10);
  const parts = fragments.map((f) => renderFragment(small, f));

  it('does not depend on the order the results arrived in', () => {
    const inOrder = joinFragments(small, parts, 10);
    const shuffled = joinFragments(small, [parts[2]!, parts[0]!, parts[1]!], 10);
    expect(shuffled.sha256).toBe(inOrder.sha256);
    expect(renderSerially(small, 10).sha256).toBe(inOrder.sha256);
  });

  it('refuses a missing fragment instead of writing a shorter video', () => {
    expect(() => joinFragments(small, [parts[0]!, parts[2]!], 10)).toThrow(/faltan fragmentos \(1\)/);
  });

  it('refuses a repeated fragment', () => {
    expect(() => joinFragments(small, [...parts, parts[1]!], 10)).toThrow(/repetido/);
  });

  it('changes the hash when two fragments swap places (the order is in the bytes)', () => {
    const swapped = [{ ...parts[0]!, index: 1 }, { ...parts[1]!, index: 0 }, parts[2]!];
    expect(joinFragments(small, swapped, 10).sha256).not.toBe(joinFragments(small, parts, 10).sha256);
  });
});

describe('checking what a worker answers (a worker may answer garbage)', () => {
  const good = { type: 'Rendered', fragment: 1, attempt: 1, bytes: new Uint8Array([1, 2]), sha256: 'a'.repeat(64), workMs: 3 };
  it('accepts the protocol messages', () => {
    expect(parseWorkerMessage({ type: 'Ready' }).type).toBe('Ready');
    expect(parseWorkerMessage(good).type).toBe('Rendered');
    expect(parseWorkerMessage({ type: 'Progress', fragment: 0, attempt: 1, framesDone: 6 }).type).toBe('Progress');
  });
  it.each([
    ['a string', 'basura', /no es un objeto/],
    ['null', null, /no es un objeto/],
    ['an array', [1, 2], /no es un objeto/],
    ['an unknown type', { type: 'Hola' }, /tipo desconocido/],
    ['bytes as a plain array', { ...good, bytes: [1, 2] }, /bytes no es un Uint8Array/],
    ['a bad hash', { ...good, sha256: 'xyz' }, /sha256 no es un hash/],
    ['a negative fragment', { ...good, fragment: -1 }, /fragment\/attempt enteros/],
    ['a Progress without frames', { type: 'Progress', fragment: 0, attempt: 1 }, /framesDone/],
  ])('refuses %s with a Spanish description, never a crash', (_name, value, message) => {
    const parsed = parseWorkerMessage(value);
    expect(parsed.type).toBe('Invalid');
    expect(parsed.type === 'Invalid' ? parsed.error : '').toMatch(message);
  });
});
