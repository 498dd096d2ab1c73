// Hidden checks of chapter 06: random inputs from checkSeed (per-student seeds under the
// grader), compared with this file's own references, never with lib's.
import { expect } from 'vitest';
import { choosePaxosValue } from '../../lib/paxos/exercises';
import { pbftPrepared } from '../../lib/pbft/exercises';
import { raftAdvanceCommitIndex, raftUpToDate } from '../../lib/raft/exercises';
import { createRng } from '../../lib/random/index';
import { check, checkSeed } from './check';

type Pos = { lastLogIndex: number; lastLogTerm: number };
const refUpToDate = (c: Pos, v: Pos) => c.lastLogTerm > v.lastLogTerm || (c.lastLogTerm === v.lastLogTerm && c.lastLogIndex >= v.lastLogIndex);

check('06.1', 'coincide con §5.4.1 en 500 pares aleatorios de logs', () => {
  const seed = checkSeed('06.1-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 500; i++) {
    const v = { lastLogIndex: rng.int(0, 8), lastLogTerm: rng.int(0, 4) };
    const c = rng.bernoulli(0.3) ? { lastLogIndex: rng.int(0, 8), lastLogTerm: v.lastLogTerm } : { lastLogIndex: rng.int(0, 8), lastLogTerm: rng.int(0, 4) };
    const want = refUpToDate(c, v);
    const shown = JSON.stringify({ c, v });
    expect(raftUpToDate(c, v), `${shown} (semilla ${seed})`).toBe(want);
    expect(JSON.stringify({ c, v }), 'las posiciones no deben cambiar').toBe(shown);
  }
}, { hint: 'Primero el término de la última entrada; con el mismo término, la longitud (≥).', points: 2 });

check('06.1', 'casos límite: logs vacíos y términos iguales con la misma longitud', () => {
  const cases: [Pos, Pos][] = [[{ lastLogIndex: 0, lastLogTerm: 0 }, { lastLogIndex: 0, lastLogTerm: 0 }], [{ lastLogIndex: 0, lastLogTerm: 0 }, { lastLogIndex: 3, lastLogTerm: 1 }], [{ lastLogIndex: 1, lastLogTerm: 1 }, { lastLogIndex: 0, lastLogTerm: 0 }], [{ lastLogIndex: 7, lastLogTerm: 3 }, { lastLogIndex: 7, lastLogTerm: 3 }], [{ lastLogIndex: 2, lastLogTerm: 5 }, { lastLogIndex: 100, lastLogTerm: 4 }]];
  for (const [c, v] of cases) {
    const want = refUpToDate(c, v);
    expect(raftUpToDate(c, v), JSON.stringify({ c, v })).toBe(want);
  }
}, { hint: 'La igualdad también concede el voto; un log vacío tiene término 0.' });

type Commit = { currentTerm: number; commitIndex: number; matchIndex: number[]; logTerms: number[] };
function refCommit({ currentTerm, commitIndex, matchIndex, logTerms }: Commit): number {
  let best = commitIndex;
  for (let n = commitIndex + 1; n <= logTerms.length; n++) {
    if (logTerms[n - 1] === currentTerm && matchIndex.filter((m) => m >= n).length * 2 > matchIndex.length) best = n;
  }
  return best;
}

check('06.2', 'coincide con la regla de §5.4.2 en 400 estados aleatorios de líder (3 a 7 servidores)', () => {
  const seed = checkSeed('06.2-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 400; i++) {
    const length = rng.int(0, 10);
    const logTerms: number[] = [];
    for (let k = 0, t = 1; k < length; k++) logTerms.push((t += rng.bernoulli(0.3) ? 1 : 0));
    const currentTerm = (logTerms[length - 1] ?? 1) + (rng.bernoulli(0.3) ? 1 : 0);
    const servers = rng.int(3, 7);
    const matchIndex = Array.from({ length: servers }, () => rng.int(0, length));
    const commitIndex = rng.int(0, Math.min(length, Math.min(...matchIndex) + 1));
    const input = { currentTerm, commitIndex, matchIndex, logTerms };
    const shown = JSON.stringify(input);
    const want = refCommit(input);
    expect(raftAdvanceCommitIndex(input), `${shown} (semilla ${seed})`).toBe(want);
    expect(JSON.stringify(input), 'la entrada no debe cambiar').toBe(shown);
  }
}, { hint: 'Mayoría estricta de matchIndex ≥ N, y solo N del término actual.', points: 3 });

