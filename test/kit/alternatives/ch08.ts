// Alternative solutions of chapter 08's exercises, for test/kit/exercise-quality.test.ts.
// Teacher only (scripts/release.mjs leaves test/kit/alternatives/ out of the student edition).
import type { Alternatives, Fn } from '../exercise-alternatives';

type Msg = { from: string; to: string; sentMs: number; receivedMs: number };
type Cps = Record<string, number[]>;

const phiWith = (variance: (xs: number[], mean: number) => number, opts: { minStd?: boolean; pause?: boolean; log?: (x: number) => number } = {}) =>
  (xs: number[], t: number, minStd: number, pause: number) => {
    const mean0 = xs.reduce((s, x) => s + x, 0) / xs.length;
    const mean = mean0 + (opts.pause === false ? 0 : pause);
    const sd = opts.minStd === false ? Math.sqrt(variance(xs, mean0)) : Math.max(Math.sqrt(variance(xs, mean0)), minStd);
    const y = (t - mean) / sd;
    const e = Math.exp(-y * (1.5976 + 0.070566 * y * y));
    const log = opts.log ?? Math.log10;
    return t > mean ? -log(e / (1 + e)) : -log(1 - 1 / (1 + e));
  };
const population = (xs: number[], m: number) => xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length;
const sample = (xs: number[], m: number) => xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);

const line = (options: { once?: boolean; failedStrict?: boolean; inTransit?: boolean; sortInPlace?: boolean } = {}) => (cps: Cps, msgs: Msg[], failed: string, at: number) => {
  if (options.sortInPlace) for (const p of Object.keys(cps)) cps[p]!.sort((a, b) => a - b);
  const last = (p: string, ok: (c: number) => boolean) => Math.max(0, ...(cps[p] ?? []).filter(ok));
  const cut: Record<string, number> = {};
  for (const p of Object.keys(cps)) cut[p] = p === failed ? last(p, (c) => (options.failedStrict ? c < at : c <= at)) : at;
  let again = true;
  // A wrong rule may never settle: give up after a few hundred passes, like a grader's budget would.
  for (let pass = 0; again && pass < 300; pass++) {
    again = false;
    for (const m of msgs) {
      const orphan = m.receivedMs < cut[m.to]! && m.sentMs > cut[m.from]!;
      // The mistake: a message in transit is "undone" by rolling its sender back before the send.
      const transit = options.inTransit === true && m.sentMs < cut[m.from]! && m.receivedMs > cut[m.to]!;
      if (transit) {
        cut[m.from] = last(m.from, (c) => c < m.sentMs);
        again = !options.once;
      } else if (orphan) {
        cut[m.to] = last(m.to, (c) => c < m.receivedMs);
        again = !options.once;
      }
    }
  }
  return cut;
};

/** Chapter 08's exercises: correct, wrong and trivial solutions on trial. */
export const ALTERNATIVES: Record<string, Alternatives> = {
  '08.1': {
    fn: 'phiFromIntervals',
    correct: {
      reduce: phiWith(population),
      'una sola fórmula': (xs: number[], t: number, minStd: number, pause: number) => {
        let s = 0, q = 0;
        for (const x of xs) { s += x; q += x * x; }
        const m = s / xs.length;
        const sd = Math.max(Math.sqrt(Math.max(0, q / xs.length - m * m)), minStd);
        const y = (t - m - pause) / sd;
        const e = Math.exp(-y * (1.5976 + 0.070566 * y * y));
        return -Math.log10(e / (1 + e));
      },
    },
    wrong: {
      'desviación muestral (n − 1)': phiWith(sample),
      'sin desviación mínima': phiWith(population, { minStd: false }),
      'sin pausa aceptable': phiWith(population, { pause: false }),
      'logaritmo natural': phiWith(population, { log: Math.log }),
      'ordena los intervalos': (xs: number[], t: number, minStd: number, pause: number) => { xs.sort((a, b) => a - b); xs.pop(); return phiWith(population)(xs.length ? xs : [0], t, minStd, pause); },
    },
    trivial: { 'siempre 0': () => 0, 'siempre 8': () => 8, 'el tiempo transcurrido': (_xs: number[], t: number) => t },
  },
  '08.2': {
    fn: 'markerRule',
    correct: {
      filter: (recorded: boolean, open: string[], from: string, incoming: string[]) =>
        recorded ? { recordState: false, sendMarkers: false, open: open.filter((c) => c !== from) } : { recordState: true, sendMarkers: true, open: incoming.filter((c) => c !== from) },
      bucle: (recorded: boolean, open: string[], from: string, incoming: string[]) => {
        const result: string[] = [];
        for (const c of recorded ? open : incoming) if (c !== from) result.push(c);
        return { open: result, sendMarkers: !recorded, recordState: !recorded };
      },
    },
    wrong: {
      'abre también el canal del marcador': (recorded: boolean, open: string[], from: string, incoming: string[]) =>
        recorded ? { recordState: false, sendMarkers: false, open: open.filter((c) => c !== from) } : { recordState: true, sendMarkers: true, open: [...incoming] },
      'reenvía marcadores siempre': (recorded: boolean, open: string[], from: string, incoming: string[]) =>
        ({ recordState: !recorded, sendMarkers: true, open: (recorded ? open : incoming).filter((c) => c !== from) }),
      'splice sobre open': (recorded: boolean, open: string[], from: string, incoming: string[]) => {
        if (!recorded) return { recordState: true, sendMarkers: true, open: incoming.filter((c) => c !== from) };
        const i = open.indexOf(from);
        if (i >= 0) open.splice(i, 1);
        return { recordState: false, sendMarkers: false, open };
      },
      'reabre al recibir otro marcador': (recorded: boolean, _open: string[], from: string, incoming: string[]) =>
        ({ recordState: !recorded, sendMarkers: !recorded, open: incoming.filter((c) => c !== from) }),
    },
    trivial: {
      'siempre el primer marcador': () => ({ recordState: true, sendMarkers: true, open: [] }),
      'open tal cual': (_r: boolean, open: string[]) => open,
    },
  },
  '08.3': {
    fn: 'recoveryLine',
    correct: {
      'hasta punto fijo': line(),
      'ordenando una copia': (cps: Cps, msgs: Msg[], failed: string, at: number) => {
        const sorted: Cps = Object.fromEntries(Object.entries(cps).map(([p, ts]) => [p, [...ts].sort((a, b) => a - b)]));
        return line()(sorted, msgs, failed, at);
      },
    },
    wrong: {
      'una sola pasada': line({ once: true }),
      'el caído con < en vez de ≤': line({ failedStrict: true }),
      'los mensajes en tránsito también retroceden': line({ inTransit: true }),
      'ordena las listas recibidas': line({ sortInPlace: true }),
    },
    trivial: {
      'objeto vacío': () => ({}),
      'checkpoints tal cual': (cps: Cps) => cps,
      'nadie retrocede': (cps: Cps, _m: Msg[], _f: string, at: number) => Object.fromEntries(Object.keys(cps).map((p) => [p, at])),
    },
  },
} satisfies Record<string, Alternatives & { correct: Record<string, Fn> }>;
