/**
 * The transcoding ladder, step 1 of the lecture's Netflix flow: «los archivos originales deben
 * convertirse a múltiples formatos y resoluciones (480p, 720p, 1080p, 4K)». A ladder is a list of
 * rungs (resolution + bitrate); the source is split into segments and every (segment, rung) pair
 * is an independent task, «cada segmento de video se procesa en paralelo en distintos servidores».
 * The work of a task is chapter 04's `renderFragment` (draw, effect, DEFLATE) at the rung's
 * scaled-down resolution: its cost is proportional to the pixels, as a real encoder's roughly is.
 */
import { renderFragment, sha256Hex } from '../master-worker/render';
import { splitIntoFragments } from '../master-worker/video';
import type { Fragment, VideoSpec } from '../master-worker/video';

/** One rung of a bitrate ladder: a published resolution and bitrate, and the synthetic frame size we render. */
export interface Rung {
  /** Name shown in tables and plots (`480p`, `4K`…). */
  readonly name: string;
  /** Published bitrate of the rung, in kb/s (what the player downloads per second of video). */
  readonly kbps: number;
  /** Published resolution, e.g. 1920 × 1080. */
  readonly width: number;
  readonly height: number;
  /** Synthetic resolution we actually render (the published one scaled by 1/30 per side). */
  readonly renderWidth: number;
  readonly renderHeight: number;
}

/**
 * The lecture's four resolutions with published bitrates. 480p, 720p and 1080p are rungs of
 * Netflix's fixed ladder (Netflix Tech Blog, «Per-Title Encode Optimization», 14 Dec 2015:
 * 720×480 at 1750 kb/s, 1280×720 at 3000 kb/s, 1920×1080 at 5800 kb/s). For 4K there is no
 * published rung in that ladder: 15 Mb/s is the connection speed Netflix's help centre recommends
 * for Ultra HD («Internet connection speed recommendations»), used here as a stand-in for the 4K
 * rung's bitrate.
 * Synthetic sizes are the real ones divided by 30 per side (pixel ratios 1 : 2,3 : 5,1 : 20,6,
 * against 1 : 2,7 : 6,0 : 24 for the real ones).
 */
export const NETFLIX_LADDER: readonly Rung[] = [
  { name: '480p', kbps: 1750, width: 720, height: 480, renderWidth: 28, renderHeight: 16 },
  { name: '720p', kbps: 3000, width: 1280, height: 720, renderWidth: 42, renderHeight: 24 },
  { name: '1080p', kbps: 5800, width: 1920, height: 1080, renderWidth: 64, renderHeight: 36 },
  { name: '4K', kbps: 15000, width: 3840, height: 2160, renderWidth: 128, renderHeight: 72 },
];

/** The source of a transcoding job: the seeded synthetic film every worker can "read" (as from shared storage). */
export interface SourceVideo {
  readonly seed: string | number;
  /** Length in seconds (integer ≥ 1). */
  readonly durationS: number;
  /** Frames per second (integer ≥ 1). */
  readonly fps: number;
}

/**
 * The chapter's source: 40 s at 24 fps, the frame rate of cinema. The frames are small, so the
 * whole ladder transcodes in about half a second on one core, yet each task is long enough for
 * the threads' messages and heartbeats to be a small part of it.
 */
export const STREAMING_SOURCE: SourceVideo = { seed: 'netflix-12', durationS: 40, fps: 24 };

/** Segment length used by the ladder and the players: 4 s, as in Apple's HLS authoring guidelines and the BBA paper. */
export const SEGMENT_S = 4;

/** One task of the job: a segment rendered at a rung. */
export interface LadderTask {
  /** Position in the job's queue (biggest tasks first). */
  readonly id: number;
  readonly rung: number;
  readonly segment: Fragment;
  /** The chapter-04 video spec of this rung (the source at the rung's synthetic resolution). */
  readonly video: VideoSpec;
  /** Pixels × frames: the task's work. */
  readonly work: number;
}

