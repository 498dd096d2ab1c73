import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/random/index';
import {
  applySlashing, chiSquaredSurvival, chiSquaredTest, commitTo, energyPerBlockTable, findEquivocations, lecturePos, mixContribution, nothingAtStakePayoffs,
  randaoBias, randaoEpoch, randaoMix, randaoSecret, selectValidator, SLASHING_PARAMETERS, slashingPenalty, stakeFrequencies, stakeWeightedPick, uniformPick, xorHex,
} from '../../lib/stake/index';
import { createHash } from 'node:crypto';

const stakes = new Map([['Alice', 10], ['Bob', 20], ['Carol', 0], ['Dave', 70]]);

describe('stake-weighted selection (random.choices semantics)', () => {
  it.each([
    [0, 'Alice'], [0.0999, 'Alice'], [0.1, 'Bob'], [0.2999, 'Bob'], [0.3, 'Dave'], [0.9999, 'Dave'],
  ])('u = %s picks %s (half-open cumulative intervals, zero stake never)', (u, who) => {
    expect(stakeWeightedPick(stakes, u)).toBe(who);
  });

  it('rejects bad stakes and draws with a Spanish reason', () => {
    expect(() => stakeWeightedPick(new Map(), 0.5)).toThrow(/al menos un validador/);
    expect(() => stakeWeightedPick(new Map([['A', -1]]), 0.5)).toThrow(/finito ≥ 0/);
    expect(() => stakeWeightedPick(new Map([['A', 0]]), 0.5)).toThrow(/mayor que 0/);
    expect(() => stakeWeightedPick(stakes, 1)).toThrow(/\[0, 1\)/);
  });

  it('frequencies over 20 000 rounds pass the chi-squared test; the uniform rule fails it (seed 11)', () => {
    const ok = stakeFrequencies({ stakes, rounds: 20_000, seed: 11 });
    expect(ok.chiSquared.pValue, 'semilla 11').toBeGreaterThan(0.001);
    expect(ok.rows.find((r) => r.validator === 'Carol')?.selected).toBe(0);
    const bad = stakeFrequencies({ stakes, rounds: 20_000, seed: 11, pick: uniformPick });
    expect(bad.chiSquared.pValue, 'semilla 11').toBeLessThan(1e-6);
  });

  it('p-values are roughly uniform under the null: about 5 % below 0.05 over 200 seeds', () => {
    let below = 0;
    for (let s = 0; s < 200; s++) if (stakeFrequencies({ stakes, rounds: 500, seed: s }).chiSquared.pValue < 0.05) below++;
    expect(below).toBeGreaterThan(2);
    expect(below).toBeLessThan(25);
  });

  it('chi-squared survival matches tabulated critical values', () => {
    expect(chiSquaredSurvival(3.841, 1)).toBeCloseTo(0.05, 3);
    expect(chiSquaredSurvival(5.991, 2)).toBeCloseTo(0.05, 3);
    expect(chiSquaredSurvival(11.345, 3)).toBeCloseTo(0.01, 3);
    expect(chiSquaredSurvival(0, 3)).toBe(1);
    expect(chiSquaredTest([48, 52], [50, 50]).statistic).toBeCloseTo(0.16, 10);
  });

  it('is deterministic: same seed, same choices', () => {
    const a = Array.from({ length: 50 }, (_, i) => selectValidator(stakes, createRng(`x${i}`)));
    const b = Array.from({ length: 50 }, (_, i) => selectValidator(stakes, createRng(`x${i}`)));
    expect(a).toEqual(b);
  });

  it("the lecture's class returns a list, as random.choices does", () => {
    const pos = lecturePos(createRng(1));
    pos.addStaker('Alice', 10);
    pos.addStaker('Bob', 20);
    const picked = pos.selectValidatorList();
    expect(picked).toHaveLength(1);
    expect(['Alice', 'Bob']).toContain(picked[0]);
  });
});

