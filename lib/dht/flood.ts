/**
 * Unstructured search: a Gnutella-style query flooded over a random overlay with a TTL. Each
 * peer that sees the query for the first time answers if it holds the file and, while the TTL
 * lasts, forwards it to every neighbour but the one it came from; later copies are dropped
 * (by the query's id) but were still sent. The overlay is chapter 04's (lib/p2p bootstrap lists).
 */
import type { Rng } from '../random/index';
import { bootstrapLists, overlayEdges } from '../p2p/overlay';

/** What one flooded query did. */
export interface FloodSearch {
  /** Peers that saw the query (the source included). */
  readonly reached: number;
  /** Copies of the query sent (duplicates included). */
  readonly messages: number;
  /** Peers first reached at each hop: `byHop[0]` = 1 (the source). */
  readonly byHop: readonly number[];
  /** True if some holder of the file saw the query. */
  readonly found: boolean;
}

/**
 * A random overlay of `peers` peers (p1…pN), each arriving with `contacts` bootstrap contacts
 * among the earlier ones (about 2·contacts neighbours each), as chapter 04's chat builds it.
 */
export function randomOverlay(peers: number, options: { contacts: number; rng: Rng }): Map<string, string[]> {
  if (!Number.isInteger(peers) || peers < 1) throw new RangeError(`peers debe ser un entero ≥ 1, es ${String(peers)}`);
  const ids = Array.from({ length: peers }, (_, i) => `p${i + 1}`);
  return overlayEdges(bootstrapLists(ids, options));
}

/**
 * Floods a query from `source` with time-to-live `ttl` (Gnutella's default is 7).
 *
 * @example
 * const overlay = randomOverlay(1_000, { contacts: 3, rng: createRng(1) });
 * floodSearch(overlay, 'p1', 4, new Set(['p500'])); // { reached, messages, byHop, found }
 */
export function floodSearch(overlay: ReadonlyMap<string, readonly string[]>, source: string, ttl: number, holders: ReadonlySet<string> = new Set()): FloodSearch {
  if (!overlay.has(source)) throw new RangeError(`el par ${source} no está en la red`);
  if (!Number.isInteger(ttl) || ttl < 0) throw new RangeError(`ttl debe ser un entero ≥ 0, es ${String(ttl)}`);
  const firstFrom = new Map<string, string | null>([[source, null]]);
  let frontier = [source];
  const byHop = [1];
  let messages = 0;
  for (let hop = 1; hop <= ttl && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const peer of frontier) {
      for (const neighbour of overlay.get(peer) ?? []) {
        if (neighbour === firstFrom.get(peer)) continue;
        messages++;
        if (!firstFrom.has(neighbour)) {
          firstFrom.set(neighbour, peer);
          next.push(neighbour);
        }
      }
    }
    byHop.push(next.length);
    frontier = next;
  }
  let found = false;
  for (const h of holders) if (firstFrom.has(h)) found = true;
  return { reached: firstFrom.size, messages, byHop, found };
}
