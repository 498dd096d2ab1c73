// Alternative solutions of chapter 03's exercises, for test/kit/exercise-quality.test.ts.
// Teacher only (scripts/release.mjs leaves test/kit/alternatives/ out of the student edition).
import type { Alternatives } from '../exercise-alternatives';

type Counts = Record<string, number>;
type Pn = { p: Counts; n: Counts };
type Stamp = { l: number; c: number; node: string };
type Step = { kind: 'write'; id: string } | { kind: 'read'; sees: string[] };

const maxOf = (x: Counts, y: Counts): Counts => {
  const out: Counts = {};
  for (const id of new Set([...Object.keys(x), ...Object.keys(y)])) out[id] = Math.max(x[id] ?? 0, y[id] ?? 0);
  return out;
};
/** Chapter 03's exercises: correct, wrong and trivial solutions on trial. */
export const ALTERNATIVES: Record<string, Alternatives> = {
  '03.1': {
    fn: 'mergePnCounters',
    correct: {
      'unión de claves': (a: Pn, b: Pn) => ({ p: maxOf(a.p, b.p), n: maxOf(a.n, b.n) }),
      'copia y bucle': (a: Pn, b: Pn) => {
        const p = { ...a.p };
        const n = { ...a.n };
        for (const [k, v] of Object.entries(b.p)) p[k] = Math.max(p[k] ?? 0, v);
        for (const [k, v] of Object.entries(b.n)) n[k] = Math.max(n[k] ?? 0, v);
        return { p, n };
      },
    },
    wrong: {
      'suma en vez de máximo': (a: Pn, b: Pn) => {
        const sum = (x: Counts, y: Counts) => Object.fromEntries([...new Set([...Object.keys(x), ...Object.keys(y)])].map((k) => [k, (x[k] ?? 0) + (y[k] ?? 0)]));
        return { p: sum(a.p, b.p), n: sum(a.n, b.n) };
      },
      'solo las réplicas de a': (a: Pn, b: Pn) => ({
        p: Object.fromEntries(Object.entries(a.p).map(([k, v]) => [k, Math.max(v, b.p[k] ?? 0)])),
        n: Object.fromEntries(Object.entries(a.n).map(([k, v]) => [k, Math.max(v, b.n[k] ?? 0)])),
      }),
      'modifica a': (a: Pn, b: Pn) => {
        for (const [k, v] of Object.entries(b.p)) a.p[k] = Math.max(a.p[k] ?? 0, v);
        for (const [k, v] of Object.entries(b.n)) a.n[k] = Math.max(a.n[k] ?? 0, v);
        return a;
      },
      'mínimo en n': (a: Pn, b: Pn) => ({ p: maxOf(a.p, b.p), n: Object.fromEntries(Object.entries(maxOf(a.n, b.n)).map(([k]) => [k, Math.min(a.n[k] ?? 0, b.n[k] ?? 0)])) }),
    },
    trivial: { 'a tal cual': (a: Pn) => a, 'b tal cual': (_a: Pn, b: Pn) => b, 'vacío': () => ({ p: {}, n: {} }) },
  },
  '03.2': {
    fn: 'lwwWinner',
    correct: {
      'comparaciones en cadena': (a: Stamp, b: Stamp) => (a.l !== b.l ? (a.l > b.l ? 'a' : 'b') : a.c !== b.c ? (a.c > b.c ? 'a' : 'b') : a.node === b.node ? 'equal' : a.node > b.node ? 'a' : 'b'),
      'diferencia con ||': (a: Stamp, b: Stamp) => {
        const d = a.l - b.l || a.c - b.c || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);
        return d > 0 ? 'a' : d < 0 ? 'b' : 'equal';
      },
    },
    wrong: {
      'suma l + c': (a: Stamp, b: Stamp) => {
        const d = a.l + a.c - (b.l + b.c) || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);
        return d > 0 ? 'a' : d < 0 ? 'b' : 'equal';
      },
      'sin desempate por nodo': (a: Stamp, b: Stamp) => (a.l !== b.l ? (a.l > b.l ? 'a' : 'b') : a.c !== b.c ? (a.c > b.c ? 'a' : 'b') : 'equal'),
      'nodo menor gana': (a: Stamp, b: Stamp) => (a.l !== b.l ? (a.l > b.l ? 'a' : 'b') : a.c !== b.c ? (a.c > b.c ? 'a' : 'b') : a.node === b.node ? 'equal' : a.node < b.node ? 'a' : 'b'),
      'ignora c': (a: Stamp, b: Stamp) => (a.l !== b.l ? (a.l > b.l ? 'a' : 'b') : a.node === b.node ? 'equal' : a.node > b.node ? 'a' : 'b'),
    },
    trivial: { 'siempre "a"': () => 'a', 'siempre "b"': () => 'b', 'siempre "equal"': () => 'equal' },
  },
  '03.3': {
    fn: 'readYourWritesViolations',
    correct: {
      'conjunto acumulado': (s: Step[]) => {
        const mine = new Set<string>();
        const out: number[] = [];
        s.forEach((step, i) => {
          if (step.kind === 'write') mine.add(step.id);
          else if ([...mine].some((id) => !step.sees.includes(id))) out.push(i);
        });
        return out;
      },
      'slice y filter': (s: Step[]) =>
        s.flatMap((step, i) => {
          if (step.kind !== 'read') return [];
          const before = s.slice(0, i).flatMap((x) => (x.kind === 'write' ? [x.id] : []));
          return before.every((id) => step.sees.includes(id)) ? [] : [i];
        }),
    },
    wrong: {
      'solo la última escritura': (s: Step[]) => {
        let last: string | undefined;
        const out: number[] = [];
        s.forEach((step, i) => {
          if (step.kind === 'write') last = step.id;
          else if (last !== undefined && !step.sees.includes(last)) out.push(i);
        });
        return out;
      },
      'también las escrituras posteriores': (s: Step[]) => {
        const all = s.flatMap((x) => (x.kind === 'write' ? [x.id] : []));
        return s.flatMap((step, i) => (step.kind === 'read' && !all.every((id) => step.sees.includes(id)) ? [i] : []));
      },
      'compara longitudes': (s: Step[]) => {
        let writes = 0;
        const out: number[] = [];
        s.forEach((step, i) => {
          if (step.kind === 'write') writes++;
          else if (step.sees.length < writes) out.push(i);
        });
        return out;
      },
      'índices desde 1': (s: Step[]) => {
        const mine = new Set<string>();
        const out: number[] = [];
        s.forEach((step, i) => {
          if (step.kind === 'write') mine.add(step.id);
          else if ([...mine].some((id) => !step.sees.includes(id))) out.push(i + 1);
        });
        return out;
      },
    },
    trivial: { 'siempre []': () => [], 'todas las lecturas': (s: Step[]) => s.flatMap((x, i) => (x.kind === 'read' ? [i] : [])) },
  },
};
