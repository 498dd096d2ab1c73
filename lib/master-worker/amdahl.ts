/**
 * Amdahl's law against the real render: the measured serial fraction (the share of the
 * one-worker time in which no worker was rendering), the speed-up the
 * law predicts for p workers, the same capped at the machine's cores (threads beyond the cores
 * share them: the flat line), and the Karp–Flatt metric, the serial fraction each measured
 * point implies.
 */
import { formatNumber } from '../plot/format';
import type { Figure } from '../plot/figure';
import type { MasterWorkerRun } from './run';

/**
 * Amdahl's law: the speed-up of a job whose fraction `serial` cannot be parallelised, on `p`
 * processors: 1 / (s + (1 − s) / p).
 *
 * @example
 * amdahlSpeedup(0.05, 4); // 3,48…
 */
export function amdahlSpeedup(serial: number, p: number): number {
  if (!(serial >= 0 && serial <= 1)) throw new RangeError(`la fracción serie debe estar en [0, 1], es ${String(serial)}`);
  if (!(p >= 1)) throw new RangeError(`p debe ser ≥ 1, es ${String(p)}`);
  return 1 / (serial + (1 - serial) / p);
}

/**
 * The Karp–Flatt metric (1990): the serial fraction a measured speed-up `speedup` on `p`
 * processors implies, e = (1/ψ − 1/p) / (1 − 1/p). Undefined (NaN) for p = 1.
 */
export function karpFlatt(speedup: number, p: number): number {
  if (p <= 1 || !(speedup > 0)) return Number.NaN;
  return (1 / speedup - 1 / p) / (1 - 1 / p);
}

/** One row of a scaling experiment: p workers, their time, speed-up and what Amdahl predicts. */
export interface ScalingPoint {
  readonly workers: number;
  readonly totalMs: number;
  readonly speedup: number;
  /** Amdahl with the measured serial fraction and p = workers. */
  readonly amdahl: number;
  /** The same with p = min(workers, cores): what the machine can give. */
  readonly amdahlOnCores: number;
  readonly karpFlatt: number;
  readonly sha256: string;
}

/** A scaling experiment: the points, the serial fraction measured at one worker, the cores. */
export interface Scaling {
  readonly points: readonly ScalingPoint[];
  /**
   * (T1 − Σ workMs) / T1 in the best one-worker run: the share of its time in which no worker
   * was rendering — split, join, the master's work per result (sha256 check, planning,
   * dispatch), the messages and the threads' wake-ups. With more workers part of it overlaps
   * with the others' rendering, so Amdahl with it errs on the pessimistic side.
   */
  readonly serialFraction: number;
  /** (split + master busy + join) / T1 in the same run: the master's own main-thread work alone. */
  readonly masterBusyFraction: number;
  readonly cores: number;
  /** Runs measured per worker count (the best, minimum time, is kept). */
  readonly repeats: number;
  /** True when every run produced the same file. */
  readonly sameOutput: boolean;
}

/**
 * Turns renders with 1, 2, … workers into a scaling table. Several runs with the same number
 * of workers may be given: the fastest is kept (the one least disturbed by the rest of the
 * machine). The best one-worker run is the base; its serial fraction is the share of its time
 * in which no worker was rendering, (T1 − Σ workMs) / T1.
 */
export function scalingFromRuns(runs: readonly MasterWorkerRun[]): Scaling {
  const best = new Map<number, MasterWorkerRun>();
  for (const r of runs) {
    const kept = best.get(r.workers);
    if (kept === undefined || r.totalMs < kept.totalMs) best.set(r.workers, r);
  }
  const base = best.get(1);
  if (base === undefined) throw new Error('scalingFromRuns: hace falta una ejecución con 1 trabajador (la base)');
  const worked = base.workMs.reduce((a, b) => a + b, 0);
  const serialFraction = Math.min(1, Math.max(0, (base.totalMs - worked) / base.totalMs));
  const masterBusyFraction = Math.min(1, (base.splitMs + base.masterBusyMs + base.joinMs) / base.totalMs);
  const points = [...best.values()].sort((a, b) => a.workers - b.workers).map((r) => {
    const speedup = base.totalMs / r.totalMs;
    return {
      workers: r.workers, totalMs: r.totalMs, speedup,
      amdahl: amdahlSpeedup(serialFraction, r.workers),
      amdahlOnCores: amdahlSpeedup(serialFraction, Math.min(r.workers, r.cores)),
      karpFlatt: karpFlatt(speedup, r.workers), sha256: r.sha256,
    };
  });
  return {
    points, serialFraction, masterBusyFraction, cores: base.cores, repeats: Math.max(...[...best.keys()].map((w) => runs.filter((r) => r.workers === w).length)),
    sameOutput: new Set(runs.map((r) => r.sha256)).size === 1,
  };
}

