/**
 * Netflix Open Connect against a pull cache, simulated over days. Open Connect Appliances are
 * filled **proactively**: each night, in an off-peak *fill window*, they download the titles
 * predicted to be popular the next day ("proactive caching" in Netflix's Open Connect overview),
 * so at peak time they serve from disk and the backbone carries almost nothing. A classic CDN
 * edge fills **on demand**: a miss fetches the title from the origin (at peak, if that is when it
 * is asked for) and LRU evicts. Popularity drifts every day, new releases arrive (announced: the
 * push fill knows them), and a surprise hit can take off mid-day (nobody predicted it).
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';
import { LruCache } from './caches';

/** Share of a day's requests in each hour 0…23 (an evening peak, a trough before dawn). */
export const DIURNAL_PROFILE: readonly number[] = [
  0.55, 0.4, 0.28, 0.2, 0.15, 0.13, 0.15, 0.2, 0.28, 0.35, 0.4, 0.45,
  0.5, 0.52, 0.55, 0.6, 0.68, 0.78, 0.9, 1.0, 1.0, 0.95, 0.85, 0.7,
];

/** The simulated day runs from this hour to the same hour next day; the fill happens just before. */
export const DAY_START_HOUR = 6;

/** The two ways to fill an edge. */
export type FillStrategy = 'push' | 'pull';

/** Options of {@link simulateOpenConnect}. */
export interface OpenConnectOptions {
  /** Titles in the catalogue. */
  readonly titles: number;
  /** Titles one appliance holds. */
  readonly capacity: number;
  /** Reported days (a warm-up day runs first). */
  readonly days: number;
  readonly requestsPerDay: number;
  /** Zipf exponent of the initial popularity (default 0,9). */
  readonly alpha?: number;
  /** Standard deviation of each title's daily score change (scores start at −α·ln rank; default 0,3). */
  readonly drift?: number;
  /** New releases per day, announced in advance (default 2). */
  readonly releasesPerDay?: number;
  /** A title nobody predicted becomes the most popular from this day (1-based) and hour (0–23). */
  readonly surprise?: { readonly day: number; readonly hour: number };
  /** Evening hours counted as peak (default 18–23). */
  readonly peakHours?: readonly number[];
  /** Size of one title, GB (equal sizes; default 2). */
  readonly titleGigabytes?: number;
  readonly seed: Seed;
}

/** One strategy's numbers for one reported day. */
export interface OpenConnectDay {
  readonly day: number;
  readonly strategy: FillStrategy;
  readonly requests: number;
  readonly hitRatio: number;
  /** GB fetched from the origin during peak hours (misses). */
  readonly peakOriginGb: number;
  /** GB fetched from the origin over the whole day (misses). */
  readonly originGb: number;
  /** GB downloaded in the nightly fill window (push only). */
  readonly fillGb: number;
  /** Requests for the surprise title and how many were hits (0 before it appears). */
  readonly surpriseRequests: number;
  readonly surpriseHits: number;
}

/** One strategy's hit ratio in one hour of one day. */
export interface OpenConnectHour {
  readonly day: number;
  /** Clock hour 0–23. */
  readonly hour: number;
  readonly strategy: FillStrategy;
  readonly requests: number;
  readonly hitRatio: number;
}

/** What {@link simulateOpenConnect} returns. */
export interface OpenConnectRun {
  readonly days: OpenConnectDay[];
  readonly hours: OpenConnectHour[];
  /** The surprise title's id, if any. */
  readonly surpriseTitle: number | undefined;
}

function cumulative(weights: Float64Array): Float64Array {
  const cdf = new Float64Array(weights.length);
  let acc = 0;
  for (let i = 0; i < weights.length; i++) cdf[i] = acc += weights[i] as number;
  for (let i = 0; i < weights.length; i++) cdf[i] = (cdf[i] as number) / acc;
  cdf[weights.length - 1] = 1;
  return cdf;
}

