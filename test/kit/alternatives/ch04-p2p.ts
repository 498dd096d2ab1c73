// Alternative solutions of exercise 04.2 (floodOnChat), for test/kit/exercise-quality.test.ts.
// Teacher only (scripts/release.mjs leaves test/kit/alternatives/ out of the student edition).
import type { Alternatives } from '../exercise-alternatives';

type Msg = { id: string; origin: string };

/** Exercise 04.2: correct, wrong and trivial solutions on trial. */
export const ALTERNATIVES: Record<string, Alternatives> = {
  '04.2': {
    fn: 'floodOnChat',
    correct: {
      'bucle y copia': (seen: Set<string>, m: Msg, from: string, neighbours: string[]) => {
        if (seen.has(m.id)) return { seen, deliver: false, forwardTo: [] };
        const forwardTo: string[] = [];
        for (const n of neighbours) if (n !== from && n !== m.origin) forwardTo.push(n);
        return { seen: new Set([...seen, m.id]), deliver: true, forwardTo };
      },
      'conjunto de excluidos': (seen: Set<string>, m: Msg, from: string, neighbours: string[]) => {
        const known = seen.has(m.id);
        const skip = new Set([from, m.origin]);
        return { seen: new Set(seen).add(m.id), deliver: !known, forwardTo: known ? [] : neighbours.filter((n) => !skip.has(n)) };
      },
    },
    wrong: {
      'no excluye al origen': (seen: Set<string>, m: Msg, from: string, neighbours: string[]) =>
        seen.has(m.id) ? { seen: new Set(seen), deliver: false, forwardTo: [] } : { seen: new Set(seen).add(m.id), deliver: true, forwardTo: neighbours.filter((n) => n !== from) },
      'reenvía también los duplicados': (seen: Set<string>, m: Msg, from: string, neighbours: string[]) => ({
        seen: new Set(seen).add(m.id),
        deliver: !seen.has(m.id),
        forwardTo: neighbours.filter((n) => n !== from && n !== m.origin),
      }),
      'modifica seen': (seen: Set<string>, m: Msg, from: string, neighbours: string[]) => {
        if (seen.has(m.id)) return { seen, deliver: false, forwardTo: [] };
        seen.add(m.id);
        return { seen, deliver: true, forwardTo: neighbours.filter((n) => n !== from && n !== m.origin) };
      },
      'ordena los vecinos': (seen: Set<string>, m: Msg, from: string, neighbours: string[]) =>
        seen.has(m.id) ? { seen: new Set(seen), deliver: false, forwardTo: [] } : { seen: new Set(seen).add(m.id), deliver: true, forwardTo: neighbours.filter((n) => n !== from && n !== m.origin).sort() },
    },
    trivial: {
      'seen tal cual': (seen: Set<string>) => seen,
      'nunca entrega': (seen: Set<string>) => ({ seen, deliver: false, forwardTo: [] }),
      'entrega y reenvía a todos': (seen: Set<string>, _m: Msg, _f: string, neighbours: string[]) => ({ seen, deliver: true, forwardTo: neighbours }),
    },
  },
};