/** The table of a scaling experiment, with Spanish column names and decimal commas. */
export function scalingRows(scaling: Scaling): Record<string, string>[] {
  return scaling.points.map((p) => ({
    trabajadores: String(p.workers),
    'tiempo (ms)': formatNumber(p.totalMs, { decimals: 0 }),
    'aceleración medida': `×${formatNumber(p.speedup, { decimals: 2 })}`,
    'Amdahl (p = trabajadores)': `×${formatNumber(p.amdahl, { decimals: 2 })}`,
    [`Amdahl (p = mín(trabajadores, ${scaling.cores}))`]: `×${formatNumber(p.amdahlOnCores, { decimals: 2 })}`,
    // Below ×1 the metric exceeds 1 and is no serial fraction: the run was slowed by something else.
    'fracción serie implícita (Karp–Flatt)': Number.isNaN(p.karpFlatt) || p.speedup < 1 ? '—' : formatNumber(p.karpFlatt, { decimals: 3 }),
    sha256: `${p.sha256.slice(0, 12)}…`,
  }));
}

/**
 * Two panels side by side: time vs workers (measured, and Amdahl's prediction on this machine)
 * and speed-up vs workers (measured, Amdahl, Amdahl capped at the cores, and the ideal line),
 * with the core count marked.
 */
export function scalingChart(scaling: Scaling): Figure {
  const x = scaling.points.map((p) => p.workers);
  const base = scaling.points[0]?.totalMs ?? 0;
  const s = formatNumber(scaling.serialFraction, { decimals: 3 });
  return {
    data: [
      { type: 'scatter', mode: 'lines+markers', name: 'tiempo medido', x, y: scaling.points.map((p) => p.totalMs), xaxis: 'x', yaxis: 'y', legendgroup: 'medido' },
      { type: 'scatter', mode: 'lines', name: `tiempo según Amdahl en ${scaling.cores} núcleos`, x, y: scaling.points.map((p) => base / p.amdahlOnCores), line: { dash: 'dot' }, xaxis: 'x', yaxis: 'y' },
      { type: 'scatter', mode: 'lines+markers', name: 'aceleración medida', x, y: scaling.points.map((p) => p.speedup), xaxis: 'x2', yaxis: 'y2', legendgroup: 'medido' },
      { type: 'scatter', mode: 'lines', name: `Amdahl, s = ${s}`, x, y: scaling.points.map((p) => p.amdahl), line: { dash: 'dash' }, xaxis: 'x2', yaxis: 'y2' },
      { type: 'scatter', mode: 'lines', name: `Amdahl con ${scaling.cores} núcleos`, x, y: scaling.points.map((p) => p.amdahlOnCores), line: { dash: 'dot' }, xaxis: 'x2', yaxis: 'y2' },
    ],
    layout: {
      title: `Render con N hilos trabajadores (${scaling.cores} núcleos en esta máquina)`,
      height: 440,
      grid: { rows: 1, columns: 2, pattern: 'independent' },
      xaxis: { title: 'hilos trabajadores', dtick: 1, domain: [0, 0.45] },
      yaxis: { title: 'tiempo (ms)', rangemode: 'tozero' },
      xaxis2: { title: 'hilos trabajadores', dtick: 1, domain: [0.55, 1] },
      yaxis2: { title: 'aceleración (×)', rangemode: 'tozero' },
      shapes: [
        { type: 'line', xref: 'x2', yref: 'paper', x0: scaling.cores, x1: scaling.cores, y0: 0, y1: 1, line: { dash: 'dot', width: 1, color: '#888' } },
      ],
      annotations: [
        { xref: 'x2', yref: 'paper', x: scaling.cores, y: 1, yanchor: 'bottom', showarrow: false, text: `${scaling.cores} núcleos`, font: { size: 11 } },
      ],
    },
  };
}