function draw(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (u < (cdf[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

interface Tally { hits: number; peakMiss: number; miss: number; sReq: number; sHit: number }

function record(t: Tally, hit: boolean, peak: boolean, surprise: boolean): void {
  if (hit) t.hits++;
  else {
    t.miss++;
    if (peak) t.peakMiss++;
  }
  if (surprise) {
    t.sReq++;
    if (hit) t.sHit++;
  }
}

/** The `k` ids with the largest `score`, ties to the smaller id. */
function topK(score: ArrayLike<number>, k: number): number[] {
  return Array.from({ length: score.length }, (_, i) => i).sort((a, b) => (score[b] as number) - (score[a] as number) || a - b).slice(0, k);
}

/**
 * Simulates a warm-up day plus `days` days of requests against a push-filled appliance (top-C of
 * yesterday's counts plus today's announced releases, loaded in the night window) and a pull LRU
 * edge of the same capacity, on the same request stream.
 *
 * @example
 * const run = simulateOpenConnect({ titles: 2000, capacity: 100, days: 5, requestsPerDay: 20_000, surprise: { day: 3, hour: 12 }, seed: 1 });
 */
export function simulateOpenConnect(options: OpenConnectOptions): OpenConnectRun {
  const { titles, capacity, days, requestsPerDay } = options;
  const alpha = options.alpha ?? 0.9;
  const drift = options.drift ?? 0.3;
  const releasesPerDay = options.releasesPerDay ?? 2;
  const peak = new Set(options.peakHours ?? [18, 19, 20, 21, 22, 23]);
  const titleGb = options.titleGigabytes ?? 2;
  if (!Number.isInteger(titles) || titles < 2) throw new RangeError(`titles debe ser un entero ≥ 2, recibido ${String(titles)}`);
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > titles) throw new RangeError(`capacity debe ser un entero entre 1 y titles, recibido ${String(capacity)}`);
  if (typeof alpha !== 'number' || !Number.isFinite(alpha) || alpha < 0 || alpha > 5) throw new RangeError(`alpha debe ser un número finito entre 0 y 5, recibido ${String(alpha)}`);
  if (typeof drift !== 'number' || !Number.isFinite(drift) || drift < 0 || drift > 10) throw new RangeError(`drift debe ser un número finito entre 0 y 10, recibido ${String(drift)}`);
  if (!Number.isInteger(releasesPerDay) || releasesPerDay < 0 || releasesPerDay > capacity) throw new RangeError(`releasesPerDay debe ser un entero entre 0 y capacity, recibido ${String(releasesPerDay)}`);
  // A release comes from outside the appliance's list (ranks capacity … titles − 1): there must be one.
  if (releasesPerDay > 0 && capacity >= titles) throw new RangeError(`con estrenos (releasesPerDay > 0), capacity debe ser menor que titles: los estrenos vienen de fuera de la lista del servidor (capacity ${capacity}, titles ${titles})`);
  if (typeof titleGb !== 'number' || !Number.isFinite(titleGb) || titleGb <= 0) throw new RangeError(`titleGigabytes debe ser un número finito > 0, recibido ${String(titleGb)}`);
  if (![...peak].every((h) => Number.isInteger(h) && h >= 0 && h < 24)) throw new RangeError('peakHours debe ser una lista de horas enteras entre 0 y 23');
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days debe ser un entero ≥ 1, recibido ${String(days)}`);
  if (!Number.isInteger(requestsPerDay) || requestsPerDay < 24) throw new RangeError(`requestsPerDay debe ser un entero ≥ 24, recibido ${String(requestsPerDay)}`);
  if (options.surprise && !(Number.isInteger(options.surprise.day) && options.surprise.day >= 1 && options.surprise.day <= days && Number.isInteger(options.surprise.hour) && options.surprise.hour >= 0 && options.surprise.hour < 24)) {
    throw new RangeError('surprise necesita un día entre 1 y days y una hora entera entre 0 y 23');
  }
  const rng = createRng(options.seed);
  const popularityRng = rng.fork('popularity');
  const requestRng = rng.fork('requests');
  // Each title has a score; its popularity is Zipf by the rank of its score, so the shape of the
  // distribution stays the same every day while titles move up and down the ranking.
  const scores = new Float64Array(titles);
  popularityRng.shuffle(Array.from({ length: titles }, (_, i) => i)).forEach((id, rank) => { scores[id] = -alpha * Math.log(rank + 1); });
  const weights = new Float64Array(titles);
  const rerank = () => topK(scores, titles).forEach((id, rank) => { weights[id] = 1 / (rank + 1) ** alpha; });
  rerank();
  const profileTotal = DIURNAL_PROFILE.reduce((s, x) => s + x, 0);
  const perHour = DIURNAL_PROFILE.map((x) => Math.round((requestsPerDay * x) / profileTotal));

  const lru = new LruCache<number>(capacity);
  let pushed = new Set<number>();
  let yesterday = new Float64Array(titles);
  let surpriseTitle: number | undefined;
  const dayRows: OpenConnectDay[] = [];
  const hourRows: OpenConnectHour[] = [];

  for (let day = 0; day <= days; day++) {
    // Overnight: popularity drifts and the day's releases arrive (their rank is known in advance).
    const releases: number[] = [];
    if (day > 0) {
      for (let i = 0; i < titles; i++) scores[i] = (scores[i] as number) + drift * popularityRng.normal();
      const ranked = topK(scores, titles);
      for (let r = 0; r < releasesPerDay; r++) {
        // A release comes from outside the appliance's list and enters among the ten most watched.
        const id = ranked[popularityRng.int(capacity, titles - 1)] as number;
        scores[id] = (scores[ranked[popularityRng.int(0, Math.min(9, titles - 1))] as number] as number) + 1e-9;
        releases.push(id);
      }
      rerank();
    }
    // The fill window: yesterday's top-C by request count, with the announced releases first.
    let fillGb = 0;
    if (day > 0) {
      const fill = new Set<number>(releases);
      for (const id of topK(yesterday, capacity)) if (fill.size < capacity) fill.add(id);
      for (const id of fill) if (!pushed.has(id)) fillGb += titleGb;
      pushed = fill;
    }
    const counts = new Float64Array(titles);
    const tally: Record<FillStrategy, Tally> = { push: { hits: 0, peakMiss: 0, miss: 0, sReq: 0, sHit: 0 }, pull: { hits: 0, peakMiss: 0, miss: 0, sReq: 0, sHit: 0 } };
    let cdf = cumulative(weights);
    for (let k = 0; k < 24; k++) {
      const hour = (DAY_START_HOUR + k) % 24;
      if (options.surprise && day === options.surprise.day && hour === options.surprise.hour) {
        const ranked = topK(scores, titles);
        surpriseTitle = ranked[popularityRng.int(Math.floor(titles / 2), titles - 1)] as number;
        weights[surpriseTitle] = 2 * (weights[ranked[0] as number] as number);
        scores[surpriseTitle] = (scores[ranked[0] as number] as number) + 1;
        cdf = cumulative(weights);
      }
      const requests = perHour[hour] as number;
      let pushHits = 0;
      let pullHits = 0;
      for (let q = 0; q < requests; q++) {
        const id = draw(cdf, requestRng.next());
        counts[id] = (counts[id] as number) + 1;
        const pushHit = pushed.has(id);
        const pullHit = lru.access(id);
        if (pushHit) pushHits++;
        if (pullHit) pullHits++;
        record(tally.push, pushHit, peak.has(hour), id === surpriseTitle);
        record(tally.pull, pullHit, peak.has(hour), id === surpriseTitle);
      }
      if (day > 0) {
        hourRows.push({ day, hour, strategy: 'push', requests, hitRatio: pushHits / Math.max(1, requests) });
        hourRows.push({ day, hour, strategy: 'pull', requests, hitRatio: pullHits / Math.max(1, requests) });
      }
    }
    yesterday = counts;
    if (day === 0) continue;
    const total = perHour.reduce((s, x) => s + x, 0);
    for (const strategy of ['push', 'pull'] as const) {
      const t = tally[strategy];
      dayRows.push({
        day, strategy, requests: total, hitRatio: t.hits / total, peakOriginGb: t.peakMiss * titleGb, originGb: t.miss * titleGb,
        fillGb: strategy === 'push' ? fillGb : 0, surpriseRequests: t.sReq, surpriseHits: t.sHit,
      });
    }
  }
  return { days: dayRows, hours: hourRows, surpriseTitle };
}