/** Checks a ladder: a non-empty list of rungs with positive, strictly increasing bitrates and renderable sizes. */
export function validateLadder(ladder: readonly Rung[]): readonly Rung[] {
  if (!Array.isArray(ladder) || ladder.length === 0) throw new RangeError('la escalera de calidades debe ser una lista no vacía de peldaños { name, kbps, … }');
  ladder.forEach((rung, i) => {
    if (rung === null || typeof rung !== 'object' || typeof rung.name !== 'string') throw new TypeError(`el peldaño ${i} debe ser un objeto con name (texto)`);
    if (!Number.isFinite(rung.kbps) || rung.kbps <= 0) throw new RangeError(`el peldaño ${rung.name} debe tener kbps > 0, tiene ${String(rung.kbps)}`);
    if (i > 0 && rung.kbps <= (ladder[i - 1] as Rung).kbps) throw new RangeError('los peldaños deben ir en orden de bitrate estrictamente creciente');
    for (const side of ['renderWidth', 'renderHeight'] as const) {
      const v = rung[side];
      if (!Number.isInteger(v) || v < 8 || v > 4096) throw new RangeError(`el peldaño ${rung.name}: ${side} debe ser un entero entre 8 y 4096, es ${String(v)}`);
    }
  });
  return ladder;
}

/** The chapter-04 video spec of `rung` for `source`. */
export function rungVideo(source: SourceVideo, rung: Rung): VideoSpec {
  return { seed: source.seed, durationS: source.durationS, fps: source.fps, width: rung.renderWidth, height: rung.renderHeight };
}

/**
 * Every (segment, rung) task of a job, biggest first (longest-processing-time order: the 4K
 * tasks are ~20 times the 480p ones, and handing them out last would leave one worker
 * finishing alone). Ties keep segment order.
 *
 * @example
 * ladderTasks(STREAMING_SOURCE, NETFLIX_LADDER, 4).length; // 10 segments × 4 rungs = 40
 */
export function ladderTasks(source: SourceVideo, ladder: readonly Rung[] = NETFLIX_LADDER, segmentS: number = SEGMENT_S): LadderTask[] {
  validateLadder(ladder);
  const tasks: Omit<LadderTask, 'id'>[] = [];
  ladder.forEach((rung, r) => {
    const video = rungVideo(source, rung);
    for (const segment of splitIntoFragments(video, segmentS)) {
      tasks.push({ rung: r, segment, video, work: video.width * video.height * segment.frameCount });
    }
  });
  tasks.sort((a, b) => b.work - a.work || a.rung - b.rung || a.segment.index - b.segment.index);
  return tasks.map((t, id) => ({ id, ...t }));
}

/** One transcoded rendition: every segment of a rung joined in order, and its hash. */
export interface Rendition {
  readonly rung: string;
  readonly kbps: number;
  readonly segments: number;
  readonly bytes: number;
  readonly sha256: string;
  /** SHA-256 of each segment, in order (a player downloads them one by one). */
  readonly segmentSha256: readonly string[];
}

/**
 * Joins the encoded segments of each rung in segment order (each prefixed by its index and
 * length, so a missing or swapped segment changes the hash). Every task must be there once.
 */
export function joinRenditions(ladder: readonly Rung[], tasks: readonly LadderTask[], encoded: ReadonlyMap<number, Uint8Array>): Rendition[] {
  return ladder.map((rung, r) => {
    const own = tasks.filter((t) => t.rung === r).sort((a, b) => a.segment.index - b.segment.index);
    const parts = own.map((t) => {
      const bytes = encoded.get(t.id);
      if (bytes === undefined) throw new Error(`joinRenditions: falta el segmento ${t.segment.index} de ${rung.name}`);
      return bytes;
    });
    const total = parts.reduce((s, p) => s + 8 + p.length, 0);
    const out = new Uint8Array(total);
    const view = new DataView(out.buffer);
    let offset = 0;
    parts.forEach((p, i) => {
      view.setUint32(offset, i);
      view.setUint32(offset + 4, p.length);
      out.set(p, offset + 8);
      offset += 8 + p.length;
    });
    return { rung: rung.name, kbps: rung.kbps, segments: parts.length, bytes: total, sha256: sha256Hex(out), segmentSha256: parts.map((p) => sha256Hex(p)) };
  });
}

/**
 * The reference: the whole ladder transcoded in this thread, task after task. The parallel job's
 * renditions must be byte-identical to these.
 */
export function transcodeSerially(source: SourceVideo = STREAMING_SOURCE, ladder: readonly Rung[] = NETFLIX_LADDER, segmentS: number = SEGMENT_S): Rendition[] {
  const tasks = ladderTasks(source, ladder, segmentS);
  const encoded = new Map<number, Uint8Array>();
  for (const task of tasks) encoded.set(task.id, renderFragment(task.video, task.segment).bytes);
  return joinRenditions(ladder, tasks, encoded);
}
