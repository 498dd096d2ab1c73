/**
 * The reference PageRank (Brin & Page 1998), plain and in memory, that both engines must match:
 * N nodes, ranks start at 1/N, and each iteration gives node v
 *
 *   r'(v) = (1 − d)/N + d · (Σ_{u→v} r(u)/outdeg(u) + D/N),
 *
 * where D is the rank held by dangling nodes (no out-links), spread uniformly over all nodes, so
 * the ranks always sum to 1. A link listed twice counts twice; a self-loop is a link.
 */
import type { Links } from './graph';

/** Options of a PageRank run. */
export interface PageRankOptions {
  /** The damping factor d (default 0,85, Brin & Page). */
  readonly damping?: number;
  /** A fixed number of iterations (default 10). */
  readonly iterations?: number;
}

/**
 * Checks a graph and PageRank options and returns the resolved ones; throws a Spanish
 * TypeError/RangeError for an empty graph, a link to an unknown node, a NaN damping, …
 */
export function checkPageRankInput(links: unknown, options: PageRankOptions = {}): { damping: number; iterations: number } {
  if (!(links instanceof Map)) throw new TypeError('links debe ser un Map de nodo → lista de nodos enlazados');
  if (links.size === 0) throw new RangeError('el grafo está vacío: PageRank necesita al menos un nodo');
  for (const [node, targets] of links as Map<unknown, unknown>) {
    if (typeof node !== 'string') throw new TypeError(`los nodos deben ser textos, y hay uno de tipo ${typeof node}`);
    if (!Array.isArray(targets)) throw new TypeError(`los enlaces del nodo «${node}» deben ser una lista`);
    for (const t of targets) {
      if (typeof t !== 'string') throw new TypeError(`el nodo «${node}» tiene un enlace que no es un texto`);
      if (!links.has(t)) throw new RangeError(`el nodo «${node}» enlaza a «${t}», que no es un nodo del grafo`);
    }
  }
  const damping = options.damping ?? 0.85;
  const iterations = options.iterations ?? 10;
  if (typeof damping !== 'number' || !Number.isFinite(damping) || damping < 0 || damping > 1) throw new RangeError(`damping debe ser un número en [0, 1], y es ${String(damping)}`);
  if (!Number.isInteger(iterations) || iterations < 0) throw new RangeError(`iterations debe ser un entero ≥ 0, y es ${String(iterations)}`);
  return { damping, iterations };
}

/** One reference iteration (sums in node order). Not the exercise: the exercise is its own file. */
function referenceIteration(links: Links, ranks: ReadonlyMap<string, number>, damping: number): Map<string, number> {
  const n = links.size;
  const incoming = new Map<string, number>();
  let dangling = 0;
  for (const node of links.keys()) incoming.set(node, 0);
  for (const [node, targets] of links) {
    const rank = ranks.get(node) as number;
    if (targets.length === 0) {
      dangling += rank;
      continue;
    }
    const share = rank / targets.length;
    for (const t of targets) incoming.set(t, (incoming.get(t) as number) + share);
  }
  const next = new Map<string, number>();
  for (const [node, sum] of incoming) next.set(node, (1 - damping) / n + damping * (sum + dangling / n));
  return next;
}

/**
 * The reference PageRank: `iterations` synchronous iterations from the uniform vector.
 *
 * @example
 * pageRank(new Map([['a', ['b']], ['b', ['a']], ['c', []]]), { iterations: 20 });
 */
export function pageRank(links: Links, options: PageRankOptions = {}): Map<string, number> {
  const { damping, iterations } = checkPageRankInput(links, options);
  let ranks = new Map<string, number>();
  for (const node of links.keys()) ranks.set(node, 1 / links.size);
  for (let k = 0; k < iterations; k++) ranks = referenceIteration(links, ranks, damping);
  return ranks;
}

/** The largest |a(v) − b(v)| over the nodes of `a` (Infinity if `b` lacks one). */
export function maxAbsDifference(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let worst = a.size === b.size ? 0 : Infinity;
  for (const [node, x] of a) {
    const y = b.get(node);
    worst = Math.max(worst, y === undefined ? Infinity : Math.abs(x - y));
  }
  return worst;
}

/** The `k` nodes with the highest rank, best first (ties by name). */
export function topRanked(ranks: ReadonlyMap<string, number>, k: number): [string, number][] {
  return [...ranks].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, k);
}
