/**
 * Maglev hashing (Eisenbud et al., "Maglev: A Fast and Reliable Software Network Load
 * Balancer", NSDI 2016, §3.4): a lookup table of prime size M that each backend fills in turn
 * following its own permutation of the slots, so every backend owns ⌊M/N⌋ or ⌈M/N⌉ slots and
 * a lookup is one array read.
 * @packageDocumentation
 */
import { digestUint32BE, md5Words } from './hashing-md5';
import { ringHash } from './ring';

/** Default table size: the prime 65 537 (the paper's small size; M should be ≫ N). */
export const MAGLEV_DEFAULT_SIZE = 65537;

/** True if `n` is a prime (trial division; M is at most a few million). */
export function isPrime(n: number): boolean {
  if (!Number.isInteger(n) || n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false;
  return true;
}

const digest = new Uint32Array(4);

/** A backend's (offset, skip) pair (§3.4): offset = h1(name) mod M, skip = h2(name) mod (M − 1) + 1. */
export function maglevPermutation(server: string, size: number): { readonly offset: number; readonly skip: number } {
  md5Words(server, digest);
  return { offset: digestUint32BE(digest, 0) % size, skip: (digestUint32BE(digest, 1) % (size - 1)) + 1 };
}

/**
 * Builds Maglev's lookup table (the paper's Populate, Pseudocode 1): backends take turns, each
 * claiming the next slot of its permutation `(offset + j·skip) mod M` that is still empty,
 * until all M slots are full. Entry values are indices into `servers`.
 */
export function maglevTable(servers: readonly string[], size: number = MAGLEV_DEFAULT_SIZE): Int32Array {
  if (servers.length === 0) throw new Error('la lista de servidores está vacía: Maglev necesita al menos uno');
  if (!isPrime(size)) throw new RangeError(`el tamaño de la tabla de Maglev debe ser primo; recibido ${String(size)}`);
  if (size < servers.length) throw new RangeError(`la tabla (${size}) debe tener al menos tantas entradas como servidores (${servers.length})`);
  if (new Set(servers).size !== servers.length) throw new Error('servidor duplicado en la lista de Maglev');
  const permutations = servers.map((server) => maglevPermutation(server, size));
  const next = new Array<number>(servers.length).fill(0);
  const entry = new Int32Array(size).fill(-1);
  let filled = 0;
  for (;;) {
    for (let i = 0; i < servers.length; i++) {
      const { offset, skip } = permutations[i] as { offset: number; skip: number };
      // skip < M and M prime, so the permutation visits every slot: this loop ends.
      let c = (offset + (next[i] as number) * skip) % size;
      while ((entry[c] as number) >= 0) {
        next[i] = (next[i] as number) + 1;
        c = (offset + (next[i] as number) * skip) % size;
      }
      entry[c] = i;
      next[i] = (next[i] as number) + 1;
      filled += 1;
      if (filled === size) return entry;
    }
  }
}

/**
 * A Maglev lookup table over named servers: `lookup(key)` reads slot `ringHash(key) mod M`.
 * Rebuild (a new instance) when the servers change; the paper's table changes few slots.
 * @example
 * const maglev = new MaglevTable(['S1', 'S2', 'S3'], 13);
 * maglev.lookup('usuario:42'); // one array read
 */
export class MaglevTable {
  /** The servers, as given. */
  readonly servers: readonly string[];
  /** The table size M (a prime). */
  readonly size: number;
  private readonly entry: Int32Array;

  constructor(servers: readonly string[], size: number = MAGLEV_DEFAULT_SIZE) {
    this.entry = maglevTable(servers, size);
    this.servers = servers.slice();
    this.size = size;
  }

  /** The server of `key`. */
  lookup(key: string): string {
    return this.servers[this.entry[ringHash(key) % this.size] as number] as string;
  }

  /** The table's entries as server names, slot by slot (for small tables in the notebook). */
  entries(): string[] {
    return Array.from(this.entry, (i) => this.servers[i] as string);
  }
}
