#!/usr/bin/env node
// `npm run bench [-- FILTER]`: runs every bench/*.bench.ts (or those whose name contains
// FILTER) one after another, each in its own process. Benchmarks print their figures next
// to a reference measured in the same run, as ratios; nothing here asserts a speed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/jupyter.mjs';

const filter = process.argv[2] ?? '';
const dir = join(ROOT, 'bench');
const benches = readdirSync(dir).filter((n) => n.endsWith('.bench.ts') && n.includes(filter)).sort();
if (benches.length === 0) {
  console.error(`bench: nothing matches "${filter}" in bench/`);
  process.exit(2);
}
let failed = 0;
for (const name of benches) {
  console.log(`\n=== ${name}`);
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(dir, name)], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exit(failed > 0 ? 1 : 0);
