// Alternative solutions of chapter 05's exercises, for test/kit/exercise-quality.test.ts.
// Teacher only (scripts/release.mjs leaves test/kit/alternatives/ out of the student edition).
import type { Alternatives } from '../exercise-alternatives';

type Item = { value: string; version: { counter: number; by: string } };
type Reply = { node: string; item: Item | null };
const newer = (a: Item, b: Item) => a.version.counter > b.version.counter || (a.version.counter === b.version.counter && a.version.by > b.version.by);
const same = (a: Item, b: Item) => a.version.counter === b.version.counter && a.version.by === b.version.by;

/** Chapter 05's exercises: correct, wrong and trivial solutions on trial. */
export const ALTERNATIVES: Record<string, Alternatives> = {
  '05.1': {
    fn: 'quorumProperties',
    correct: {
      directa: (n: number, r: number, w: number) => ({ overlap: Math.max(0, r + w - n), readsSeeLastWrite: r + w > n, writesOverlap: 2 * w > n, writeFailuresTolerated: n - w, readFailuresTolerated: n - r }),
      'con if': (n: number, r: number, w: number) => {
        let overlap = r + w - n;
        if (overlap < 0) overlap = 0;
        return { readFailuresTolerated: n - r, writeFailuresTolerated: n - w, writesOverlap: w > n / 2, readsSeeLastWrite: overlap > 0, overlap };
      },
    },
    wrong: {
      'overlap negativo': (n: number, r: number, w: number) => ({ overlap: r + w - n, readsSeeLastWrite: r + w > n, writesOverlap: 2 * w > n, writeFailuresTolerated: n - w, readFailuresTolerated: n - r }),
      'r + w ≥ n': (n: number, r: number, w: number) => ({ overlap: Math.max(0, r + w - n), readsSeeLastWrite: r + w >= n, writesOverlap: 2 * w >= n, writeFailuresTolerated: n - w, readFailuresTolerated: n - r }),
      'fallos cruzados': (n: number, r: number, w: number) => ({ overlap: Math.max(0, r + w - n), readsSeeLastWrite: r + w > n, writesOverlap: 2 * w > n, writeFailuresTolerated: n - r, readFailuresTolerated: n - w }),
    },
    trivial: {
      constante: () => ({ overlap: 1, readsSeeLastWrite: true, writesOverlap: true, writeFailuresTolerated: 1, readFailuresTolerated: 1 }),
      'devuelve n': (n: number) => n,
    },
  },
  '05.2': {
    fn: 'semiSyncCommitIndex',
    correct: {
      ordenar: (p: number, m: number[], k: number) => (k === 0 ? p : m.length < k ? 0 : [...m].map((x) => Math.min(x, p)).sort((a, b) => b - a)[k - 1]!),
      'contar hacia atrás': (p: number, m: number[], k: number) => {
        if (k === 0) return p;
        for (let i = p; i > 0; i--) if (m.filter((x) => x >= i).length >= k) return i;
        return 0;
      },
    },
    wrong: {
      'ordena en su sitio': (p: number, m: number[], k: number) => (k === 0 ? p : m.length < k ? 0 : Math.min(p, m.sort((a, b) => b - a)[k - 1]!)),
      'sin tope en primaryIndex': (p: number, m: number[], k: number) => (k === 0 ? p : m.length < k ? 0 : [...m].sort((a, b) => b - a)[k - 1]!),
      'orden ascendente': (p: number, m: number[], k: number) => (k === 0 ? p : m.length < k ? 0 : Math.min(p, [...m].sort((a, b) => a - b)[k - 1]!)),
      'k = 0 da 0': (p: number, m: number[], k: number) => (m.length < k || k === 0 ? 0 : [...m].map((x) => Math.min(x, p)).sort((a, b) => b - a)[k - 1]!),
    },
    trivial: {
      cero: () => 0,
      'devuelve primaryIndex': (p: number) => p,
    },
  },
  '05.3': {
    fn: 'readRepairPlan',
    correct: {
      bucle: (replies: Reply[]) => {
        let best: Item | null = null;
        for (const r of replies) if (r.item && (!best || newer(r.item, best))) best = r.item;
        const b = best;
        return { newest: b, stale: b === null ? [] : replies.filter((r) => !r.item || !same(r.item, b)).map((r) => r.node) };
      },
      reduce: (replies: Reply[]) => {
        const newest = replies.reduce<Item | null>((best, r) => (r.item !== null && (best === null || newer(r.item, best)) ? r.item : best), null);
        if (newest === null) return { newest: null, stale: [] };
        return { newest: JSON.parse(JSON.stringify(newest)), stale: replies.flatMap((r) => (r.item !== null && same(r.item, newest) ? [] : [r.node])) };
      },
    },
    wrong: {
      'sin desempate por by': (replies: Reply[]) => {
        let best: Item | null = null;
        for (const r of replies) if (r.item && (!best || r.item.version.counter > best.version.counter)) best = r.item;
        const b = best;
        return { newest: b, stale: b === null ? [] : replies.filter((r) => !r.item || !same(r.item, b)).map((r) => r.node) };
      },
      'no repara las que no tienen la clave': (replies: Reply[]) => {
        let best: Item | null = null;
        for (const r of replies) if (r.item && (!best || newer(r.item, best))) best = r.item;
        const b = best;
        return { newest: b, stale: b === null ? [] : replies.filter((r) => r.item !== null && !same(r.item, b)).map((r) => r.node) };
      },
      'ordena replies en su sitio': (replies: Reply[]) => {
        replies.sort((x, y) => (x.item === null ? 1 : y.item === null ? -1 : newer(y.item, x.item) ? 1 : -1));
        const b = replies[0]?.item ?? null;
        return { newest: b, stale: b === null ? [] : replies.filter((r) => !r.item || !same(r.item, b)).map((r) => r.node) };
      },
      'solo compara counter al reparar': (replies: Reply[]) => {
        let best: Item | null = null;
        for (const r of replies) if (r.item && (!best || newer(r.item, best))) best = r.item;
        const b = best;
        return { newest: b, stale: b === null ? [] : replies.filter((r) => !r.item || r.item.version.counter !== b.version.counter).map((r) => r.node) };
      },
    },
    trivial: {
      vacío: () => ({ newest: null, stale: [] }),
      'devuelve replies': (replies: Reply[]) => replies,
    },
  },
};
