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
  private buffered: Buffer = Buffer.alloc(0);
  readonly maxFrameBytes: number;

  constructor(options: { maxFrameBytes?: number } = {}) {
    this.maxFrameBytes = options.maxFrameBytes ?? 16 * 1024 * 1024;
  }

  /** Bytes received but not yet part of a complete frame. */
  get pendingBytes(): number {
    return this.buffered.length;
  }

  /** Adds a chunk of the stream; returns every frame it completes. Throws `FrameTooLargeError`. */
  push(chunk: Buffer): Buffer[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const frames: Buffer[] = [];
    let offset = 0;
    while (this.buffered.length - offset >= HEADER_BYTES) {
      const length = this.buffered.readUInt32BE(offset);
      if (length > this.maxFrameBytes) throw new FrameTooLargeError(length, this.maxFrameBytes);
      if (this.buffered.length - offset - HEADER_BYTES < length) break;
      // Copy out, so a frame does not pin the whole receive buffer in memory.
      frames.push(Buffer.from(this.buffered.subarray(offset + HEADER_BYTES, offset + HEADER_BYTES + length)));
      offset += HEADER_BYTES + length;
    }
    this.buffered = offset === 0 ? this.buffered : this.buffered.subarray(offset);
    return frames;
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
