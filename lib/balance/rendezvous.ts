/**
 * Rendezvous hashing, or highest random weight (Thaler & Ravishankar, 1998): every server
 * scores the key with a hash of (server, key) and the highest score wins. No ring, no table:
 * removing a server moves only its own keys, each to the server that scored second.
 * @packageDocumentation
 */
import { ringHash } from './ring';

/**
 * One 32-bit block of MurmurHash3_x86_32 with a seed, plus its finaliser: a well-mixed
 * seeded hash of a 32-bit value, used as the score of (server, key).
 */
export function murmurScore(value: number, seed: number): number {
  let k = Math.imul(value, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let h = seed ^ k;
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  h ^= 4;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Rendezvous (HRW) hashing over a set of servers: `lookup(key)` scores the key once per
 * server (`murmurScore(ringHash(key), ringHash(server))`) and returns the best; equal scores
 * go to the server whose name sorts first. O(N) per lookup, no memory beyond the list.
 * @example
 * const hrw = new RendezvousHash(['S1', 'S2', 'S3']);
 * hrw.lookup('usuario:42'); // the server with the highest score for this key
 */
export class RendezvousHash {
  private names: string[] = [];
  private seeds: number[] = [];

  constructor(servers: readonly string[]) {
    for (const server of servers) this.add(server);
  }

  /** The servers, in the order they were added. */
  get servers(): readonly string[] {
    return this.names.slice();
  }

  /** Adds a server; throws if it is already there or the name is empty. */
  add(server: string): void {
    if (typeof server !== 'string' || server.length === 0) throw new TypeError(`el nombre de un servidor debe ser un string no vacío; recibido ${JSON.stringify(server)}`);
    if (this.names.includes(server)) throw new Error(`servidor duplicado: "${server}"`);
    this.names.push(server);
    this.seeds.push(ringHash(server));
  }

  /** Removes a server; throws if it is not there. */
  remove(server: string): void {
    const index = this.names.indexOf(server);
    if (index < 0) throw new Error(`el servidor "${String(server)}" no está`);
    this.names.splice(index, 1);
    this.seeds.splice(index, 1);
  }

  /** The server with the highest score for `key`; throws on an empty set of servers. */
  lookup(key: string): string {
    if (this.names.length === 0) throw new Error('no hay servidores: añade al menos uno antes de buscar una clave');
    const h = ringHash(key);
    let best = -1;
    let bestName = '';
    for (let i = 0; i < this.names.length; i++) {
      const score = murmurScore(h, this.seeds[i] as number);
      const name = this.names[i] as string;
      if (score > best || (score === best && name < bestName)) {
        best = score;
        bestName = name;
      }
    }
    return bestName;
  }
}
