/**
 * Directed graphs for PageRank as plain data: `links` maps every node to its out-links (an
 * empty list for a dangling node), in node order. A seeded power-law generator (Chung–Lu style:
 * heavy-tailed out-degrees, targets drawn with probability proportional to a Zipf weight, the way
 * preferential attachment ends up) and the compact text edge list the dataset is stored in.
 */
import { createRng } from '../random/index';

/** A directed graph: every node is a key, its value the out-links (duplicates and self-loops allowed). */
export type Links = ReadonlyMap<string, readonly string[]>;

/** Options of {@link generatePowerLawGraph}. */
export interface PowerLawGraphOptions {
  readonly seed: number | string;
  /** Nodes, named `'0'` … `String(nodes − 1)`. */
  readonly nodes: number;
  /** Share of nodes with no out-links (dangling), e.g. 0,1. */
  readonly danglingShare?: number;
  /** Smallest out-degree of a node that has out-links (default 3). */
  readonly minOutDegree?: number;
  /** Largest out-degree (default 300). */
  readonly maxOutDegree?: number;
  /** Exponent of the out-degree tail P(k) ∝ k^(−γ) (default 2,5). */
  readonly outExponent?: number;
  /** Exponent of the in-degree tail (default 2,1): target weights w_j ∝ (j + 1)^(−1/(γ−1)). */
  readonly inExponent?: number;
}

/**
 * A seeded directed power-law graph: out-degrees from a truncated Pareto law, targets drawn by
 * weight (a few nodes collect most links), with no self-loops and no repeated link; node names
 * are shuffled so a name says nothing about its popularity. Same seed, same graph.
 *
 * @example
 * const links = generatePowerLawGraph({ seed: 1, nodes: 1000 });
 * links.get('0'); // e.g. ['412', '7', …]
 */
export function generatePowerLawGraph(options: PowerLawGraphOptions): Map<string, string[]> {
  const { nodes } = options;
  if (!Number.isInteger(nodes) || nodes < 1) throw new RangeError(`nodes debe ser un entero ≥ 1, y es ${nodes}`);
  const danglingShare = options.danglingShare ?? 0.1;
  const minOut = options.minOutDegree ?? 3;
  const maxOut = Math.min(options.maxOutDegree ?? 300, Math.max(0, nodes - 1));
  const outExponent = options.outExponent ?? 2.5;
  const inExponent = options.inExponent ?? 2.1;
  if (!(danglingShare >= 0 && danglingShare <= 1)) throw new RangeError(`danglingShare debe estar en [0, 1], y es ${danglingShare}`);
  if (!(outExponent > 1) || !(inExponent > 1)) throw new RangeError('los exponentes deben ser mayores que 1');
  const rng = createRng(`power-law-graph:${options.seed}`);
  const names = rng.fork('names').shuffle(Array.from({ length: nodes }, (_, i) => String(i)));
  // Cumulative target weights, for drawing a target by binary search.
  const beta = 1 / (inExponent - 1);
  const cumulative = new Float64Array(nodes);
  let total = 0;
  for (let j = 0; j < nodes; j++) {
    total += (j + 1) ** -beta;
    cumulative[j] = total;
  }
  const degrees = rng.fork('degrees');
  const targets = rng.fork('targets');
  const links = new Map<string, string[]>();
  for (let i = 0; i < nodes; i++) links.set(String(i), []);
  for (let i = 0; i < nodes; i++) {
    const own = names[i] as string;
    if (degrees.bernoulli(danglingShare) || maxOut === 0) continue;
    const pareto = Math.floor(minOut * (1 - degrees.next()) ** (-1 / (outExponent - 1)));
    const degree = Math.min(maxOut, Math.max(minOut, pareto), nodes - 1);
    const chosen = new Set<string>();
    // Give up on a node after many repeats (a tiny graph may not have `degree` distinct targets).
    for (let tries = 0; chosen.size < degree && tries < 20 * degree; tries++) {
      const u = targets.next() * total;
      let lo = 0;
      let hi = nodes - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (u < (cumulative[mid] as number)) hi = mid;
        else lo = mid + 1;
      }
      const target = names[lo] as string;
      if (target !== own) chosen.add(target);
    }
    links.set(own, [...chosen]);
  }
  return links;
}

/** Numbers of a graph: nodes, links, dangling nodes, the largest in- and out-degree. */
export function graphSummary(links: Links): { nodes: number; edges: number; dangling: number; maxInDegree: number; maxOutDegree: number } {
  const inDegree = new Map<string, number>();
  let edges = 0;
  let dangling = 0;
  let maxOutDegree = 0;
  for (const targets of links.values()) {
    edges += targets.length;
    if (targets.length === 0) dangling += 1;
    maxOutDegree = Math.max(maxOutDegree, targets.length);
    for (const t of targets) inDegree.set(t, (inDegree.get(t) ?? 0) + 1);
  }
  let maxInDegree = 0;
  for (const d of inDegree.values()) maxInDegree = Math.max(maxInDegree, d);
  return { nodes: links.size, edges, dangling, maxInDegree, maxOutDegree };
}

/**
 * The graph as a compact text edge list: two header lines (`# nodos N aristas E`), then one
 * `origen destino` line per link, sources in node order. Node names must have no spaces.
 */
export function toEdgeList(links: Links, comment: string): string {
  const out: string[] = [`# ${comment}`, `# nodos ${links.size} aristas ${graphSummary(links).edges}`];
  for (const [source, targets] of links) for (const t of targets) out.push(`${source} ${t}`);
  return `${out.join('\n')}\n`;
}

/**
 * Parses {@link toEdgeList}'s text: the nodes are `'0'` … `String(N − 1)` (the header says N, so
 * nodes with no links at all are kept), each line adds one link. Bad lines get a Spanish error.
 */
export function parseEdgeList(text: string): Map<string, string[]> {
  const lines = text.split('\n');
  const header = lines.map((l) => /^# nodos (\d+) aristas (\d+)$/.exec(l)).find((m) => m !== null);
  if (!header) throw new RangeError('la lista de aristas no tiene la cabecera «# nodos N aristas E»');
  const n = Number(header[1]);
  const links = new Map<string, string[]>();
  for (let i = 0; i < n; i++) links.set(String(i), []);
  let edges = 0;
  lines.forEach((line, i) => {
    if (line === '' || line.startsWith('#')) return;
    const space = line.indexOf(' ');
    const source = line.slice(0, space);
    const target = line.slice(space + 1);
    const list = links.get(source);
    if (space < 0 || list === undefined || !links.has(target)) throw new RangeError(`línea ${i + 1} de la lista de aristas no válida: «${line}»`);
    list.push(target);
    edges += 1;
  });
  if (edges !== Number(header[2])) throw new RangeError(`la cabecera dice ${header[2]} aristas y hay ${edges}`);
  return links;
}
