// Alternative solutions of exercise 10.2 (chooseReplicaTarget), for test/kit/exercise-quality.test.ts.
// Teacher only (scripts/release.mjs leaves test/kit/alternatives/ out of the student edition).
import type { Alternatives } from '../exercise-alternatives';

type Racks = Map<string, string>;

/** Exercise 10.2: correct, wrong and trivial solutions on trial. */
export const ALTERNATIVES: Record<string, Alternatives> = {
  '10.2': {
    fn: 'chooseReplicaTarget',
    correct: {
      'bucle por casos': (rackOf: Racks, chosen: string[], writer: string | null, candidates: string[]) => {
        if (candidates.length === 0) return null;
        let wantRack: string | undefined;
        let avoidRack: string | undefined;
        if (chosen.length === 0) {
          if (writer !== null && rackOf.has(writer)) {
            for (const c of candidates) if (c === writer) return c;
            wantRack = rackOf.get(writer);
          }
        } else if (chosen.length === 1) avoidRack = rackOf.get(chosen[0] as string);
        else if (chosen.length === 2) {
          const a = rackOf.get(chosen[0] as string);
          const b = rackOf.get(chosen[1] as string);
          if (a === b) avoidRack = a;
          else wantRack = b;
        }
        for (const c of candidates) {
          if (wantRack !== undefined && rackOf.get(c) === wantRack) return c;
          if (avoidRack !== undefined && rackOf.get(c) !== avoidRack) return c;
        }
        return candidates[0];
      },
      'filtros con respaldo': (rackOf: Racks, chosen: string[], writer: string | null, candidates: string[]) => {
        const [first = null] = candidates;
        const same = (rack: string | undefined) => candidates.filter((c) => rackOf.get(c) === rack)[0] ?? first;
        const other = (rack: string | undefined) => candidates.filter((c) => rackOf.get(c) !== rack)[0] ?? first;
        switch (chosen.length) {
          case 0: return writer !== null && rackOf.has(writer) ? (candidates.includes(writer) ? writer : same(rackOf.get(writer))) : first;
          case 1: return other(rackOf.get(chosen[0] as string));
          case 2: return rackOf.get(chosen[0] as string) === rackOf.get(chosen[1] as string) ? other(rackOf.get(chosen[0] as string)) : same(rackOf.get(chosen[1] as string));
          default: return first;
        }
      },
    },
    wrong: {
      'tercera en el rack de la primera': (rackOf: Racks, chosen: string[], writer: string | null, candidates: string[]) => {
        if (candidates.length === 0) return null;
        const first = candidates[0] as string;
        const on = (r: string | undefined) => candidates.find((c) => rackOf.get(c) === r) ?? first;
        const off = (r: string | undefined) => candidates.find((c) => rackOf.get(c) !== r) ?? first;
        if (chosen.length === 0) return writer !== null && rackOf.has(writer) ? (candidates.includes(writer) ? writer : on(rackOf.get(writer))) : first;
        if (chosen.length === 1) return off(rackOf.get(chosen[0] as string));
        if (chosen.length === 2) return rackOf.get(chosen[0] as string) === rackOf.get(chosen[1] as string) ? off(rackOf.get(chosen[0] as string)) : on(rackOf.get(chosen[0] as string));
        return first;
      },
      'primera sin probar el rack del escritor': (rackOf: Racks, chosen: string[], writer: string | null, candidates: string[]) => {
        if (candidates.length === 0) return null;
        const first = candidates[0] as string;
        const on = (r: string | undefined) => candidates.find((c) => rackOf.get(c) === r) ?? first;
        const off = (r: string | undefined) => candidates.find((c) => rackOf.get(c) !== r) ?? first;
        if (chosen.length === 0) return writer !== null && candidates.includes(writer) ? writer : first;
        if (chosen.length === 1) return off(rackOf.get(chosen[0] as string));
        if (chosen.length === 2) return rackOf.get(chosen[0] as string) === rackOf.get(chosen[1] as string) ? off(rackOf.get(chosen[0] as string)) : on(rackOf.get(chosen[1] as string));
        return first;
      },
      'null en vez del primer candidato': (rackOf: Racks, chosen: string[], writer: string | null, candidates: string[]) => {
        const on = (r: string | undefined) => candidates.find((c) => rackOf.get(c) === r) ?? null;
        const off = (r: string | undefined) => candidates.find((c) => rackOf.get(c) !== r) ?? null;
        if (candidates.length === 0) return null;
        if (chosen.length === 0) return writer !== null && rackOf.has(writer) ? (candidates.includes(writer) ? writer : on(rackOf.get(writer))) : candidates[0];
        if (chosen.length === 1) return off(rackOf.get(chosen[0] as string));
        if (chosen.length === 2) return rackOf.get(chosen[0] as string) === rackOf.get(chosen[1] as string) ? off(rackOf.get(chosen[0] as string)) : on(rackOf.get(chosen[1] as string));
        return candidates[0];
      },
    },
    trivial: {
      'siempre el primer candidato': (_rackOf: Racks, _chosen: string[], _writer: string | null, candidates: string[]) => candidates[0] ?? null,
    },
  },
};