describe('RANDAO commit–reveal beacon', () => {
  const equal = new Map([['A', 32], ['B', 32], ['C', 32], ['D', 32]]);
  it('the beacon is the same whatever the reveal order (XOR), and verifiable against the commits', () => {
    const a = randaoEpoch({ stakes: equal, seed: 3, epoch: 7 });
    const b = randaoEpoch({ stakes: equal, seed: 3, epoch: 7, revealOrder: ['D', 'B', 'C', 'A'] });
    expect(a.mix).toBe(b.mix);
    expect(a.revealed).toHaveLength(4);
    expect(a.commits.get('A')).toMatch(/^[0-9a-f]{64}$/);
  });
  it('a reveal that does not match its commit is rejected with a reason', () => {
    const e = randaoEpoch({ stakes: equal, seed: 3, epoch: 7, forged: new Map([['B', 'otro secreto']]) });
    expect(e.revealed).not.toContain('B');
    expect(e.rejected[0]?.reason).toMatch(/no coincide con su compromiso/);
    expect(commitTo('x')).not.toBe(commitTo('y'));
  });
  it('the beacon is not the XOR of the commits, nor anything computed from the commits alone', () => {
    const zero = '0'.repeat(64);
    const sha = (t: string) => createHash('sha256').update(t).digest('hex');
    for (let epoch = 0; epoch < 20; epoch++) {
      const e = randaoEpoch({ stakes: equal, seed: 3, epoch });
      const commits = [...e.commits.values()];
      // Everything a watcher can compute before any reveal, from the published commits only.
      const fromCommits = [
        commits.reduce(xorHex, zero),
        commits.map((c) => sha(`mezcla:${c}`)).reduce(xorHex, zero),
        commits.map((c) => sha(`reveal:${c}`)).reduce(xorHex, zero),
        randaoMix(commits),
      ];
      for (const guess of fromCommits) expect(e.mix, `época ${epoch}, semilla 3`).not.toBe(guess);
      // After the reveals anyone recomputes it from the secrets, and checks each against its commit.
      const secrets = [...equal.keys()].map((v) => randaoSecret(3, v, epoch));
      expect(e.mix).toBe(secrets.map(mixContribution).reduce(xorHex, zero));
      for (const s of secrets) expect(mixContribution(s)).not.toBe(commitTo(s));
    }
  });
  it('rejects a reveal order that repeats a validator (its contribution would cancel out)', () => {
    expect(() => randaoEpoch({ stakes: equal, seed: 3, epoch: 7, revealOrder: ['A', 'B', 'A', 'C'] })).toThrow(/A aparece más de una vez/);
    expect(() => randaoEpoch({ stakes: equal, seed: 3, epoch: 7, revealOrder: ['A', 'X'] })).toThrow(/X no es un validador/);
    // Why: the same secret mixed twice is the same as not mixed at all.
    const s = randaoSecret(3, 'A', 7);
    expect(randaoMix([s, s])).toBe('0'.repeat(64));
  });
  it('the last revealer roughly doubles its share by withholding (1 − (1 − s)²), seed 5', () => {
    const r = randaoBias({ stakes: equal, seed: 5, epochs: 1_000 });
    expect(r.honestRate, 'semilla 5').toBeGreaterThan(0.2);
    expect(r.honestRate).toBeLessThan(0.3);
    expect(Math.abs(r.biasedRate - r.biasedTheory), 'semilla 5').toBeLessThan(0.05);
    expect(r.withheld).toBeGreaterThan(0);
  });
});

