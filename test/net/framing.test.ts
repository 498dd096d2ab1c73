import { describe, expect, it, vi } from 'vitest';
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

  it('a large frame split into many small chunks comes out whole, without re-joining per chunk', () => {
    const payload = Buffer.alloc(4 * 1024 * 1024);
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 31 + 7) & 0xff;
    const bytes = Buffer.concat([encodeFrame(payload), encodeFrame('después')]);
    const decoder = new FrameDecoder();
    const frames: Buffer[] = [];
    // Joining the buffered bytes on every chunk costs O(size²): 4096 chunks of 1 KiB would copy ~8 GiB.
    const concat = vi.spyOn(Buffer, 'concat');
    try {
      for (let offset = 0; offset < bytes.length; offset += 1024) {
        frames.push(...decoder.push(bytes.subarray(offset, offset + 1024)));
        if (frames.length === 0) expect(decoder.pendingBytes).toBe(Math.min(offset + 1024, bytes.length));
      }
      expect(concat.mock.calls.length).toBeLessThanOrEqual(2);
    } finally {
      concat.mockRestore();
    }
    expect(frames).toHaveLength(2);
    expect(frames[0]!.equals(payload)).toBe(true);
    expect(String(frames[1])).toBe('después');
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
