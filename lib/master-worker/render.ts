/**
 * The worker's job, step 2 of the lecture's flow: «cada worker aplica efectos y codifica su
 * fragmento». Real, deterministic CPU work: draw the fragment's synthetic frames, apply an
 * effect (a 3×3 blur and a contrast curve), encode (difference against the previous frame,
 * then DEFLATE with `node:zlib` at a fixed level, one stream per second of video). Same video and fragment, same bytes, in
 * any thread, in any order.
 */
import { deflateSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { createRng } from '../random/index';
import { validateFragment, validateVideo } from './video';
import type { Fragment, VideoSpec } from './video';

/** The DEFLATE level of the encoder (fixed: another level gives other bytes). */
export const ENCODER_LEVEL = 6;

/** The 32-bit key the synthetic frames of a video are drawn from (from its seed, via lib/random). */
export function videoKey(video: VideoSpec): number {
  return createRng(`frames:${String(video.seed)}`).int(0, 0x7fffffff);
}

/** A fast integer hash (Wang/Jenkins style) of a pixel's coordinates: the "grain" of the synthetic film. */
function grain(key: number, frame: number, x: number, y: number): number {
  let h = (key ^ Math.imul(frame, 0x9e3779b1) ^ Math.imul(x, 0x85ebca6b) ^ Math.imul(y, 0xc2b2ae35)) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) & 0x7;
}

/** Draws frame `frame` of the synthetic video into `out` (grey levels 0–255): moving bands, a moving disc, grain. */
export function drawFrame(video: VideoSpec, key: number, frame: number, out: Uint8Array): void {
  const { width, height } = video;
  const cx = ((frame * 3) % (width + 40)) - 20;
  const cy = height / 2 + (height / 4) * Math.sin(frame / 15);
  const r2 = (height / 5) ** 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const band = ((x + y + frame * 2) >> 3) & 1 ? 150 : 90;
      const disc = (x - cx) ** 2 + (y - cy) ** 2 < r2 ? 70 : 0;
      out[y * width + x] = Math.min(255, band + disc + grain(key, frame, x, y));
    }
  }
}

/** The contrast curve of the effect, as a lookup table (a smoothstep around mid-grey). */
const CONTRAST = Uint8Array.from({ length: 256 }, (_, v) => {
  const t = v / 255;
  return Math.round(255 * t * t * (3 - 2 * t));
});

/** The effect: a 3×3 box blur (edges clamped) followed by the contrast curve. */
export function applyEffect(width: number, height: number, input: Uint8Array, out: Uint8Array): void {
  for (let y = 0; y < height; y++) {
    const up = (y === 0 ? 0 : y - 1) * width;
    const mid = y * width;
    const down = (y === height - 1 ? y : y + 1) * width;
    for (let x = 0; x < width; x++) {
      const l = x === 0 ? 0 : x - 1;
      const r = x === width - 1 ? x : x + 1;
      const sum = (input[up + l] as number) + (input[up + x] as number) + (input[up + r] as number)
        + (input[mid + l] as number) + (input[mid + x] as number) + (input[mid + r] as number)
        + (input[down + l] as number) + (input[down + x] as number) + (input[down + r] as number);
      out[mid + x] = CONTRAST[(sum / 9) | 0] as number;
    }
  }
}

/** What a fragment's render produced: its encoded bytes and their SHA-256. */
export interface RenderedFragment {
  readonly index: number;
  readonly bytes: Uint8Array;
  readonly sha256: string;
}

/** Options of {@link renderFragment}: a callback after each frame (the worker uses it to fail mid-fragment). */
export interface RenderHooks {
  /** Called after frame `done` of `total` has been processed; may throw to abort the render. */
  readonly onFrame?: (done: number, total: number) => void;
}

/**
 * Renders one fragment: draw, effect, encode. Pure and deterministic (the worker thread calls
 * exactly this; so does the single-thread reference).
 *
 * @example
 * const video = { seed: 1, durationS: 20, fps: 10, width: 32, height: 18 };
 * renderFragment(video, splitIntoFragments(video, 10)[1]!).sha256; // same hex string on every run
 */
export function renderFragment(video: VideoSpec, fragment: Fragment, hooks: RenderHooks = {}): RenderedFragment {
  validateVideo(video);
  validateFragment(video, fragment);
  const size = video.width * video.height;
  const key = videoKey(video);
  const raw = new Uint8Array(size);
  const previous = new Uint8Array(size);
  const current = new Uint8Array(size);
  // Frames are encoded in groups of one second (a "group of pictures"); each group is its own
  // DEFLATE stream, prefixed by its length, so the work between two heartbeats stays small and
  // a decoder could seek to any second.
  const group = Math.max(1, video.fps);
  const pending = new Uint8Array(size * Math.min(group, fragment.frameCount));
  let inGroup = 0;
  const chunks: Uint8Array[] = [];
  let total = 0;
  const flush = () => {
    const packed = deflateSync(pending.subarray(0, inGroup * size), { level: ENCODER_LEVEL });
    const chunk = new Uint8Array(4 + packed.length);
    new DataView(chunk.buffer).setUint32(0, packed.length);
    chunk.set(packed, 4);
    chunks.push(chunk);
    total += chunk.length;
    inGroup = 0;
  };
  for (let i = 0; i < fragment.frameCount; i++) {
    drawFrame(video, key, fragment.startFrame + i, raw);
    applyEffect(video.width, video.height, raw, current);
    // Inter-frame coding: the first frame is stored whole (a key frame), the others as differences.
    const base = inGroup * size;
    for (let p = 0; p < size; p++) pending[base + p] = i === 0 ? (current[p] as number) : ((current[p] as number) - (previous[p] as number)) & 0xff;
    previous.set(current);
    inGroup += 1;
    if (inGroup === group || i === fragment.frameCount - 1) flush();
    hooks.onFrame?.(i + 1, fragment.frameCount);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return { index: fragment.index, bytes, sha256: sha256Hex(bytes) };
}

/** The SHA-256 of some bytes, in hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
