// The private tree of one grading run, in a fresh $TMPDIR/kit-grading-* (removed at the end):
//   shared/base     what every sandbox sees at /kit (world-readable: sandboxes run as
//                   other uids): the compiled, stubbed lib tree, the runner, its codec, and
//                   empty mount points for the npm packages that tree requires;
//   shared/s<k>     student k's compiled exercise files, bound over the base's;
//   private/        the grader's own (mode 700): the checks' workspace (the teacher's
//                   test/exercises, the checks' copy of lib, a vitest config), bridge
//                   sockets and vitest reports.
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sandboxBase, writeChecksLib, writeTree } from './grading-splice.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * Builds a run's tree for grading the `located` exercises of the course at `root`, with
 * `totalMs` as the checks' own time limit. Returns its paths and the package binds
 * ([source, destination under /kit]) every sandbox needs.
 */
export function prepareRun({ ts, root, located, totalMs }) {
  const run = mkdtempSync(join(tmpdir(), 'kit-grading-'));
  chmodSync(run, 0o711);
  const shared = join(run, 'shared');
  const privateDir = join(run, 'private');
  mkdirSync(privateDir, { mode: 0o700 });
  const base = join(shared, 'base');
  const tree = sandboxBase(ts, root, located);
  writeTree(join(base, 'lib'), tree.files);
  cpSync(join(HERE, 'grading-runner.cjs'), join(base, 'runner.cjs'));
  cpSync(join(HERE, 'grading-codec.cjs'), join(base, 'grading-codec.cjs'));
  const packageBinds = [];
  const addPackage = (name) => {
    const dir = join(root, 'node_modules', name);
    if (packageBinds.some(([, to]) => to === `node_modules/${name}`) || !existsSync(join(dir, 'package.json'))) return;
    mkdirSync(join(base, 'node_modules', name), { recursive: true });
    packageBinds.push([dir, `node_modules/${name}`]);
    for (const dep of Object.keys(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies ?? {})) addPackage(dep);
  };
  tree.packages.forEach(addPackage);
  const checks = join(privateDir, 'checks');
  writeChecksLib(root, join(checks, 'lib'), located, join(HERE, 'grading-bridge-client.mjs'));
  cpSync(join(root, 'test', 'exercises'), join(checks, 'test', 'exercises'), { recursive: true });
  for (const file of ['package.json', 'tsconfig.json']) cpSync(join(root, file), join(checks, file));
  symlinkSync(join(root, 'node_modules'), join(checks, 'node_modules'), 'dir');
  // One worker, files one after the other, modules shared between files: the student's
  // code is elsewhere, so there is nothing to isolate here, and vitest starts once.
  const config = join(checks, 'vitest.config.mts');
  writeFileSync(config, `export default {
  cacheDir: ${JSON.stringify(join(privateDir, 'vite-cache'))},
  test: { include: ['test/exercises/**/*.test.ts'], pool: 'threads', isolate: false, maxWorkers: 1, fileParallelism: false, testTimeout: ${totalMs + 30_000}, hookTimeout: ${totalMs + 30_000} },
};
`);
  return { run, shared, privateDir, base, checks, config, packageBinds };
}
