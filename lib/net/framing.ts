/**
 * Message framing over a byte stream. TCP delivers bytes, not messages: one `data` event
 * may hold half a message or three of them. A 4-byte big-endian length prefix restores
 * the message boundaries.
 */

/** Bytes of the length prefix. */
export const HEADER_BYTES = 4;

/**
 * Encodes one message as `[length: uint32 BE][payload]`.
 *
 * @example
 * encodeFrame(Buffer.from('hola')); // <00 00 00 04 68 6f 6c 61>
 */
export function encodeFrame(payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const frame = Buffer.allocUnsafe(HEADER_BYTES + body.length);
  frame.writeUInt32BE(body.length, 0);
  body.copy(frame, HEADER_BYTES);
  return frame;
}

/** Thrown when a peer announces a frame larger than the decoder accepts. */
export class FrameTooLargeError extends Error {
  constructor(readonly lengthBytes: number, readonly maxFrameBytes: number) {
    super(`trama de ${lengthBytes} bytes supera el máximo de ${maxFrameBytes}`);
    this.name = 'FrameTooLargeError';
  }
}

/**
 * Reassembles frames from arbitrary chunks: `push` any slice of the stream, get back the
 * complete messages it finishes (zero, one or many), in order.
 *
 * @example
 * const decoder = new FrameDecoder();
 * const bytes = Buffer.concat([encodeFrame('uno'), encodeFrame('dos')]);
 * decoder.push(bytes.subarray(0, 5)); // []           (a partial read)
 * decoder.push(bytes.subarray(5));    // [uno, dos]   (the rest, coalesced)
 */
export class FrameDecoder {
  /** Received bytes not yet returned, as the chunks they arrived in (joined only when needed). */
  private chunks: Buffer[] = [];
  /** Index of the first chunk still in use (consumed ones are dropped in bulk, not shifted one by one). */
  private head = 0;
  /** Total bytes in `chunks` from `head` on. */
  private chunkBytes = 0;
  /** Payload length of the frame being read once its header is consumed, else undefined. */
  private frameLength: number | undefined;
  readonly maxFrameBytes: number;

  constructor(options: { maxFrameBytes?: number } = {}) {
    this.maxFrameBytes = options.maxFrameBytes ?? 16 * 1024 * 1024;
  }

  /** Bytes received but not yet part of a complete frame. */
  get pendingBytes(): number {
    return this.chunkBytes + (this.frameLength === undefined ? 0 : HEADER_BYTES);
  }

  /**
   * Adds a chunk of the stream; returns every frame it completes. Throws `FrameTooLargeError`.
   * Cost is linear in the bytes received: chunks are only listed until a header or a whole
   * frame is available, then copied once into the frame.
   */
  push(chunk: Buffer): Buffer[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.chunkBytes += chunk.length;
    }
    const frames: Buffer[] = [];
    for (;;) {
      if (this.frameLength === undefined) {
        if (this.chunkBytes < HEADER_BYTES) break;
        const length = this.take(HEADER_BYTES).readUInt32BE(0);
        if (length > this.maxFrameBytes) throw new FrameTooLargeError(length, this.maxFrameBytes);
        this.frameLength = length;
      }
      if (this.chunkBytes < this.frameLength) break;
      frames.push(this.take(this.frameLength));
      this.frameLength = undefined;
    }
    return frames;
  }

  /**
   * Removes the first `n` buffered bytes (n ≤ chunkBytes) and returns them as a fresh buffer,
   * so a frame never pins a larger receive buffer in memory.
   */
  private take(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const first = this.chunks[this.head]!;
      const used = Math.min(first.length, n - filled);
      first.copy(out, filled, 0, used);
      filled += used;
      if (used === first.length) this.head++;
      else this.chunks[this.head] = first.subarray(used);
    }
    this.chunkBytes -= n;
    if (this.head === this.chunks.length) {
      this.chunks = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.chunks.length) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
    return out;
  }
}

/**
 * Splits a buffer into chunks at the given cut points: a way to replay the partial and
 * coalesced reads a real socket produces.
 */
export function splitAt(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  chunks.push(bytes.subarray(start));
  return chunks;
}
