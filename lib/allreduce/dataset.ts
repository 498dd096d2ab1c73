/**
 * The chapter's classification data set (`datasets/logistic/logistic.csv`): two overlapping
 * Gaussian clouds in 8 dimensions, drawn from a seed, written with 4 decimals so the CSV
 * round-trips exactly, and read back into typed arrays.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '../random/index';
import type { Seed } from '../random/index';

/** A binary classification data set in row-major typed arrays. */
export interface LogisticDataset {
  /** Number of rows (examples). */
  readonly rows: number;
  /** Number of features per row. */
  readonly features: number;
  /** `rows × features` values, row-major. */
  readonly x: Float64Array;
  /** `rows` labels, 0 or 1. */
  readonly y: Float64Array;
}

/** Options of {@link generateLogisticDataset}. */
export interface LogisticDatasetOptions {
  readonly seed: Seed;
  /** Default 8000. */
  readonly rows?: number;
  /** Default 8. */
  readonly features?: number;
}

/** The seed, size and file of the committed data set. */
export const LOGISTIC_DATASET = { seed: 2026, rows: 8000, features: 8, file: 'datasets/logistic/logistic.csv' } as const;

const round4 = (v: number) => Number(v.toFixed(4));

/**
 * Draws the data set: label 1 or 0 with probability ½; feature j is normal with mean
 * ±(1 − j/features)·0,6 (the sign of the class) and standard deviation 1, plus a shared factor
 * that correlates features 0 and 1. The classes overlap: the best linear rule gets about 82 % right.
 *
 * @example
 * const data = generateLogisticDataset({ seed: 2026 }); // the committed CSV, as arrays
 */
export function generateLogisticDataset(options: LogisticDatasetOptions): LogisticDataset {
  const rows = options.rows ?? LOGISTIC_DATASET.rows;
  const features = options.features ?? LOGISTIC_DATASET.features;
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`rows debe ser un entero ≥ 1 (recibí ${rows})`);
  if (!Number.isInteger(features) || features < 1) throw new RangeError(`features debe ser un entero ≥ 1 (recibí ${features})`);
  const rng = createRng(`${options.seed}/logistic-dataset`);
  const x = new Float64Array(rows * features);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const label = rng.bernoulli(0.5) ? 1 : 0;
    const sign = label === 1 ? 1 : -1;
    const shared = rng.normal(0, 1);
    y[i] = label;
    for (let j = 0; j < features; j++) {
      const mean = sign * (1 - j / features) * 0.6;
      const noise = rng.normal(0, 1) + (j < 2 ? 0.8 * shared : 0);
      x[i * features + j] = round4(mean + noise);
    }
  }
  return { rows, features, x, y };
}

/** The data set as CSV text: a header `x1,…,xd,y`, then one line per row, 4 decimals. */
export function datasetToCsv(data: LogisticDataset): string {
  const header = [...Array.from({ length: data.features }, (_, j) => `x${j + 1}`), 'y'].join(',');
  const lines = [header];
  for (let i = 0; i < data.rows; i++) {
    const row: string[] = [];
    for (let j = 0; j < data.features; j++) row.push((data.x[i * data.features + j] as number).toFixed(4));
    row.push(String(data.y[i]));
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Parses CSV text written by {@link datasetToCsv}; a malformed line is a Spanish `RangeError`. */
export function parseDatasetCsv(text: string): LogisticDataset {
  const lines = text.split('\n').filter((l) => l.length > 0);
  const header = (lines[0] ?? '').split(',');
  if (header.length < 2 || header[header.length - 1] !== 'y') throw new RangeError('el CSV debe empezar con la cabecera x1,…,xd,y');
  const features = header.length - 1;
  const rows = lines.length - 1;
  const x = new Float64Array(rows * features);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const cells = (lines[i + 1] as string).split(',').map(Number);
    if (cells.length !== features + 1 || cells.some((c) => !Number.isFinite(c))) throw new RangeError(`la línea ${i + 2} del CSV está mal formada`);
    for (let j = 0; j < features; j++) x[i * features + j] = cells[j] as number;
    const label = cells[features] as number;
    if (label !== 0 && label !== 1) throw new RangeError(`la etiqueta de la línea ${i + 2} debe ser 0 o 1`);
    y[i] = label;
  }
  return { rows, features, x, y };
}

/** The kit's root folder (two levels above this file, symlinks resolved). */
export function kitRoot(): string {
  return join(realpathSync(__dirname), '..', '..');
}

/** Reads the committed `datasets/logistic/logistic.csv`. */
export function loadLogisticDataset(): LogisticDataset {
  return parseDatasetCsv(readFileSync(join(kitRoot(), LOGISTIC_DATASET.file), 'utf8'));
}
