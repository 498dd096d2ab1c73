/**
 * The receiver's side of rsync: rebuild the new file from the basis and a delta, checking every
 * step (a block index that does not exist, a basis block that no longer matches its signature, a
 * rebuilt file whose MD5 differs), and a compact binary encoding of a delta with a strict decoder.
 */
import { fileChecksum, strongChecksum } from './checksum';
import type { Delta, DeltaOp, Signature } from './delta';

/** What went wrong with a delta. */
export type DeltaErrorKind = 'malformed' | 'unknown-block' | 'block-mismatch' | 'length-mismatch' | 'checksum-mismatch';

/** Error thrown for a corrupted or inapplicable delta; its message (Spanish) says what and where. */
export class DeltaError extends Error {
  /** What went wrong. */
  readonly kind: DeltaErrorKind;
  constructor(kind: DeltaErrorKind, message: string) {
    super(message);
    this.name = 'DeltaError';
    this.kind = kind;
  }
}

/**
 * Rebuilds the new file from `basis` and `delta`. With `sig` (the signature the delta was computed
 * against), every copied block is checked against its strong checksum first, so a basis that
 * changed since its signature was taken is refused instead of producing a wrong file. The result
 * is always checked against the delta's length and MD5.
 * @example
 * const rebuilt = applyDelta(oldBytes, computeDelta(signature(oldBytes), newBytes).delta);
 */
export function applyDelta(basis: Uint8Array, delta: Delta, sig?: Signature): Uint8Array {
  const size = delta.blockSize;
  if (!Number.isInteger(size) || size < 1) throw new DeltaError('malformed', `delta corrupto: tamaño de bloque ${String(size)}`);
  if (!Number.isSafeInteger(delta.targetLength) || delta.targetLength < 0) throw new DeltaError('malformed', `delta corrupto: longitud ${String(delta.targetLength)}`);
  if (!Array.isArray(delta.ops)) throw new DeltaError('malformed', 'delta corrupto: no trae la lista de instrucciones');
  // Bound the declared length before allocating it: a corrupted u32 must not cost 4 GB of memory.
  // Copies are at most one block each, and never more than the basis holds in total.
  let literalBytes = 0;
  let copies = 0;
  for (const op of delta.ops as readonly unknown[]) {
    const o = op as Partial<DeltaOp> | null;
    if (o?.type === 'literal' && o.data instanceof Uint8Array) literalBytes += o.data.length;
    else if (o?.type === 'copy') copies++;
  }
  const copyLimit = Math.min(copies * size, copies * basis.length);
  if (delta.targetLength > literalBytes + copyLimit) {
    throw new DeltaError('length-mismatch', `delta corrupto: anuncia ${delta.targetLength} bytes, pero sus ${literalBytes} bytes literales y ${copies} copias de bloque (de ${basis.length} bytes de archivo base) no pueden dar más de ${literalBytes + copyLimit}`);
  }
  const out = new Uint8Array(delta.targetLength);
  let at = 0;
  const blocks = Math.ceil(basis.length / size);
  for (const [n, op] of delta.ops.entries()) {
    let piece: Uint8Array;
    if (op.type === 'copy') {
      if (!Number.isInteger(op.index) || op.index < 0 || op.index >= blocks) {
        throw new DeltaError('unknown-block', `delta corrupto: la instrucción ${n} copia el bloque ${op.index}, y el archivo base solo tiene ${blocks} (0…${blocks - 1})`);
      }
      const start = op.index * size;
      const length = Math.min(size, basis.length - start);
      const expected = sig?.blocks[op.index];
      if (sig !== undefined && (expected === undefined || expected.length !== length || strongChecksum(basis, start, length) !== expected.strong)) {
        throw new DeltaError('block-mismatch', `el bloque ${op.index} del archivo base no coincide con su firma (MD5 distinto): el archivo base cambió desde que se calculó la firma`);
      }
      piece = basis.subarray(start, start + length);
    } else if (op.type === 'literal') {
      if (!(op.data instanceof Uint8Array)) throw new DeltaError('malformed', `delta corrupto: la instrucción ${n} no trae bytes literales`);
      piece = op.data;
    } else {
      throw new DeltaError('malformed', `delta corrupto: instrucción ${n} de tipo desconocido`);
    }
    if (at + piece.length > out.length) throw new DeltaError('length-mismatch', `delta corrupto: la instrucción ${n} se sale de los ${out.length} bytes anunciados`);
    out.set(piece, at);
    at += piece.length;
  }
  if (at !== out.length) throw new DeltaError('length-mismatch', `delta corrupto: se reconstruyeron ${at} bytes y se anunciaron ${out.length}`);
  if (fileChecksum(out) !== delta.targetChecksum) {
    throw new DeltaError('checksum-mismatch', 'el archivo reconstruido no tiene el MD5 anunciado: el delta o el archivo base están corruptos (rsync volvería a enviar el archivo)');
  }
  return out;
}

