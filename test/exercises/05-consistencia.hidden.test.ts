// Hidden checks of chapter 05: random inputs from checkSeed (per-student seeds under the
// grader), compared with this file's own references, never with lib's.
import { expect } from 'vitest';
import { quorumProperties, readRepairPlan, semiSyncCommitIndex } from '../../lib/replication/exercises';
import { createRng } from '../../lib/random/index';
import { check, checkSeed } from './check';

type Item = { value: string; version: { counter: number; by: string } };

const refQuorum = (n: number, r: number, w: number) => ({
  overlap: r + w > n ? r + w - n : 0,
  readsSeeLastWrite: r + w > n,
  writesOverlap: w + w > n,
  writeFailuresTolerated: n - w,
  readFailuresTolerated: n - r,
});

function refCommit(primaryIndex: number, match: readonly number[], k: number): number {
  if (k === 0) return primaryIndex;
  for (let p = primaryIndex; p >= 1; p--) if (match.filter((m) => m >= p).length >= k) return p;
  return 0;
}

function refRepair(replies: readonly { node: string; item: Item | null }[]): { newest: Item | null; stale: string[] } {
  let best: Item | null = null;
  for (const { item } of replies) {
    if (item === null) continue;
    if (best === null || item.version.counter > best.version.counter || (item.version.counter === best.version.counter && item.version.by > best.version.by)) best = item;
  }
  if (best === null) return { newest: null, stale: [] };
  const b = best;
  return { newest: b, stale: replies.filter(({ item }) => item === null || item.version.counter !== b.version.counter || item.version.by !== b.version.by).map(({ node }) => node) };
}

check('05.1', 'coincide con la definición en todas las configuraciones con n ≤ 9', () => {
  for (let n = 1; n <= 9; n++) {
    for (let r = 1; r <= n; r++) {
      for (let w = 1; w <= n; w++) {
        const expected = refQuorum(n, r, w);
        expect(quorumProperties(n, r, w), `n=${n}, r=${r}, w=${w}`).toEqual(expected);
      }
    }
  }
}, { hint: 'Revisa cada campo con r + w = n y con w justo en la mitad de n.' });

check('05.1', 'coincide con la definición en 200 configuraciones grandes aleatorias', () => {
  const seed = checkSeed('05.1-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 200; i++) {
    const n = rng.int(10, 500);
    const r = rng.int(1, n);
    const w = rng.int(1, n);
    const expected = refQuorum(n, r, w);
    expect(quorumProperties(n, r, w), `n=${n}, r=${r}, w=${w} (semilla ${seed})`).toEqual(expected);
  }
}, { hint: 'Las fórmulas no dependen de que n sea pequeño.' });

check('05.2', 'coincide con la definición en 500 casos aleatorios (réplicas por delante, k = 0, k > réplicas)', () => {
  const seed = checkSeed('05.2-aleatorio');
  const rng = createRng(seed);
  for (let i = 0; i < 500; i++) {
    const primaryIndex = rng.int(0, 30);
    const match = Array.from({ length: rng.int(0, 6) }, () => rng.int(0, primaryIndex + (rng.bernoulli(0.15) ? 5 : 0)));
    const k = rng.int(0, 7);
    const copy = [...match];
    const expected = refCommit(primaryIndex, match, k);
    expect(semiSyncCommitIndex(primaryIndex, match, k), `primaryIndex=${primaryIndex}, backupMatch=${JSON.stringify(copy)}, k=${k} (semilla ${seed})`).toBe(expected);
    expect(match, `backupMatch modificada (semilla ${seed})`).toEqual(copy);
  }
}, { hint: 'Prueba a mano k mayor que el número de réplicas, k = 0, y réplicas que dicen más que primaryIndex.' });

check('05.3', 'coincide con la definición en 400 lecturas aleatorias (empates, nulls, listas vacías)', () => {
  const seed = checkSeed('05.3-aleatorio');
  const rng = createRng(seed);
  const writers = ['n1', 'n2', 'n3', 'n10'];
  for (let i = 0; i < 400; i++) {
    const replies = Array.from({ length: rng.int(0, 5) }, (_, j) => ({
      node: `r${j}-${rng.int(0, 9)}`,
      item: rng.bernoulli(0.25) ? null : { value: `v${rng.int(0, 9)}`, version: { counter: rng.int(0, 3), by: rng.choice(writers) } },
    }));
    const copy = JSON.parse(JSON.stringify(replies));
    const expected = refRepair(copy);
    const got = readRepairPlan(replies);
    expect(got.newest, `newest de ${JSON.stringify(copy)} (semilla ${seed})`).toEqual(expected.newest);
    expect(got.stale, `stale de ${JSON.stringify(copy)} (semilla ${seed})`).toEqual(expected.stale);
    expect(replies, `replies modificada (semilla ${seed})`).toEqual(copy);
  }
}, { hint: 'Con el mismo counter gana by mayor como texto ("n3" > "n10"); una versión igual solo si coinciden los dos campos.' });
