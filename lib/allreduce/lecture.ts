/**
 * The lecture's sentence "cada nodo entrena una parte del modelo", set against the three ways of
 * splitting training: what each worker holds and what travels between workers in each.
 */

/** One worker in one scheme: the rows and the layers it holds, and what it exchanges. */
export interface ParallelismRow {
  readonly scheme: 'datos' | 'modelo' | 'tubería';
  readonly worker: number;
  readonly rows: string;
  readonly layers: string;
  readonly exchanges: string;
}

/**
 * What each of `workers` workers holds when `rows` examples train a model of `layers` layers:
 * data parallelism (all layers, 1/N of the rows: gradients are AllReduced), model parallelism
 * (every row, a slice of each layer's weights: activations travel inside every layer) and
 * pipeline parallelism (every row in micro-batches, a run of consecutive layers: activations
 * flow forward and gradients back between stages; GPipe, Huang et al. 2019).
 */
export function parallelismTable(workers: number, rows: number, layers: number): ParallelismRow[] {
  if (!Number.isInteger(workers) || workers < 1 || !Number.isInteger(rows) || rows < workers || !Number.isInteger(layers) || layers < workers) {
    throw new RangeError('hacen falta enteros con 1 ≤ trabajadores ≤ filas y trabajadores ≤ capas');
  }
  const out: ParallelismRow[] = [];
  const part = (total: number, w: number) => [Math.floor((w * total) / workers), Math.floor(((w + 1) * total) / workers)] as const;
  for (let w = 0; w < workers; w++) {
    const [r0, r1] = part(rows, w);
    out.push({ scheme: 'datos', worker: w, rows: `${r0}–${r1 - 1}`, layers: `todas (1–${layers})`, exchanges: 'gradiente completo (AllReduce)' });
  }
  for (let w = 0; w < workers; w++) out.push({ scheme: 'modelo', worker: w, rows: `todas (0–${rows - 1})`, layers: `parte ${w + 1}/${workers} de cada capa`, exchanges: 'activaciones parciales en cada capa' });
  for (let w = 0; w < workers; w++) {
    const [l0, l1] = part(layers, w);
    out.push({ scheme: 'tubería', worker: w, rows: 'todas, en micro-lotes', layers: `${l0 + 1}–${l1}`, exchanges: 'activaciones → siguiente; gradientes ← anterior' });
  }
  return out;
}
