/**
 * Linearizability checker cost: ms per check on generated register-with-cas histories of
 * 1,000 / 10,000 / 100,000 operations over 1 / 10 / 100 keys (10 closed-loop clients,
 * 0.5 % unknown outcomes, 2 % failures), each next to two references measured in the same
 * run: the same search WITHOUT memoisation (with a budget, so it ends), and the floor, one
 * pass that sorts the history's calls and returns and steps the model once per operation
 * (what any checker must at least do). A last table shows how unknown ('info') operations
 * drive the cost. Every check has a budget: past it the verdict is 'unknown' (printed).
 *
 * Porcupine (Go) is not installable here, so there is no same-run comparison with it; its
 * author reports "histories of thousands of events in a couple seconds" and 1,000–10,000×
 * Knossos on Jepsen's etcd data, figures for other machines and histories.
 *
 * Run: `npx tsx bench/linearizability.bench.ts` (or `npm run bench -- linearizability`).
 * Env: LIN_BENCH_BUDGET_MS (default 10000) and LIN_BENCH_PLAIN_BUDGET_MS (default 2000).
 */
import { checkLinearizability, generateHistory, registerModel, UNKNOWN } from '../lib/linearizability/index';
import type { History } from '../lib/linearizability/index';
import { createRng } from '../lib/random/index';

const BUDGET_MS = Number(process.env['LIN_BENCH_BUDGET_MS'] ?? 10_000);
const PLAIN_BUDGET_MS = Number(process.env['LIN_BENCH_PLAIN_BUDGET_MS'] ?? 2_000);
const model = registerModel();

function history(operations: number, keys: number, infoRate = 0.005): History {
  return generateHistory(createRng(`bench-${operations}-${keys}-${infoRate}`), {
    kind: 'register', operations, clients: 10, keys, infoRate, failRate: 0.02, maxThinkMs: 20,
  }).history;
}

/** The floor: sort the 2n calls and returns by time, then step the model once per operation. */
function floorMs(h: History): number {
  const start = performance.now();
  const times = new Float64Array(2 * h.length);
  h.forEach((op, i) => {
    times[2 * i] = op.invokeMs;
    times[2 * i + 1] = op.completeMs ?? Infinity;
  });
  times.sort();
  let state = model.init();
  for (const op of h) {
    const r = model.step(state, op.input as never, op.status === 'info' ? UNKNOWN : op.output);
    if (r.ok) state = r.state;
  }
  return performance.now() - start;
}

function timed<T>(f: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = f();
  return { value, ms: performance.now() - start };
}

const fmt = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(2));
const pad = (s: string, n: number): string => s.padStart(n);

console.log(`budget ${BUDGET_MS} ms per check (memoised), ${PLAIN_BUDGET_MS} ms without memoisation`);
console.log(['ops', 'keys', 'verdict', 'ms', 'µs/op', 'steps', 'floor ms', '×floor', 'plain', 'plain ms'].map((s, i) => pad(s, i < 2 ? 7 : 10)).join(''));
const byKeys = new Map<number, number[]>();
for (const keys of [1, 10, 100]) {
  for (const operations of [1_000, 10_000, 100_000]) {
    const h = history(operations, keys);
    floorMs(h); // warm-up
    const floor = Math.min(floorMs(h), floorMs(h));
    if (operations <= 10_000) checkLinearizability(model, h, { timeoutMs: BUDGET_MS }); // warm-up
    const memo = timed(() => checkLinearizability(model, h, { timeoutMs: BUDGET_MS }));
    const plain = timed(() => checkLinearizability(model, h, { timeoutMs: PLAIN_BUDGET_MS, memoize: false }));
    const list = byKeys.get(keys) ?? [];
    list.push(memo.value.verdict === 'unknown' ? NaN : memo.ms);
    byKeys.set(keys, list);
    console.log([String(operations), String(keys)].map((s) => pad(s, 7)).join('') + [
      memo.value.verdict, fmt(memo.ms), ((memo.ms * 1000) / operations).toFixed(1), String(memo.value.steps),
      fmt(floor), (memo.ms / floor).toFixed(0), plain.value.verdict, fmt(plain.ms),
    ].map((s) => pad(s, 10)).join(''));
  }
}
console.log('\ncost growth for 10× the operations (memoised; n/a when a check ran out of budget):');
for (const [keys, ms] of byKeys) {
  const growth = (a: number | undefined, b: number | undefined): string =>
    a === undefined || b === undefined || Number.isNaN(a) || Number.isNaN(b) ? 'n/a' : `×${(b / a).toFixed(1)}`;
  console.log(`  ${pad(String(keys), 3)} keys: 1k→10k ${growth(ms[0], ms[1])}, 10k→100k ${growth(ms[1], ms[2])}`);
}

console.log('\nunknown outcomes drive the cost (10,000 ops, 1 key):');
for (const infoRate of [0, 0.005, 0.02]) {
  const h = history(10_000, 1, infoRate);
  const memo = timed(() => checkLinearizability(model, h, { timeoutMs: BUDGET_MS }));
  console.log(`  info ${pad((infoRate * 100).toFixed(1).replace('.', ','), 4)} %: ${memo.value.verdict}, ${fmt(memo.ms)} ms, ${memo.value.steps} steps`);
}