describe('energy, nothing at stake and slashing', () => {
  it('energy per block: Bitcoin PoW is about six orders of magnitude above Ethereum PoS', () => {
    const rows = energyPerBlockTable();
    const btc = rows.find((r) => r.network === 'Bitcoin')?.kwhPerBlock ?? 0;
    const pos = rows.find((r) => r.consensus === 'PoS')?.kwhPerBlock ?? 0;
    expect(btc).toBeGreaterThan(1e6);
    expect(pos).toBeGreaterThan(0.1);
    expect(pos).toBeLessThan(10);
    expect(Math.log10(btc / pos)).toBeGreaterThan(5);
  });
  it('slashing parameters by fork: 1/128, 1/64, 1/32, then 1/4096 since Electra; multiplier 1, 2, 3, 3', () => {
    expect(Object.values(SLASHING_PARAMETERS).map((p) => [p.fork, p.minPenaltyQuotient, p.proportionalMultiplier])).toEqual([
      ['phase0', 128, 1], ['altair', 64, 2], ['bellatrix', 32, 3], ['electra', 4096, 3],
    ]);
    expect(slashingPenalty({ stake: 32, fork: 'bellatrix', slashedShare: 0 }).initial).toBe(1);
    expect(slashingPenalty({ stake: 32, fork: 'electra', slashedShare: 0 }).initial).toBe(32 / 4096);
    expect(slashingPenalty({ stake: 32, fork: 'electra', slashedShare: 1 / 3 }).total).toBe(32);
    expect(slashingPenalty({ stake: 32, fork: 'electra', slashedShare: 0.1 }).correlation).toBeCloseTo(9.6, 10);
    expect(() => slashingPenalty({ stake: 32, fork: 'electra', slashedShare: 2 })).toThrow(/slashedShare/);
  });
  it('without slashing signing both branches pays best; Bellatrix\'s initial penalty makes it the worst', () => {
    const rows = nothingAtStakePayoffs({ reward: 1, pA: 0.6, penalty: slashingPenalty({ stake: 32, fork: 'bellatrix', slashedShare: 0 }).initial, detection: 1 });
    const both = rows.find((r) => r.strategy === 'firmar A y B');
    expect(both?.withoutSlashing).toBe(1);
    expect(Math.max(...rows.map((r) => r.withoutSlashing))).toBe(1);
    expect(both?.withSlashing).toBe(Math.min(...rows.map((r) => r.withSlashing)));
  });
  it("since Electra the initial penalty alone does not deter; the correlation penalty does when a third signs both", () => {
    const best = (penalty: number) => {
      const rows = nothingAtStakePayoffs({ reward: 1, pA: 0.6, penalty, detection: 1 });
      return rows.reduce((a, b) => (b.withSlashing > a.withSlashing ? b : a)).strategy;
    };
    expect(best(slashingPenalty({ stake: 32, fork: 'electra', slashedShare: 1e-6 }).total)).toBe('firmar A y B');
    const together = nothingAtStakePayoffs({ reward: 1, pA: 0.6, penalty: slashingPenalty({ stake: 32, fork: 'electra', slashedShare: 1 / 3 }).total, detection: 1 });
    expect(together.find((r) => r.strategy === 'firmar A y B')?.withSlashing).toBe(-31);
  });
  it('finds equivocations and burns only the equivocators', () => {
    const ev = findEquivocations([
      { validator: 'A', height: 5, blockHash: 'x' }, { validator: 'B', height: 5, blockHash: 'x' },
      { validator: 'A', height: 5, blockHash: 'y' }, { validator: 'A', height: 5, blockHash: 'x' }, { validator: 'B', height: 6, blockHash: 'z' },
    ]);
    expect(ev).toEqual([{ validator: 'A', height: 5, blocks: ['x', 'y'] }]);
    const before = new Map([['A', 32], ['B', 32]]);
    expect(applySlashing(before, ev, 'electra').get('A')).toBe(0); // half the stake slashed together: everything
    const many = new Map([['A', 32], ...Array.from({ length: 99 }, (_, i) => [`v${i}`, 32] as [string, number])]);
    const after = applySlashing(many, ev, 'electra');
    expect(after.get('A')).toBeCloseTo(32 - 32 / 4096 - 32 * 0.03, 10); // 1 % slashed: initial + 3 % correlation
    expect(after.get('v0')).toBe(32);
    expect(before.get('A')).toBe(32);
  });
});
