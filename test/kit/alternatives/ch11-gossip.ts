// Alternative solutions of exercises 11.3 (pickByStake) and 11.4 (pushPullRound), for
// test/kit/exercise-quality.test.ts. Teacher only (the release leaves test/kit/alternatives/ out).
import type { Alternatives } from '../exercise-alternatives';

type Pairs = [string, number][];
type Calls = [string, string][];

/** Exercises 11.3 and 11.4: correct, wrong and trivial solutions on trial. */
export const ALTERNATIVES: Record<string, Alternatives> = {
  '11.3': {
    fn: 'pickByStake',
    correct: {
      'bucle acumulado': (stakes: Pairs, u: number) => {
        const total = stakes.reduce((s, [, x]) => s + x, 0);
        let acc = 0;
        let last = '';
        for (const [name, s] of stakes) {
          if (s === 0) continue;
          acc += s;
          last = name;
          if (u * total < acc) return name;
        }
        return last;
      },
      'búsqueda binaria (bisect_right)': (stakes: Pairs, u: number) => {
        const positive = stakes.filter(([, s]) => s > 0);
        const cum: number[] = [];
        positive.reduce((acc, [, s]) => { cum.push(acc + s); return acc + s; }, 0);
        const target = u * stakes.reduce((s, [, x]) => s + x, 0);
        let lo = 0;
        let hi = cum.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (target < (cum[mid] as number)) hi = mid; else lo = mid + 1;
        }
        return (positive[lo] as [string, number])[0];
      },
    },
    wrong: {
      'límite al anterior (<=)': (stakes: Pairs, u: number) => {
        const total = stakes.reduce((s, [, x]) => s + x, 0);
        let acc = 0;
        for (const [name, s] of stakes) {
          acc += s;
          if (u * total <= acc && s > 0) return name;
        }
        return (stakes[stakes.length - 1] as [string, number])[0];
      },
      'elige los de participación 0': (stakes: Pairs, u: number) => {
        const total = stakes.reduce((s, [, x]) => s + x, 0);
        let acc = 0;
        for (const [name, s] of stakes) {
          if (u * total <= acc + s && u * total >= acc) return name;
          acc += s;
        }
        return (stakes[stakes.length - 1] as [string, number])[0];
      },
      'compara u con suma / total': (stakes: Pairs, u: number) => {
        const total = stakes.reduce((s, [, x]) => s + x, 0);
        let acc = 0;
        let last = '';
        for (const [name, s] of stakes) {
          if (s === 0) continue;
          acc += s;
          last = name;
          if (u < acc / total) return name;
        }
        return last;
      },
      'sin el último por redondeo': (stakes: Pairs, u: number) => {
        const total = stakes.reduce((s, [, x]) => s + x, 0);
        let acc = 0;
        for (const [name, s] of stakes) {
          if (s === 0) continue;
          acc += s;
          if (u * total < acc) return name;
        }
        return (stakes[stakes.length - 1] as [string, number])[0];
      },
      'ordena por participación': (stakes: Pairs, u: number) => {
        stakes.sort((a, b) => b[1] - a[1]);
        const total = stakes.reduce((s, [, x]) => s + x, 0);
        let acc = 0;
        for (const [name, s] of stakes) {
          if (s === 0) continue;
          acc += s;
          if (u * total < acc) return name;
        }
        return (stakes[0] as [string, number])[0];
      },
    },
    trivial: {
      'el primero': (stakes: Pairs) => (stakes[0] as [string, number])[0],
      'el de más participación': (stakes: Pairs) => [...stakes].sort((a, b) => b[1] - a[1])[0]?.[0],
    },
  },
  '11.4': {
    fn: 'pushPullRound',
    correct: {
      'bucle con copia': (informed: Set<string>, calls: Calls, down: Set<string>) => {
        const next = new Set(informed);
        const fresh: string[] = [];
        for (const [a, b] of calls) {
          if (down.has(a) || down.has(b)) continue;
          for (const [from, to] of [[a, b], [b, a]] as const) {
            if (informed.has(from) && !next.has(to)) { next.add(to); fresh.push(to); }
          }
        }
        return { informed: next, newlyInformed: fresh };
      },
      'filter y reduce': (informed: Set<string>, calls: Calls, down: Set<string>) => {
        const learners = calls
          .filter(([a, b]) => !down.has(a) && !down.has(b) && informed.has(a) !== informed.has(b))
          .map(([a, b]) => (informed.has(a) ? b : a));
        const newlyInformed = [...new Set(learners)];
        return { informed: new Set([...informed, ...newlyInformed]), newlyInformed };
      },
    },
    wrong: {
      'encadena dentro de la ronda': (informed: Set<string>, calls: Calls, down: Set<string>) => {
        const next = new Set(informed);
        const fresh: string[] = [];
        for (const [a, b] of calls) {
          if (down.has(a) || down.has(b)) continue;
          const learner = next.has(a) && !next.has(b) ? b : next.has(b) && !next.has(a) ? a : undefined;
          if (learner !== undefined) { next.add(learner); fresh.push(learner); }
        }
        return { informed: next, newlyInformed: fresh };
      },
      'solo push': (informed: Set<string>, calls: Calls, down: Set<string>) => {
        const next = new Set(informed);
        const fresh: string[] = [];
        for (const [a, b] of calls) {
          if (down.has(a) || down.has(b)) continue;
          if (informed.has(a) && !next.has(b)) { next.add(b); fresh.push(b); }
        }
        return { informed: next, newlyInformed: fresh };
      },
      'ignora los caídos': (informed: Set<string>, calls: Calls) => {
        const next = new Set(informed);
        const fresh: string[] = [];
        for (const [a, b] of calls) {
          const learner = informed.has(a) && !informed.has(b) ? b : informed.has(b) && !informed.has(a) ? a : undefined;
          if (learner !== undefined && !next.has(learner)) { next.add(learner); fresh.push(learner); }
        }
        return { informed: next, newlyInformed: fresh };
      },
      'modifica informed': (informed: Set<string>, calls: Calls, down: Set<string>) => {
        const start = new Set(informed);
        const fresh: string[] = [];
        for (const [a, b] of calls) {
          if (down.has(a) || down.has(b)) continue;
          const learner = start.has(a) && !start.has(b) ? b : start.has(b) && !start.has(a) ? a : undefined;
          if (learner !== undefined && !informed.has(learner)) { informed.add(learner); fresh.push(learner); }
        }
        return { informed, newlyInformed: fresh };
      },
    },
    trivial: {
      'informed tal cual': (informed: Set<string>) => ({ informed, newlyInformed: [] }),
      'todos informados': (informed: Set<string>, calls: Calls) => ({ informed: new Set([...informed, ...calls.flat()]), newlyInformed: [] }),
    },
  },
};
