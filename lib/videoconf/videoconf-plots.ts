/**
 * The videoconference measured over detector settings, and its picture.
 */
import { detectorLabel } from '../detector/detectors';
import type { DetectorSpec } from '../detector/detectors';
import type { Figure } from '../plot/index';
import type { Seed } from '../random/index';
import { videoconfRun } from './videoconf';
import type { VideoconfOptions } from './videoconf';

/** One detector setting of the videoconference, averaged over seeds. */
export interface VideoconfPoint {
  readonly setting: string;
  readonly gapAfterCrashMs: number;
  readonly falseFailoversPerHour: number;
  /** Setting changes lost at the failover (made after the last checkpoint), on average. */
  readonly settingsLost: number;
}

/**
 * Runs each detector spec over `seeds` and averages what users feel.
 *
 * @example
 * videoconfSweep([{ kind: 'fixed', timeoutMs: 500 }], [1, 2], { aliveMs: 120_000 });
 */
export function videoconfSweep(specs: readonly DetectorSpec[], seeds: readonly Seed[], options: Omit<VideoconfOptions, 'seed' | 'detector'> = {}): VideoconfPoint[] {
  return specs.map((detector) => {
    const runs = seeds.map((seed) => videoconfRun({ ...options, seed, detector }));
    const hours = runs.reduce((s, r) => s + r.aliveMs, 0) / 3_600_000;
    return {
      setting: detectorLabel(detector),
      gapAfterCrashMs: runs.reduce((s, r) => s + r.gapAfterCrashMs, 0) / runs.length,
      falseFailoversPerHour: runs.reduce((s, r) => s + r.falseFailovers, 0) / hours,
      settingsLost: runs.reduce((s, r) => s + r.settingsLost, 0) / runs.length,
    };
  });
}

/** Seconds without audio after a crash (bars) and false failovers per hour (line, right axis), per detector setting. */
export function videoconfFigure(points: readonly VideoconfPoint[]): Figure {
  return {
    data: [
      { type: 'bar', name: 'silencio tras la caída (s)', x: points.map((p) => p.setting), y: points.map((p) => p.gapAfterCrashMs / 1000) },
      { type: 'scatter', mode: 'lines+markers', name: 'cambios de servidor sin caída (por hora)', x: points.map((p) => p.setting), y: points.map((p) => p.falseFailoversPerHour), yaxis: 'y2' },
    ],
    layout: {
      title: 'Videoconferencia: segundos sin audio frente a falsas alarmas',
      xaxis: { title: 'detector del plano de control' },
      yaxis: { title: 'segundos sin audio tras la caída' },
      yaxis2: { title: 'falsas conmutaciones por hora', overlaying: 'y', side: 'right', rangemode: 'tozero' },
    },
  };
}
