// Alternative solutions of chapter 06's exercises, for test/kit/exercise-quality.test.ts.
// Teacher only (scripts/release.mjs leaves test/kit/alternatives/ out of the student edition).
import type { Alternatives } from '../exercise-alternatives';

type Pos = { lastLogIndex: number; lastLogTerm: number };
type Commit = { currentTerm: number; commitIndex: number; matchIndex: number[]; logTerms: number[] };
type Prom = { acceptedBallot: number; acceptedValue: string | null };
type Vote = { view: number; seq: number; digest: string };
type Prep = Vote & { replica: string };

/** Chapter 06's exercises: correct, wrong and trivial solutions on trial. */
export const ALTERNATIVES: Record<string, Alternatives> = {
  '06.1': {
    fn: 'raftUpToDate',
    correct: {
      'una expresión': (c: Pos, v: Pos) => c.lastLogTerm > v.lastLogTerm || (c.lastLogTerm === v.lastLogTerm && c.lastLogIndex >= v.lastLogIndex),
      'comparación lexicográfica': (c: Pos, v: Pos) => (c.lastLogTerm - v.lastLogTerm || c.lastLogIndex - v.lastLogIndex) >= 0,
    },
    wrong: {
      'solo la longitud': (c: Pos, v: Pos) => c.lastLogIndex >= v.lastLogIndex,
      'desigualdad estricta': (c: Pos, v: Pos) => c.lastLogTerm > v.lastLogTerm || (c.lastLogTerm === v.lastLogTerm && c.lastLogIndex > v.lastLogIndex),
      'longitud antes que término': (c: Pos, v: Pos) => c.lastLogIndex > v.lastLogIndex || (c.lastLogIndex === v.lastLogIndex && c.lastLogTerm >= v.lastLogTerm),
    },
    trivial: {
      'siempre true': () => true,
      'siempre false': () => false,
    },
  },
  '06.2': {
    fn: 'raftAdvanceCommitIndex',
    correct: {
      'de arriba abajo': ({ currentTerm, commitIndex, matchIndex, logTerms }: Commit) => {
        for (let n = logTerms.length; n > commitIndex; n--) if (logTerms[n - 1] === currentTerm && matchIndex.filter((m) => m >= n).length > matchIndex.length / 2) return n;
        return commitIndex;
      },
      'ordenar una copia': ({ currentTerm, commitIndex, matchIndex, logTerms }: Commit) => {
        const sorted = [...matchIndex].sort((a, b) => b - a);
        for (let n = sorted[Math.floor(matchIndex.length / 2)]!; n > commitIndex; n--) if (logTerms[n - 1] === currentTerm) return n;
        return commitIndex;
      },
    },
    wrong: {
      'sin la regla del término (figura 8)': ({ commitIndex, matchIndex, logTerms }: Commit) => {
        for (let n = logTerms.length; n > commitIndex; n--) if (matchIndex.filter((m) => m >= n).length > matchIndex.length / 2) return n;
        return commitIndex;
      },
      'la mitad basta': ({ currentTerm, commitIndex, matchIndex, logTerms }: Commit) => {
        for (let n = logTerms.length; n > commitIndex; n--) if (logTerms[n - 1] === currentTerm && matchIndex.filter((m) => m >= n).length >= matchIndex.length / 2) return n;
        return commitIndex;
      },
      'ordena en su sitio': ({ currentTerm, commitIndex, matchIndex, logTerms }: Commit) => {
        const sorted = matchIndex.sort((a, b) => b - a);
        for (let n = sorted[Math.floor(matchIndex.length / 2)]!; n > commitIndex; n--) if (logTerms[n - 1] === currentTerm) return n;
        return commitIndex;
      },
    },
    trivial: {
      'devuelve commitIndex': ({ commitIndex }: Commit) => commitIndex,
      'devuelve la longitud': ({ logTerms }: Commit) => logTerms.length,
    },
  },
  '06.3': {
    fn: 'choosePaxosValue',
    correct: {
      bucle: (ps: Prom[], own: string) => { let b = 0; let v = own; for (const p of ps) if (p.acceptedBallot > b) { b = p.acceptedBallot; v = p.acceptedValue as string; } return v; },
      reduce: (ps: Prom[], own: string) => ps.reduce<Prom>((best, p) => (p.acceptedBallot > best.acceptedBallot ? p : best), { acceptedBallot: 0, acceptedValue: own }).acceptedValue as string,
    },
    wrong: {
      'el primero con valor': (ps: Prom[], own: string) => ps.find((p) => p.acceptedBallot > 0)?.acceptedValue ?? own,
      'el último con valor': (ps: Prom[], own: string) => { let v = own; for (const p of ps) if (p.acceptedBallot > 0) v = p.acceptedValue as string; return v; },
      'ordena en su sitio': (ps: Prom[], own: string) => ps.sort((a, b) => b.acceptedBallot - a.acceptedBallot)[0]?.acceptedValue ?? own,
    },
    trivial: {
      'el propio (la lección)': (_ps: Prom[], own: string) => own,
      constante: () => 'Comamos sushi',
    },
  },
  '06.4': {
    fn: 'pbftPrepared',
    correct: {
      'con Set': (pp: Vote | null, ps: Prep[], primary: string, f: number) => pp !== null && new Set(ps.filter((p) => p.replica !== primary && p.view === pp.view && p.seq === pp.seq && p.digest === pp.digest).map((p) => p.replica)).size >= 2 * f,
      'con lista de vistos': (pp: Vote | null, ps: Prep[], primary: string, f: number) => {
        if (pp === null) return false;
        const seen: string[] = [];
        for (const p of ps) if (p.replica !== primary && p.view === pp.view && p.seq === pp.seq && p.digest === pp.digest && !seen.includes(p.replica)) seen.push(p.replica);
        return seen.length >= 2 * f;
      },
    },
    wrong: {
      'cuenta repetidos': (pp: Vote | null, ps: Prep[], primary: string, f: number) => pp !== null && ps.filter((p) => p.replica !== primary && p.view === pp.view && p.seq === pp.seq && p.digest === pp.digest).length >= 2 * f,
      'cuenta al primario': (pp: Vote | null, ps: Prep[], _primary: string, f: number) => pp !== null && new Set(ps.filter((p) => p.view === pp.view && p.seq === pp.seq && p.digest === pp.digest).map((p) => p.replica)).size >= 2 * f,
      'no mira el resumen': (pp: Vote | null, ps: Prep[], primary: string, f: number) => pp !== null && new Set(ps.filter((p) => p.replica !== primary && p.view === pp.view && p.seq === pp.seq).map((p) => p.replica)).size >= 2 * f,
      '2f + 1 (la lección)': (pp: Vote | null, ps: Prep[], primary: string, f: number) => pp !== null && new Set(ps.filter((p) => p.replica !== primary && p.view === pp.view && p.seq === pp.seq && p.digest === pp.digest).map((p) => p.replica)).size >= 2 * f + 1,
    },
    trivial: {
      'siempre true': () => true,
      'siempre false': () => false,
    },
  },
};
