/**
 * Small register histories that satisfy one consistency model and violate a stronger one,
 * each with the verdict every checker must give (the tests hold the checkers to them; the
 * chapter 05 notebook shows them as a table).
 * @packageDocumentation
 */
import type { History, Operation } from '../linearizability/history';
import type { RegisterInput } from '../linearizability/models';
import type { ConsistencyRule } from './view';

/** One example history: a name, a Spanish title and story, and every checker's verdict. */
export interface ConsistencyExample {
  readonly name: 'linearizable' | 'sequential' | 'causal' | 'ryw' | 'monotonic-reads' | 'writes-follow-reads' | 'not-eventual';
  readonly title: string;
  readonly story: string;
  readonly history: History<RegisterInput>;
  readonly expected: Readonly<Record<ConsistencyRule, boolean>>;
}

type Step = readonly [client: string, f: 'w' | 'r', key: string, value: number | null, invokeMs: number, completeMs: number];

function history(steps: readonly Step[]): History<RegisterInput> {
  return steps.map(([client, f, key, value, invokeMs, completeMs], id): Operation<RegisterInput> => ({
    id,
    client,
    key,
    input: f === 'w' ? { f: 'write', key, value } : { f: 'read', key },
    ...(f === 'r' ? { output: value } : {}),
    invokeMs,
    completeMs,
    status: 'ok',
  }));
}

const ALL_OK: Record<ConsistencyRule, boolean> = {
  linearizable: true,
  sequential: true,
  causal: true,
  'read-your-writes': true,
  'monotonic-reads': true,
  'writes-follow-reads': true,
  eventual: true,
};

/** The ladder of examples, strongest first (see {@link ConsistencyExample}). */
export const CONSISTENCY_EXAMPLES: readonly ConsistencyExample[] = [
  {
    name: 'linearizable',
    title: 'Linealizable',
    story: 'Londres escribe x=1; después Nueva York y Londres leen 1: como si hubiera una sola copia.',
    history: history([
      ['londres', 'w', 'x', 1, 0, 10],
      ['nueva-york', 'r', 'x', 1, 15, 25],
      ['londres', 'r', 'x', 1, 30, 40],
    ]),
    expected: ALL_OK,
  },
  {
    name: 'sequential',
    title: 'Secuencial, no linealizable',
    story: 'Londres escribe x=1 y termina; después Nueva York lee el valor viejo (∅). Hay un orden que respeta cada sesión (la lectura de Nueva York primero), pero no el tiempo real.',
    history: history([
      ['londres', 'w', 'x', 1, 0, 10],
      ['nueva-york', 'r', 'x', null, 20, 30],
      ['londres', 'r', 'x', 1, 40, 50],
      ['nueva-york', 'r', 'x', 1, 60, 70],
    ]),
    expected: { ...ALL_OK, linearizable: false },
  },
  {
    name: 'causal',
    title: 'Causal, no secuencial',
    story: 'Londres escribe x=1 y Tokio y=1, a la vez. Nueva York ve x antes que y; Madrid ve y antes que x. Las escrituras son concurrentes: la causalidad lo permite, un único orden no.',
    history: history([
      ['londres', 'w', 'x', 1, 0, 10],
      ['tokio', 'w', 'y', 1, 0, 10],
      ['nueva-york', 'r', 'x', 1, 20, 30],
      ['nueva-york', 'r', 'y', null, 40, 50],
      ['madrid', 'r', 'y', 1, 20, 30],
      ['madrid', 'r', 'x', null, 40, 50],
      ['nueva-york', 'r', 'y', 1, 60, 70],
      ['madrid', 'r', 'x', 1, 60, 70],
    ]),
    expected: { ...ALL_OK, linearizable: false, sequential: false },
  },
  {
    name: 'ryw',
    title: 'Viola leer-tus-escrituras',
    story: 'Londres publica x=1 y al recargar no ve su propia publicación (otra réplica); más tarde sí.',
    history: history([
      ['londres', 'w', 'x', 1, 0, 10],
      ['londres', 'r', 'x', null, 20, 30],
      ['londres', 'r', 'x', 1, 40, 50],
      ['nueva-york', 'r', 'x', 1, 40, 50],
    ]),
    expected: { ...ALL_OK, linearizable: false, sequential: false, causal: false, 'read-your-writes': false },
  },
  {
    name: 'monotonic-reads',
    title: 'Viola lecturas monótonas',
    story: 'Nueva York ve x=1, luego (otra réplica) ∅, y luego otra vez 1: el tiempo va hacia atrás.',
    history: history([
      ['londres', 'w', 'x', 1, 0, 10],
      ['nueva-york', 'r', 'x', 1, 20, 30],
      ['nueva-york', 'r', 'x', null, 40, 50],
      ['nueva-york', 'r', 'x', 1, 60, 70],
      ['londres', 'r', 'x', 1, 60, 70],
    ]),
    expected: { ...ALL_OK, linearizable: false, sequential: false, causal: false, 'monotonic-reads': false },
  },
  {
    name: 'writes-follow-reads',
    title: 'Viola escrituras-tras-lecturas',
    story: 'Londres publica x=1; Nueva York lo lee y comenta y=2; Tokio ve el comentario pero no la publicación.',
    history: history([
      ['londres', 'w', 'x', 1, 0, 10],
      ['nueva-york', 'r', 'x', 1, 20, 30],
      ['nueva-york', 'w', 'y', 2, 40, 50],
      ['tokio', 'r', 'y', 2, 60, 70],
      ['tokio', 'r', 'x', null, 80, 90],
      ['tokio', 'r', 'x', 1, 100, 110],
    ]),
    expected: { ...ALL_OK, linearizable: false, sequential: false, causal: false, 'writes-follow-reads': false },
  },
  {
    name: 'not-eventual',
    title: 'No converge (ni siquiera eventual)',
    story: 'Londres escribe x=1 y Nueva York x=2 a la vez; cada uno sigue leyendo la suya para siempre. Cada sesión es coherente (¡es secuencial!), pero las réplicas nunca convergen.',
    history: history([
      ['londres', 'w', 'x', 1, 0, 10],
      ['nueva-york', 'w', 'x', 2, 0, 10],
      ['londres', 'r', 'x', 1, 20, 30],
      ['nueva-york', 'r', 'x', 2, 20, 30],
      ['londres', 'r', 'x', 1, 40, 50],
      ['nueva-york', 'r', 'x', 2, 40, 50],
    ]),
    expected: { ...ALL_OK, linearizable: false, eventual: false },
  },
];
