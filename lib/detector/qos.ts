/**
 * The quality-of-service metrics of a failure detector (Chen, Toueg & Aguilera, 2002): how fast
 * it detects a crash, how often it is wrong about a live process, and how likely a query at a
 * random moment gets a right answer.
 */
import { createDetector } from './detectors';
import type { DetectorSpec } from './detectors';
import type { HeartbeatRun } from './heartbeat';

/** Chen–Toueg–Aguilera metrics of one detector over one or more runs. */
export interface QosMetrics {
  /** Detection time T_D: from the crash to the start of the permanent suspicion (ms), averaged over runs with a crash. */
  readonly detectionTimeMs: number | undefined;
  /** The worst T_D seen (ms). */
  readonly maxDetectionTimeMs: number | undefined;
  /** Wrong suspicions of the live process (each a stretch suspected, then trusted again). */
  readonly mistakes: number;
  /** Mistake rate λ_M, per hour of the process's life. */
  readonly mistakesPerHour: number;
  /** Average mistake duration T_M (ms); 0 without mistakes. */
  readonly meanMistakeMs: number;
  /** Query accuracy probability P_A: the fraction of the live time during which the detector trusts the process. */
  readonly queryAccuracy: number;
  /** Simulated live time observed (ms). */
  readonly aliveMs: number;
}

/**
 * Replays the arrivals of each run through a fresh detector and measures it. Suspicion stretches
 * are exact: a detector's suspicion can only begin at its `suspicionStartMs()` and end at the
 * next arrival, so no polling step blurs them.
 *
 * @example
 * const run = heartbeatArrivals({ seed: 1 });
 * evaluateDetector([run], { kind: 'phi', threshold: 8 }); // { detectionTimeMs: ≈ 7800, mistakes: 0, … }
 */
export function evaluateDetector(runs: readonly HeartbeatRun[], spec: DetectorSpec): QosMetrics {
  let mistakes = 0;
  let mistakeMs = 0;
  let aliveMs = 0;
  const detections: number[] = [];
  for (const run of runs) {
    const detector = createDetector(spec);
    const arrivals = run.arrivalsMs;
    const first = arrivals[0];
    if (first === undefined) continue;
    const crash = run.crashAtMs ?? run.endMs;
    aliveMs += Math.max(0, crash - first);
    for (let i = 0; i < arrivals.length; i++) {
      const at = arrivals[i] as number;
      detector.heartbeat(at);
      const from = detector.suspicionStartMs();
      const next = arrivals[i + 1];
      if (next === undefined) {
        // The last heartbeat: after it, suspicion is permanent (a right one once the process is gone).
        if (run.crashAtMs !== undefined) {
          detections.push(Math.max(0, from - run.crashAtMs));
          if (from < run.crashAtMs) {
            mistakes++;
            mistakeMs += run.crashAtMs - from;
          }
        } else if (from < run.endMs) {
          mistakes++;
          mistakeMs += run.endMs - from;
        }
      } else if (from < next && from < crash) {
        mistakes++;
        mistakeMs += Math.min(next, crash) - from;
      }
    }
  }
  const hours = aliveMs / 3_600_000;
  return {
    detectionTimeMs: detections.length === 0 ? undefined : detections.reduce((s, x) => s + x, 0) / detections.length,
    maxDetectionTimeMs: detections.length === 0 ? undefined : Math.max(...detections),
    mistakes,
    mistakesPerHour: hours === 0 ? 0 : mistakes / hours,
    meanMistakeMs: mistakes === 0 ? 0 : mistakeMs / mistakes,
    queryAccuracy: aliveMs === 0 ? 1 : 1 - mistakeMs / aliveMs,
    aliveMs,
  };
}
