/**
 * Heartbeat failure detectors behind one interface: each is told when heartbeats arrive and
 * says from when, with no further heartbeat, it will suspect the process. That is all the QoS
 * evaluation needs, and it lets every detector judge the very same arrivals.
 */
import { formatNumber } from '../plot/format';
import { PhiAccrualDetector } from './phi';
import type { PhiOptions } from './phi';

/** Which detector, and its setting: a fixed timeout, or φ accrual with a threshold. */
export type DetectorSpec =
  | { readonly kind: 'fixed'; readonly timeoutMs: number }
  | ({ readonly kind: 'phi' } & Partial<PhiOptions>);

/** A heartbeat failure detector monitoring one process. */
export interface HeartbeatDetector {
  /** A readable name with its setting, e.g. `timeout 2000 ms`, `φ > 8`. */
  readonly name: string;
  /** A heartbeat arrived at `nowMs`. */
  heartbeat(nowMs: number): void;
  /** From this absolute time on, if no heartbeat arrives, the detector suspects (Infinity before the first). */
  suspicionStartMs(): number;
  /** Whether it suspects at `nowMs`. */
  suspects(nowMs: number): boolean;
}

/**
 * The simplest detector: suspect when nothing arrived for `timeoutMs`.
 *
 * @example
 * const d = new FixedTimeoutDetector(2_000); d.heartbeat(0); d.suspects(2_500); // true
 */
export class FixedTimeoutDetector implements HeartbeatDetector {
  readonly name: string;
  private lastMs: number | undefined;
  constructor(readonly timeoutMs: number) {
    if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) throw new RangeError(`FixedTimeoutDetector: timeoutMs debe ser un número > 0, recibido ${String(timeoutMs)}`);
    this.name = `timeout ${timeoutMs} ms`;
  }
  heartbeat(nowMs: number): void {
    if (!Number.isFinite(nowMs)) throw new RangeError(`heartbeat: tiempo no válido ${String(nowMs)}`);
    if (this.lastMs === undefined || nowMs > this.lastMs) this.lastMs = nowMs;
  }
  suspicionStartMs(): number {
    return this.lastMs === undefined ? Infinity : this.lastMs + this.timeoutMs;
  }
  suspects(nowMs: number): boolean {
    return nowMs > this.suspicionStartMs();
  }
}

/** The φ detector behind the common interface. */
export class PhiDetector implements HeartbeatDetector {
  readonly name: string;
  readonly phi: PhiAccrualDetector;
  constructor(options: Partial<PhiOptions> = {}) {
    this.phi = new PhiAccrualDetector(options);
    this.name = `φ > ${this.phi.options.threshold}`;
  }
  heartbeat(nowMs: number): void {
    this.phi.heartbeat(nowMs);
  }
  suspicionStartMs(): number {
    return this.phi.suspicionStartMs();
  }
  suspects(nowMs: number): boolean {
    return this.phi.suspects(nowMs);
  }
}

/**
 * Builds the detector a spec describes; a malformed spec is a `RangeError` with a Spanish message.
 *
 * @example
 * createDetector({ kind: 'phi', threshold: 8 }).name; // 'φ > 8'
 */
export function createDetector(spec: DetectorSpec): HeartbeatDetector {
  if (typeof spec !== 'object' || spec === null) throw new RangeError(`createDetector: se esperaba { kind: 'fixed' | 'phi', … }, recibido ${String(spec)}`);
  switch (spec.kind) {
    case 'fixed':
      return new FixedTimeoutDetector(spec.timeoutMs);
    case 'phi': {
      const { kind: _kind, ...options } = spec;
      return new PhiDetector(options);
    }
    default:
      throw new RangeError(`createDetector: tipo de detector desconocido ${JSON.stringify((spec as { kind?: unknown }).kind)}`);
  }
}

/** A short Spanish label for a spec (plots and tables). */
export function detectorLabel(spec: DetectorSpec): string {
  const n = (x: number) => formatNumber(x, { maxDecimals: 3 });
  return spec.kind === 'fixed' ? `timeout ${n(spec.timeoutMs / 1000)} s` : `φ > ${n(spec.threshold ?? 8)}`;
}
