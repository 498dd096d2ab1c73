/**
 * The α–β model of communication time (Hockney 1994; the model Patarasuk & Yuan 2009 use to prove
 * ring AllReduce bandwidth-optimal): sending m bytes over a link costs α + m/β. Ring AllReduce
 * takes 2(N − 1) steps of M/N bytes each, every node sending and receiving at once, so each node
 * sends 2(N − 1)/N · M, almost 2M whatever N. A single parameter server receives N gradients of
 * M bytes through its one link and then sends N copies of the weights back: N · M each way.
 */

/** A link: latency α in microseconds and bandwidth β in gigabits per second. */
export interface AlphaBetaLink {
  readonly latencyUs: number;
  readonly bandwidthGbps: number;
}

/** A 10 Gbit/s data-centre link with 50 µs of latency per message (the chapter's default). */
export const DATACENTER_LINK: AlphaBetaLink = { latencyUs: 50, bandwidthGbps: 10 };

function checkModel(bytes: number, n: number, link: AlphaBetaLink): void {
  if (!(bytes >= 0) || !Number.isFinite(bytes)) throw new RangeError(`bytes debe ser un número ≥ 0 (recibí ${bytes})`);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`el número de nodos debe ser un entero ≥ 1 (recibí ${n})`);
  if (!(link.latencyUs >= 0) || !(link.bandwidthGbps > 0)) throw new RangeError('el enlace necesita latencia ≥ 0 y ancho de banda > 0');
}

const seconds = (bytes: number, link: AlphaBetaLink) => (bytes * 8) / (link.bandwidthGbps * 1e9);

/** Ring AllReduce time in ms: 2(N − 1) · (α + (M/N)/β). Zero for one node. */
export function ringAllReduceMs(bytes: number, n: number, link: AlphaBetaLink = DATACENTER_LINK): number {
  checkModel(bytes, n, link);
  return 2 * (n - 1) * (link.latencyUs / 1e3 + seconds(bytes / n, link) * 1e3);
}

/** Parameter-server time in ms: gradients in (α + N·M/β), then weights out (α + N·M/β). */
export function parameterServerMs(bytes: number, n: number, link: AlphaBetaLink = DATACENTER_LINK): number {
  checkModel(bytes, n, link);
  return 2 * (link.latencyUs / 1e3 + seconds(n * bytes, link) * 1e3);
}

/** One row of the model: times and bytes for N nodes and a vector of M bytes. */
export interface BandwidthRow {
  readonly n: number;
  readonly bytes: number;
  readonly ringMs: number;
  readonly serverMs: number;
  /** 2(N − 1)/N · M: what each node sends in the ring. */
  readonly ringBytesPerNode: number;
  /** N · M: what crosses the server's link in each direction. */
  readonly serverBytesOnLink: number;
}

/** The model for every N in `sizes`. */
export function bandwidthModel(bytes: number, sizes: readonly number[], link: AlphaBetaLink = DATACENTER_LINK): BandwidthRow[] {
  return sizes.map((n) => ({
    n,
    bytes,
    ringMs: ringAllReduceMs(bytes, n, link),
    serverMs: parameterServerMs(bytes, n, link),
    ringBytesPerNode: (2 * (n - 1) * bytes) / n,
    serverBytesOnLink: n * bytes,
  }));
}