check('06.2', 'casos límite: log vacío, clúster de uno y de dos, entradas viejas por encima del commit', () => {
  const cases: Commit[] = [
    { currentTerm: 1, commitIndex: 0, matchIndex: [0, 0, 0], logTerms: [] },
    { currentTerm: 1, commitIndex: 0, matchIndex: [2], logTerms: [1, 1] },
    { currentTerm: 1, commitIndex: 0, matchIndex: [2, 1], logTerms: [1, 1] },
    { currentTerm: 3, commitIndex: 0, matchIndex: [4, 4, 4], logTerms: [1, 2, 2, 2] },
    { currentTerm: 3, commitIndex: 2, matchIndex: [5, 5, 0], logTerms: [1, 1, 2, 3, 3] },
  ];
  for (const input of cases) {
    const want = refCommit(input);
    expect(raftAdvanceCommitIndex(input), JSON.stringify(input)).toBe(want);
  }
}, { hint: 'Sin N válido se devuelve commitIndex; con un solo servidor, él es la mayoría.' });

type Promise_ = { acceptedBallot: number; acceptedValue: string | null };
function refChoose(promises: Promise_[], own: string): string {
  let ballot = 0;
  let value = own;
  for (const p of promises) if (p.acceptedBallot > ballot) [ballot, value] = [p.acceptedBallot, p.acceptedValue as string];
  return value;
}

check('06.3', 'coincide con P2c en 400 conjuntos aleatorios de promesas', () => {
  const seed = checkSeed('06.3-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 400; i++) {
    const promises: Promise_[] = Array.from({ length: rng.int(0, 5) }, () => {
      const b = rng.bernoulli(0.4) ? 0 : rng.int(1, 9);
      return b === 0 ? { acceptedBallot: 0, acceptedValue: null } : { acceptedBallot: b, acceptedValue: `valor-${b}` };
    });
    const own = `propio-${i}`;
    const shown = JSON.stringify(promises);
    const want = refChoose(promises, own);
    expect(choosePaxosValue(promises, own), `${shown} (semilla ${seed})`).toBe(want);
    expect(JSON.stringify(promises), 'las promesas no deben cambiar').toBe(shown);
  }
}, { hint: 'El valor de la promesa con acceptedBallot mayor; el propio solo si ninguna trae valor.', points: 2 });

type Vote = { view: number; seq: number; digest: string };
type Prep = Vote & { replica: string };
function refPrepared(pp: Vote | null, prepares: Prep[], primary: string, f: number): boolean {
  if (pp === null) return false;
  const ok = new Set(prepares.filter((p) => p.replica !== primary && p.view === pp.view && p.seq === pp.seq && p.digest === pp.digest).map((p) => p.replica));
  return ok.size >= 2 * f;
}

check('06.4', 'coincide con prepared de Castro y Liskov en 500 registros aleatorios (f de 1 a 3)', () => {
  const seed = checkSeed('06.4-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 500; i++) {
    const f = rng.int(1, 3);
    const n = 3 * f + 1;
    const view = rng.int(0, 2);
    const primary = `r${view % n}`;
    const pp = rng.bernoulli(0.1) ? null : { view, seq: rng.int(1, 3), digest: `d${rng.int(1, 2)}` };
    const prepares: Prep[] = Array.from({ length: rng.int(0, 2 * n) }, () => ({ replica: `r${rng.int(0, n - 1)}`, view: rng.bernoulli(0.85) ? view : view + 1, seq: pp === null || rng.bernoulli(0.2) ? rng.int(1, 3) : pp.seq, digest: pp === null || rng.bernoulli(0.2) ? `d${rng.int(1, 2)}` : pp.digest }));
    const shown = JSON.stringify({ pp, prepares });
    const want = refPrepared(pp, prepares, primary, f);
    expect(pbftPrepared(pp, prepares, primary, f), `${shown} primario=${primary} f=${f} (semilla ${seed})`).toBe(want);
    expect(JSON.stringify({ pp, prepares }), 'los argumentos no deben cambiar').toBe(shown);
  }
}, { hint: 'Réplicas distintas, sin el primario, con la misma vista, secuencia y resumen: al menos 2f.', points: 2 });
