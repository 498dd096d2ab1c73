/**
 * The probability that an attacker with a fraction q of the hash power reverses a payment
 * after z confirmations: Nakamoto's formula (Bitcoin whitepaper, §11, with its C code), the
 * exact value (Rosenfeld 2014, "Analysis of hashrate-based double spending": the attacker's
 * blocks while the honest chain makes z are negative-binomial, not Poisson), and a Monte Carlo
 * simulation of the race.
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';

function checkQz(q: number, z: number): void {
  if (!(q >= 0 && q < 1)) throw new RangeError(`q debe estar en [0, 1), no ${q}`);
  if (!Number.isInteger(z) || z < 0) throw new RangeError(`z debe ser un entero ≥ 0, no ${z}`);
}

/**
 * Nakamoto's `AttackerSuccessProbability(q, z)`: 1 − Σₖ₌₀..z Poisson(k; λ = z·q/p)·(1 − (q/p)^(z−k)).
 *
 * @example
 * attackerSuccessNakamoto(0.1, 5); // 0.0009137 (the whitepaper's table)
 */
export function attackerSuccessNakamoto(q: number, z: number): number {
  checkQz(q, z);
  const p = 1 - q;
  if (q >= p) return 1;
  const lambda = z * (q / p);
  let sum = 1;
  for (let k = 0; k <= z; k++) {
    let poisson = Math.exp(-lambda);
    for (let i = 1; i <= k; i++) poisson *= lambda / i;
    sum -= poisson * (1 - (q / p) ** (z - k));
  }
  return sum;
}

/**
 * The exact probability (Rosenfeld): 1 − Σₖ₌₀..z C(k+z−1, k)·(p^z q^k − q^z p^k); 1 when z = 0 or q ≥ p.
 *
 * @example
 * attackerSuccessExact(0.1, 1); // 0.2 (Nakamoto's Poisson gives 0.2046)
 */
export function attackerSuccessExact(q: number, z: number): number {
  checkQz(q, z);
  const p = 1 - q;
  if (q >= p || z === 0) return 1;
  let sum = 0;
  let binomial = 1; // C(k + z − 1, k), starting at k = 0
  for (let k = 0; k <= z; k++) {
    if (k > 0) binomial *= (k + z - 1) / k;
    sum += binomial * (p ** z * q ** k - q ** z * p ** k);
  }
  return Math.max(0, 1 - sum);
}

/**
 * Monte Carlo race: each new block is the attacker's with probability q. While the honest chain
 * makes z blocks after the payment, the attacker makes k; then it must catch up from z − k behind
 * (a random walk), giving up `giveUpBehind` blocks behind (default 60: (q/p)^60 is negligible).
 *
 * @example
 * attackerSuccessSimulated({ q: 0.3, z: 5, trials: 20_000, seed: 1 }); // ≈ 0,15
 */
export function attackerSuccessSimulated(options: { q: number; z: number; trials: number; seed: Seed; giveUpBehind?: number }): number {
  const { q, z, trials } = options;
  checkQz(q, z);
  if (!Number.isInteger(trials) || trials < 1) throw new RangeError(`trials debe ser un entero ≥ 1, no ${trials}`);
  const rng = createRng(`${String(options.seed)}/carrera/${q}/${z}`);
  const giveUp = options.giveUpBehind ?? 60;
  let wins = 0;
  for (let t = 0; t < trials; t++) {
    let honest = 0;
    let attacker = 0;
    while (honest < z) {
      if (rng.next() < q) attacker++;
      else honest++;
    }
    let behind = z - attacker;
    while (behind > 0 && behind < giveUp) behind += rng.next() < q ? -1 : 1;
    if (behind <= 0) wins++;
  }
  return wins / trials;
}
