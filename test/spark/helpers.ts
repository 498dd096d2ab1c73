// Random small graphs for the engine tests: dangling nodes, self-loops, repeated links, isolated nodes.
import { createRng } from '../../lib/random/index';

/** A random graph for `seed`: 1–40 nodes, some dangling, some isolated, self-loops and repeats. */
export function randomGraph(seed: number): Map<string, string[]> {
  const rng = createRng(`spark-graph-${seed}`);
  const n = rng.int(1, 40);
  const names = Array.from({ length: n }, (_, i) => `n${i}`);
  const links = new Map<string, string[]>();
  for (const name of names) {
    const kind = rng.next();
    // ~20 % dangling, the rest 1–6 links; repeats and self-loops happen by chance and on purpose.
    const targets = kind < 0.2 ? [] : Array.from({ length: rng.int(1, 6) }, () => rng.choice(names));
    if (kind > 0.9) targets.push(name);
    if (kind > 0.95 && targets.length > 0) targets.push(targets[0] as string);
    links.set(name, targets);
  }
  return links;
}