const MAGIC = [0x52, 0x53, 0x44, 0x31]; // "RSD1"
const OP_END = 0;
const OP_COPY = 1;
const OP_LITERAL = 2;

/**
 * A delta as bytes: "RSD1", block size, target length (u32 big-endian), the 16-byte MD5, then
 * instructions (1 + u32 block index: copy; 2 + u32 n + n bytes: literal) and 0 to end.
 */
export function encodeDelta(delta: Delta): Uint8Array {
  const literal = delta.ops.reduce((s, op) => s + (op.type === 'literal' ? op.data.length : 0), 0);
  const out = new Uint8Array(4 + 8 + 16 + delta.ops.length * 5 + literal + 1);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(4, delta.blockSize);
  view.setUint32(8, delta.targetLength);
  out.set(Buffer.from(delta.targetChecksum, 'hex'), 12);
  let at = 28;
  for (const op of delta.ops) {
    if (op.type === 'copy') {
      out[at] = OP_COPY;
      view.setUint32(at + 1, op.index);
      at += 5;
    } else {
      out[at] = OP_LITERAL;
      view.setUint32(at + 1, op.data.length);
      out.set(op.data, at + 5);
      at += 5 + op.data.length;
    }
  }
  out[at] = OP_END;
  return out;
}

/** Decodes {@link encodeDelta}'s bytes; anything truncated, unknown or trailing is a {@link DeltaError}. */
export function decodeDelta(bytes: Uint8Array): Delta {
  if (!(bytes instanceof Uint8Array)) throw new DeltaError('malformed', 'delta corrupto: no son bytes');
  const fail = (what: string): never => {
    throw new DeltaError('malformed', `delta corrupto: ${what}`);
  };
  if (bytes.length < 29 || MAGIC.some((b, i) => bytes[i] !== b)) fail('no empieza por la cabecera RSD1 o es demasiado corto');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const blockSize = view.getUint32(4);
  const targetLength = view.getUint32(8);
  if (blockSize < 1) fail('tamaño de bloque 0');
  const targetChecksum = Buffer.from(bytes.subarray(12, 28)).toString('hex');
  const ops: DeltaOp[] = [];
  let at = 28;
  for (;;) {
    const code = bytes[at];
    if (code === undefined) fail(`termina a mitad (byte ${at}) sin la instrucción de fin`);
    if (code === OP_END) break;
    if (at + 5 > bytes.length) fail(`instrucción cortada en el byte ${at}`);
    const value = view.getUint32(at + 1);
    if (code === OP_COPY) {
      ops.push({ type: 'copy', index: value });
      at += 5;
    } else if (code === OP_LITERAL) {
      if (at + 5 + value > bytes.length) fail(`un literal de ${value} bytes en el byte ${at} se sale del delta`);
      ops.push({ type: 'literal', data: bytes.slice(at + 5, at + 5 + value) });
      at += 5 + value;
    } else {
      fail(`código de instrucción ${String(code)} desconocido en el byte ${at}`);
    }
  }
  if (at !== bytes.length - 1) fail(`sobran ${bytes.length - 1 - at} bytes tras la instrucción de fin`);
  return { blockSize, targetLength, targetChecksum, ops };
}
