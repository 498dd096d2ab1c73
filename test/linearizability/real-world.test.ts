/**
 * Histories of real systems with known verdicts: Jepsen etcd register logs and kv logs from
 * porcupine's test data (MIT; see datasets/README.md), and generated register-with-cas and
 * multi-key append histories with unknown outcomes, linearizable by construction or with
 * injected stale reads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLinearizability, generateHistory, keyValueModel, registerModel } from '../../lib/linearizability/index';
import { createRng } from '../../lib/random/index';
import { witnessProblem } from './brute-force';
import { parseEtcdLog, parseKvLog } from './jepsen-logs';

const DATA = join(__dirname, '..', '..', 'datasets', 'linearizability');
const read = (name: string): string => readFileSync(join(DATA, name), 'utf8');

describe('porcupine test data (Jepsen etcd and kv logs) agree with porcupine\'s verdicts', () => {
  it.each([
    { file: 'etcd_000.log', verdict: 'illegal' },
    { file: 'etcd_002.log', verdict: 'ok' },
  ])('$file is $verdict (porcupine TestEtcdJepsen)', ({ file, verdict }) => {
    const history = parseEtcdLog(read(file));
    expect(history.some((op) => op.status === 'info')).toBe(true);
    const model = registerModel({ initial: null });
    const result = checkLinearizability(model, history);
    expect(result.verdict).toBe(verdict);
    // Without memoisation the same search does not finish on these (the cache is the point).
    expect(checkLinearizability(model, history, { memoize: false, maxSteps: 200_000 }).verdict).not.toBe(verdict === 'ok' ? 'illegal' : 'ok');
    const part = result.partitions[0]!;
    expect(witnessProblem(model, history, part.linearization, verdict === 'ok')).toBeUndefined();
  });

  it.each([
    { file: 'kv_c01-ok.txt', verdict: 'ok' },
    { file: 'kv_c01-bad.txt', verdict: 'illegal' },
  ])('$file is $verdict (porcupine TestKv1Client)', ({ file, verdict }) => {
    const history = parseKvLog(read(file));
    const result = checkLinearizability(keyValueModel(), history);
    expect(result.verdict).toBe(verdict);
    expect(result.partitions.length).toBeGreaterThan(5); // checked key by key
    if (verdict === 'illegal') {
      const bad = result.partitions.filter((p) => p.verdict === 'illegal');
      expect(bad.map((p) => p.key)).toEqual(['7']); // key 7 reads "x 0 0 y" after "x 0 3 y" was appended
    }
  });
});

describe('generated histories with known verdicts', () => {
  const SEEDS = [1, 2, 3];
  it.each(SEEDS)('register with cas, 5 clients, 400 ops, unknown outcomes: linearizable by construction (seed %i)', (seed) => {
    const { history } = generateHistory(createRng(`reg-${seed}`), { kind: 'register', operations: 400, clients: 5, infoRate: 0.05 });
    const model = registerModel();
    const result = checkLinearizability(model, history);
    expect(result.verdict, `seed ${seed}`).toBe('ok');
    expect(witnessProblem(model, history, result.partitions[0]!.linearization, true), `seed ${seed}`).toBeUndefined();
  });

  it.each(SEEDS)('register with cas and one stale read is illegal, and the stale read is the one reported (seed %i)', (seed) => {
    const { history, staleReadIds } = generateHistory(createRng(`reg-stale-${seed}`),
      { kind: 'register', operations: 400, clients: 5, infoRate: 0.05, staleReads: 1 });
    expect(staleReadIds.length, `seed ${seed}`).toBe(1);
    const result = checkLinearizability(registerModel(), history);
    expect(result.verdict, `seed ${seed}`).toBe('illegal');
    expect(result.partitions[0]!.unplaced, `seed ${seed}`).toContain(staleReadIds[0]);
  });

  it.each(SEEDS)('multi-key append log, 8 clients, 10 keys, 600 ops: ok, then illegal on exactly the stale keys (seed %i)', (seed) => {
    const options = { kind: 'kv', operations: 600, clients: 8, keys: 10, infoRate: 0.05 } as const;
    expect(checkLinearizability(keyValueModel(), generateHistory(createRng(`kv-${seed}`), options).history).verdict, `seed ${seed}`).toBe('ok');
    const { history, staleReadIds } = generateHistory(createRng(`kv-${seed}`), { ...options, staleReads: 2 });
    const result = checkLinearizability(keyValueModel(), history);
    expect(result.verdict, `seed ${seed}`).toBe('illegal');
    const staleKeys = new Set(staleReadIds.map((id) => history[id]!.key));
    const illegalKeys = new Set(result.partitions.filter((p) => p.verdict === 'illegal').map((p) => p.key));
    expect(illegalKeys, `seed ${seed}`).toEqual(staleKeys);
  });
});
