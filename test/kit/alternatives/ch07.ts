// Alternative solutions of chapter 07's exercises, for test/kit/exercise-quality.test.ts.
// Teacher only (scripts/release.mjs leaves test/kit/alternatives/ out of the student edition).
import type { Alternatives } from '../exercise-alternatives';

type Stamp = { time: number; node: string } | null;
type Storage = { value: string | null; highestToken: number };
type Write = { token: number; value: string };
const ignore = () => ({ reply: 'ignore', startElection: false, electionTo: [] as number[] });
/** Chapter 07's exercises: correct, wrong and trivial solutions on trial. */
export const ALTERNATIVES: Record<string, Alternatives> = {
  '07.1': {
    fn: 'bullyOnElection',
    correct: {
      'filter y sort': (me: number, from: number, electing: boolean, ids: number[]) =>
        from >= me ? ignore() : { reply: 'Answer', startElection: !electing, electionTo: electing ? [] : ids.filter((x) => x > me).sort((a, b) => a - b) },
      'copia, ordena y recorta': (me: number, from: number, electing: boolean, ids: number[]) => {
        if (!(from < me)) return ignore();
        if (electing) return { reply: 'Answer', startElection: false, electionTo: [] };
        const sorted = [...ids].sort((a, b) => a - b);
        return { reply: 'Answer', startElection: true, electionTo: sorted.slice(sorted.indexOf(me) + 1) };
      },
    },
    wrong: {
      'sort sin comparador': (me: number, from: number, electing: boolean, ids: number[]) =>
        from >= me ? ignore() : { reply: 'Answer', startElection: !electing, electionTo: electing ? [] : ids.filter((x) => x > me).sort() },
      'ordena ids en su sitio': (me: number, from: number, electing: boolean, ids: number[]) =>
        from >= me ? ignore() : { reply: 'Answer', startElection: !electing, electionTo: electing ? [] : ids.sort((a, b) => a - b).filter((x) => x > me) },
      'olvida electing': (me: number, from: number, _electing: boolean, ids: number[]) =>
        from >= me ? ignore() : { reply: 'Answer', startElection: true, electionTo: ids.filter((x) => x > me).sort((a, b) => a - b) },
      'responde también a los mayores': (me: number, from: number, electing: boolean, ids: number[]) =>
        from === me ? ignore() : { reply: 'Answer', startElection: !electing, electionTo: electing ? [] : ids.filter((x) => x > me).sort((a, b) => a - b) },
    },
    trivial: {
      'siempre ignora': () => ignore(),
      'siempre responde y convoca a todos': (_me: number, _from: number, _e: boolean, ids: number[]) => ({ reply: 'Answer', startElection: true, electionTo: ids }),
    },
  },
  '07.2': {
    fn: 'ricartAgrawalaDefers',
    correct: {
      'comparación de pares': (state: string, mine: Stamp, request: { time: number; node: string }) =>
        state === 'HELD' || (state === 'WANTED' && mine !== null && (mine.time < request.time || (mine.time === request.time && mine.node < request.node))),
      'switch': (state: string, mine: Stamp, request: { time: number; node: string }) => {
        switch (state) {
          case 'HELD':
            return true;
          case 'WANTED':
            return mine!.time !== request.time ? mine!.time < request.time : mine!.node < request.node;
          default:
            return false;
        }
      },
    },
    wrong: {
      'empate sin id': (state: string, mine: Stamp, request: { time: number; node: string }) => state === 'HELD' || (state === 'WANTED' && mine !== null && mine.time < request.time),
      'al revés': (state: string, mine: Stamp, request: { time: number; node: string }) => state === 'HELD' || (state === 'WANTED' && mine !== null && (mine.time > request.time || (mine.time === request.time && mine.node > request.node))),
      'ids como números': (state: string, mine: Stamp, request: { time: number; node: string }) =>
        state === 'HELD' || (state === 'WANTED' && mine !== null && (mine.time < request.time || (mine.time === request.time && Number(mine.node.slice(1)) < Number(request.node.slice(1))))),
      'HELD compara marcas': (state: string, mine: Stamp, request: { time: number; node: string }) =>
        state !== 'RELEASED' && mine !== null && (mine.time < request.time || (mine.time === request.time && mine.node < request.node)),
    },
    trivial: { 'siempre true': () => true, 'siempre false': () => false },
  },
  '07.3': {
    fn: 'fencedWrite',
    correct: {
      'condicional': (s: Storage, w: Write) => (w.token >= s.highestToken ? { storage: { value: w.value, highestToken: w.token }, accepted: true } : { storage: { ...s }, accepted: false }),
      'con Math.max': (s: Storage, w: Write) => {
        const accepted = !(w.token < s.highestToken);
        return { accepted, storage: { value: accepted ? w.value : s.value, highestToken: Math.max(s.highestToken, w.token) } };
      },
    },
    wrong: {
      'estrictamente mayor': (s: Storage, w: Write) => (w.token > s.highestToken ? { storage: { value: w.value, highestToken: w.token }, accepted: true } : { storage: { ...s }, accepted: false }),
      'sin cercado': (_s: Storage, w: Write) => ({ storage: { value: w.value, highestToken: w.token }, accepted: true }),
      'modifica storage': (s: Storage, w: Write) => {
        const accepted = w.token >= s.highestToken;
        if (accepted) Object.assign(s, { value: w.value, highestToken: w.token });
        return { storage: s, accepted };
      },
      'rechazo que baja el token': (s: Storage, w: Write) => (w.token >= s.highestToken ? { storage: { value: w.value, highestToken: w.token }, accepted: true } : { storage: { value: s.value, highestToken: w.token }, accepted: false }),
    },
    trivial: {
      'devuelve storage tal cual': (s: Storage) => s,
      'siempre rechaza': (s: Storage) => ({ storage: s, accepted: false }),
    },
  },
};
