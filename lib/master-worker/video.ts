/**
 * The lecture's cloud video render, as data: a synthetic video (seeded, so every worker can
 * read the same "uploaded file" without it being shipped), its split into fragments of a
 * fixed number of seconds (step 1 of the lecture's flow), and the checks of both.
 */

/** A synthetic grey-scale video: its size, rate and the seed its frames are drawn from. */
export interface VideoSpec {
  /** Seed of the synthetic frames (same seed, same video, byte for byte). */
  readonly seed: string | number;
  /** Length in seconds (a positive integer). */
  readonly durationS: number;
  /** Frames per second (a positive integer). */
  readonly fps: number;
  /** Frame width in pixels (integer, 8 to 4096). */
  readonly width: number;
  /** Frame height in pixels (integer, 8 to 4096). */
  readonly height: number;
}

/** One fragment of the video: its place in the join order and the frames it covers. */
export interface Fragment {
  /** Position in the final file, 0-based. */
  readonly index: number;
  /** First frame (inclusive). */
  readonly startFrame: number;
  /** Number of frames. */
  readonly frameCount: number;
  /** Start and end of the fragment in seconds, for tables. */
  readonly startS: number;
  readonly endS: number;
}

/** The lecture's video for chapter 04: two minutes, small frames, so a render takes about a second on one core. */
export const LECTURE_VIDEO: VideoSpec = { seed: 'video-04', durationS: 120, fps: 10, width: 112, height: 64 };

/** The lecture's fragment length: «el maestro divide el video en fragmentos (10 segundos cada uno)». */
export const LECTURE_FRAGMENT_S = 10;

const positiveInteger = (value: unknown, max: number): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max;

/** Checks a video spec and returns it; throws a Spanish `RangeError`/`TypeError` naming the bad field. */
export function validateVideo(video: VideoSpec): VideoSpec {
  if (video === null || typeof video !== 'object') throw new TypeError('el vídeo debe ser un objeto { seed, durationS, fps, width, height }');
  if (typeof video.seed !== 'string' && !(typeof video.seed === 'number' && Number.isFinite(video.seed))) {
    throw new TypeError(`video.seed debe ser un texto o un número finito, es ${String(video.seed)}`);
  }
  if (!positiveInteger(video.durationS, 36_000)) throw new RangeError(`video.durationS debe ser un entero entre 1 y 36000 segundos, es ${String(video.durationS)}`);
  if (!positiveInteger(video.fps, 240)) throw new RangeError(`video.fps debe ser un entero entre 1 y 240, es ${String(video.fps)}`);
  for (const side of ['width', 'height'] as const) {
    const value = video[side];
    if (!positiveInteger(value, 4096) || value < 8) throw new RangeError(`video.${side} debe ser un entero entre 8 y 4096 píxeles, es ${String(value)}`);
  }
  return video;
}

/**
 * Splits a video into fragments of `fragmentS` seconds, in order; the last one is shorter when
 * the length is not a multiple (nothing is dropped: the fragments cover every frame once).
 *
 * @example
 * splitIntoFragments({ seed: 1, durationS: 25, fps: 10, width: 16, height: 9 }, 10).map((f) => f.frameCount);
 * // [100, 100, 50]
 */
export function splitIntoFragments(video: VideoSpec, fragmentS: number = LECTURE_FRAGMENT_S): Fragment[] {
  validateVideo(video);
  if (typeof fragmentS !== 'number' || !Number.isInteger(fragmentS) || fragmentS < 1) {
    throw new RangeError(`la duración de un fragmento debe ser un entero ≥ 1 segundos, es ${String(fragmentS)}`);
  }
  const totalFrames = video.durationS * video.fps;
  const perFragment = fragmentS * video.fps;
  const fragments: Fragment[] = [];
  for (let start = 0, index = 0; start < totalFrames; start += perFragment, index++) {
    const frameCount = Math.min(perFragment, totalFrames - start);
    fragments.push({ index, startFrame: start, frameCount, startS: start / video.fps, endS: (start + frameCount) / video.fps });
  }
  return fragments;
}

/** Checks that `fragment` is one of `video`'s frames ranges (a worker must not trust what it is sent). */
export function validateFragment(video: VideoSpec, fragment: Fragment): Fragment {
  const total = video.durationS * video.fps;
  const ok = fragment !== null && typeof fragment === 'object'
    && Number.isInteger(fragment.index) && fragment.index >= 0
    && Number.isInteger(fragment.startFrame) && fragment.startFrame >= 0
    && Number.isInteger(fragment.frameCount) && fragment.frameCount >= 1
    && fragment.startFrame + fragment.frameCount <= total;
  if (!ok) throw new RangeError(`fragmento no válido para un vídeo de ${total} fotogramas: ${JSON.stringify(fragment)}`);
  return fragment;
}
