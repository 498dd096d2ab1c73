/**
 * The lecture's worker function, as written there (in Python, `render_frame`): it formats a
 * string and does no work, so a pool can only make it slower. Loaded by the worker threads of
 * `poolMap` by module path.
 */

/**
 * The lecture's `render_frame(frame_data)`: «Simula procesamiento de un fragmento de video».
 *
 * @example
 * renderFrame(7); // 'Frame 7 processed'
 */
export function renderFrame(frameData: number): string {
  return `Frame ${frameData} processed`;
}

/** The lecture's `video_frames = list(range(1, 101))`: frames 1 to 100. */
export function lectureFrames(): number[] {
  return Array.from({ length: 100 }, (_, i) => i + 1);
}
