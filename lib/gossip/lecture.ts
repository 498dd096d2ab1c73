/**
 * The lecture's `GossipNetwork`, replicated in TypeScript with Python's semantics, and fixed.
 *
 * `random.sample(self.nodes.keys(), 2)`: since Python 3.11 `random.sample` requires a sequence
 * («Population must be a sequence. For dicts or sets, use sorted(d).»); a `dict_keys` view is a
 * set-like view, not a sequence, so the call raises `TypeError` (3.9 and 3.10 converted it with
 * a `DeprecationWarning`). And the sample is drawn from **every** node, the sender included, so
 * the sender may "send" to itself: with 4 nodes and 2 picks, half of the calls do. Finally the
 * code goes one hop only: the neighbours store the message but never pass it on.
 */
import type { Rng } from '../random/index';

/** A Python version, as the behaviour of `random.sample` depends on it. */
export type PythonVersion = '3.8' | '3.10' | '3.11' | '3.12';

/** The Python error `random.sample(dict.keys(), k)` raises from 3.11 on. */
export class PythonTypeError extends Error {
  constructor(message: string) {
    super(`TypeError: ${message}`);
    this.name = 'PythonTypeError';
  }
}

/** What a Python population is: a list (a sequence) or a dict view (`d.keys()`, not a sequence). */
export type PythonPopulation = { readonly kind: 'list' | 'dict_keys'; readonly items: readonly string[] };

/**
 * Python's `random.sample(population, k)` for a list or a dict view, as each version behaves.
 *
 * @example
 * pythonSample({ kind: 'dict_keys', items: ['a', 'b'] }, 1, rng, '3.12'); // throws PythonTypeError
 */
export function pythonSample(population: PythonPopulation, k: number, rng: Rng, version: PythonVersion): { picked: string[]; warning?: string } {
  if (population.kind === 'dict_keys') {
    if (version === '3.11' || version === '3.12') throw new PythonTypeError('Population must be a sequence.  For dicts or sets, use sorted(d).');
    const picked = rng.sample(population.items, k);
    return version === '3.10' ? { picked, warning: 'DeprecationWarning: Sampling from a set deprecated since Python 3.9 and will be removed in a subsequent version.' } : { picked };
  }
  return { picked: rng.sample(population.items, k) };
}

/** One `propagate` call of the lecture's network. */
export interface LecturePropagation {
  readonly lines: string[];
  readonly pickedSelf: boolean;
  readonly warning?: string;
}

/**
 * The lecture's `GossipNetwork.propagate(sender, message)`: two random nodes of all (the sender
 * included) get the message; nobody forwards it. `fixed: true` samples a list of the others.
 *
 * @example
 * lecturePropagate(['Nodo1', 'Nodo2', 'Nodo3', 'Nodo4'], 'Nodo1', 'Nuevo bloque', rng, '3.12'); // throws
 */
export function lecturePropagate(nodes: readonly string[], sender: string, message: string, rng: Rng, version: PythonVersion, fixed = false): LecturePropagation {
  const population: PythonPopulation = fixed ? { kind: 'list', items: nodes.filter((n) => n !== sender) } : { kind: 'dict_keys', items: nodes };
  const { picked, warning } = pythonSample(population, 2, rng, version);
  return { lines: picked.map((node) => `${sender} → ${node}: ${message}`), pickedSelf: picked.includes(sender), ...(warning ? { warning } : {}) };
}

/** How often the lecture's sample (on Python ≤ 3.10) includes the sender, over `draws` calls; theory k/N. */
export function selfPickRate(nodes: readonly string[], sender: string, rng: Rng, draws: number): { measured: number; theory: number } {
  let self = 0;
  for (let i = 0; i < draws; i++) if (lecturePropagate(nodes, sender, 'x', rng, '3.8').pickedSelf) self++;
  return { measured: self / draws, theory: 2 / nodes.length };
}
