import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random/index';
import { encodeFrame, FrameDecoder, FrameTooLargeError, splitAt } from '../../lib/net/index';

describe('length-prefixed framing', () => {
  it('encodes a 4-byte big-endian length then the payload', () => {
    expect([...encodeFrame('hola')]).toEqual([0, 0, 0, 4, 0x68, 0x6f, 0x6c, 0x61]);
    expect(encodeFrame('').length).toBe(4);
  });

  it('returns nothing for a partial read and the message once it completes', () => {
    const decoder = new FrameDecoder();
    const frame = encodeFrame('mensaje completo');
    expect(decoder.push(frame.subarray(0, 2))).toEqual([]);
    expect(decoder.push(frame.subarray(2, 9))).toEqual([]);
    expect(decoder.pendingBytes).toBe(9);
    expect(decoder.push(frame.subarray(9)).map(String)).toEqual(['mensaje completo']);
    expect(decoder.pendingBytes).toBe(0);
  });

  it('splits a coalesced read into every message it holds', () => {
    const decoder = new FrameDecoder();
    const bytes = Buffer.concat(['a', '', 'ñandú', 'c'].map((m) => encodeFrame(m)));
    expect(decoder.push(bytes).map(String)).toEqual(['a', '', 'ñandú', 'c']);
  });

  it.each([1, 2, 3, 4, 5])('any chunking gives the same messages as one read (seed %i)', (seed) => {
    const rng = createRng(seed);
    const messages = Array.from({ length: 200 }, () => 'x'.repeat(rng.int(0, 300)) + rng.int(0, 1e6));
    const bytes = Buffer.concat(messages.map((m) => encodeFrame(m)));
    const cuts = Array.from({ length: rng.int(0, 400) }, () => rng.int(1, bytes.length - 1));
    const decoder = new FrameDecoder();
    const out = splitAt(bytes, cuts).flatMap((chunk) => decoder.push(chunk).map(String));
    expect(out, `reproduce with seed=${seed}`).toEqual(messages);
    expect(decoder.pendingBytes).toBe(0);
  });

  it('refuses a frame larger than the maximum', () => {
    const decoder = new FrameDecoder({ maxFrameBytes: 10 });
    expect(() => decoder.push(encodeFrame('x'.repeat(11)))).toThrow(FrameTooLargeError);
  });

  it('splitAt keeps every byte, in order', () => {
    const bytes = Buffer.from('0123456789');
    expect(splitAt(bytes, [3, 3, 7, 0, 10, 42]).map(String)).toEqual(['012', '3456', '789']);
  });
});
