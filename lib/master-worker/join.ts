/**
 * Step 3 of the lecture's flow: «el maestro combina los fragmentos en un solo archivo». The
 * file is a small container: a header line, then every fragment in order, each prefixed by its
 * index and length (big-endian 32-bit), so a missing, repeated or misplaced fragment changes
 * the bytes and the hash. Also the single-thread reference render the pool is compared with.
 */
import { renderFragment, sha256Hex } from './render';
import { splitIntoFragments, validateVideo } from './video';
import type { RenderedFragment } from './render';
import type { VideoSpec } from './video';

/** The joined file: its bytes and their SHA-256. */
export interface JoinedVideo {
  readonly bytes: Uint8Array;
  readonly sha256: string;
  readonly fragments: number;
}

/**
 * Joins rendered fragments in index order into one file. Every index 0…n−1 must be there
 * exactly once (the master calls it only then): a gap or a repeat is a clear error, never a
 * silently shorter video.
 */
export function joinFragments(video: VideoSpec, parts: readonly RenderedFragment[], fragmentS: number): JoinedVideo {
  validateVideo(video);
  const expected = splitIntoFragments(video, fragmentS).length;
  const byIndex = new Map<number, RenderedFragment>();
  for (const part of parts) {
    if (byIndex.has(part.index)) throw new Error(`joinFragments: el fragmento ${part.index} está repetido`);
    byIndex.set(part.index, part);
  }
  const missing: number[] = [];
  for (let i = 0; i < expected; i++) if (!byIndex.has(i)) missing.push(i);
  if (missing.length > 0 || byIndex.size !== expected) {
    throw new Error(`joinFragments: faltan fragmentos (${missing.join(', ') || 'índices fuera de rango'}) de ${expected}`);
  }
  const header = new TextEncoder().encode(
    `KITVIDEO1 seed=${String(video.seed)} ${video.width}x${video.height} ${video.fps}fps ${video.durationS}s frag=${fragmentS}s n=${expected}\n`,
  );
  let total = header.length;
  for (let i = 0; i < expected; i++) total += 8 + (byIndex.get(i) as RenderedFragment).bytes.length;
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  bytes.set(header, 0);
  let offset = header.length;
  for (let i = 0; i < expected; i++) {
    const part = byIndex.get(i) as RenderedFragment;
    view.setUint32(offset, i);
    view.setUint32(offset + 4, part.bytes.length);
    bytes.set(part.bytes, offset + 8);
    offset += 8 + part.bytes.length;
  }
  return { bytes, sha256: sha256Hex(bytes), fragments: expected };
}

/**
 * The reference: the whole render in this thread, one fragment after another, no workers.
 * The pool's output must be byte-identical to it.
 *
 * @example
 * renderSerially({ seed: 1, durationS: 20, fps: 10, width: 32, height: 18 }, 10).sha256;
 */
export function renderSerially(video: VideoSpec, fragmentS: number): JoinedVideo {
  const parts = splitIntoFragments(video, fragmentS).map((fragment) => renderFragment(video, fragment));
  return joinFragments(video, parts, fragmentS);
}
