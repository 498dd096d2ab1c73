/**
 * `npm run sweep [-- --seeds 10000] [--workers 2] [--shard i/n] [--only name]`: the large seed
 * sweeps of every example protocol (lib/sim/examples/sweep-catalogue.ts) on parallel worker
 * processes. Each correct protocol must pass every seed, each seeded bug must be caught; the
 * exit code says whether they did. `--shard 2/4` runs the second quarter of the seeds, so four
 * machines (or processes) can split one sweep.
 */
import { parseShard, sweepParallel } from '../lib/sim/index';
import type { SweepShard } from '../lib/sim/index';
import { SWEEP_CATALOGUE } from '../lib/sim/examples/sweep-catalogue';

function option(argv: readonly string[], name: string): string | undefined {
  const at = argv.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (at === -1) return undefined;
  const arg = argv[at] as string;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[at + 1];
}

function count(text: string | undefined, fallback: number, what: string): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${what} necesita un entero >= 1, llegó "${text}"`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const seeds = count(option(argv, 'seeds') ?? process.env['SIM_SWEEP_SEEDS'], 10_000, 'seeds');
  const workers = count(option(argv, 'workers'), 2, 'workers');
  const shardText = option(argv, 'shard');
  let shard: SweepShard | undefined;
  try {
    shard = shardText === undefined ? undefined : parseShard(shardText);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const only = option(argv, 'only');
  const sweeps = SWEEP_CATALOGUE.filter((s) => only === undefined || s.name.includes(only));
  if (sweeps.length === 0) {
    console.error(`--only "${only}" no coincide con ninguno de: ${SWEEP_CATALOGUE.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  let failed = 0;
  for (const entry of sweeps) {
    const result = await sweepParallel({ scenario: entry.scenario, seeds, workers, replays: 3, ...(shard ? { shard } : {}) });
    const missing = entry.expect === 'pass' ? [] : entry.expect.filter((name) => !(result.violationsByChecker[name] ?? 0));
    const ok = entry.expect === 'pass' ? result.seedsFailed === 0 : missing.length === 0;
    const by = Object.entries(result.violationsByChecker).map(([name, n]) => `${name}: ${n}`).join(', ');
    console.log(
      `\n${ok ? 'OK  ' : 'FAIL'} ${entry.name}: ${result.seedsRun} semillas${shard ? ` (shard ${shardText})` : ''}, ${result.seedsFailed} con violación${by ? ` (${by})` : ''}, ` +
        `${result.events} eventos, ${(result.elapsedMs / 1000).toFixed(1)} s, ${result.seedsPerSecond.toFixed(0)} semillas/s con ${workers} procesos` +
        (entry.expect === 'pass' ? ' — debe pasar' : ` — debe encontrar ${entry.expect.join(', ')}`),
    );
    if (result.seed !== undefined) console.log(`     primera semilla que falla: ${result.seed} (la ${result.failures[0]?.position === undefined ? '?' : result.failures[0].position + 1}.ª)`);
    if (!ok && result.failures.length > 0) console.log(result.report);
    if (!ok) failed++;
  }
  process.exit(failed > 0 ? 1 : 0);
}

void main();
