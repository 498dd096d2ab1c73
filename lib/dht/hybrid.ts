/**
 * Hybrid P2P, Napster-style: a central index knows which peer holds which file; a search is
 * one request to the index and its reply, and the file then travels directly between peers.
 * Two messages and one hop, at the price of an index that holds everything and a single
 * point of failure.
 */

/** What one search at the index returned. */
export interface IndexSearch {
  /** Live peers that published the file, in publishing order; empty if none. */
  readonly holders: readonly string[];
  /** Messages spent: the query and the index's reply (0 if the index is down). */
  readonly messages: number;
  /** Why the search failed (Spanish), if it did. */
  readonly failure?: string;
}

/**
 * A Napster-style central index.
 *
 * @example
 * const index = new NapsterIndex();
 * index.publish('p1', ['cancion.mp3']);
 * index.search('cancion.mp3'); // { holders: ['p1'], messages: 2 }
 */
export class NapsterIndex {
  private readonly files = new Map<string, string[]>();
  private up = true;

  /** Peer `peer` announces the files it shares (a peer may publish several times). */
  publish(peer: string, files: readonly string[]): void {
    if (typeof peer !== 'string' || peer === '') throw new TypeError('peer debe ser el id (texto no vacío) de un par');
    if (!Array.isArray(files) || !files.every((f) => typeof f === 'string')) throw new TypeError('files debe ser una lista de nombres de archivo');
    for (const file of files) {
      const holders = this.files.get(file) ?? [];
      if (!holders.includes(peer)) holders.push(peer);
      this.files.set(file, holders);
    }
  }

  /** Peer `peer` leaves: its entries are removed. */
  unpublish(peer: string): void {
    for (const [file, holders] of this.files) {
      const rest = holders.filter((h) => h !== peer);
      if (rest.length === 0) this.files.delete(file);
      else this.files.set(file, rest);
    }
  }

  /** Entries the index keeps (file, peer pairs): its state grows with the whole network. */
  get entries(): number {
    let total = 0;
    for (const holders of this.files.values()) total += holders.length;
    return total;
  }

  /** The index server crashes: every search fails until `recover`. */
  crash(): void {
    this.up = false;
  }

  /** The index server is back (with its entries: a real one would need peers to publish again). */
  recover(): void {
    this.up = true;
  }

  /** Looks `file` up; `alive` (default: everybody) filters out holders that died since publishing. */
  search(file: string, alive?: ReadonlySet<string>): IndexSearch {
    if (!this.up) return { holders: [], messages: 0, failure: 'el índice central está caído: nadie puede buscar' };
    const holders = (this.files.get(file) ?? []).filter((h) => alive === undefined || alive.has(h));
    return holders.length === 0 ? { holders, messages: 2, failure: `nadie vivo comparte ${file}` } : { holders, messages: 2 };
  }
}
