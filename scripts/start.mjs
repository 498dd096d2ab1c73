#!/usr/bin/env node
// `npm start`: opens the course in Jupyter, installing what it needs first.
//
//   npm start                      JupyterLab if installed, else classic Notebook
//   npm start -- --check           set everything up, verify, but do not launch
//   npm start -- --install-kernel  also register the kernel for this user (VS Code finds it)
//   npm start -- --no-browser ...  any other flag is passed on to Jupyter
//
// Steps, each idempotent and reported: Node version; npm packages; the notebooks/lib
// link; Jupyter (pip where a Python package index answers, else Debian/Ubuntu packages
// when root, else exact instructions and exit 1); the kit's own tslab kernelspec; launch.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { JUPYTER_DATA, KERNEL_NAME, NOTEBOOKS, ROOT, ensureLibLink, findNbclientPython, hasJupyter, jupyterEnv, probe, writeKernelSpec } from './lib/jupyter.mjs';

const args = process.argv.slice(2);
const checkOnly = args.includes('--check');
const installKernel = args.includes('--install-kernel');
const passThrough = args.filter((a) => a !== '--check' && a !== '--install-kernel');
const say = (mark, text) => console.log(`${mark} ${text}`);
const done = (text) => say('✓', text);
const did = (text) => say('→', text);
const fail = (lines) => {
  for (const line of [].concat(lines)) console.error(`✗ ${line}`);
  process.exit(1);
};

// 1. Node.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) fail(`Node ${process.versions.node} is too old: install Node 20.19 or newer`);
done(`Node ${process.versions.node}`);

// 2. npm packages (tslab, plotly.js, …).
if (!existsSync(join(ROOT, 'node_modules', 'tslab', 'bin', 'tslab'))) {
  did('installing npm packages (npm install)…');
  const npm = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['install'], { cwd: ROOT, stdio: 'inherit' });
  if (npm.status !== 0) fail('npm install failed; see the messages above');
}
done('npm packages installed');

// 3. The link that lets notebooks import ./lib/… (a symlink, or a junction on Windows).
done(ensureLibLink() === 'ok' ? 'notebooks/lib → ../lib' : 'notebooks/lib → ../lib (repaired)');

// 4. Jupyter.
// pip --user puts scripts in the user base's bin, which may not be on PATH yet.
const userBase = probe('python3', ['-m', 'site', '--user-base']).stdout.trim();
if (userBase) process.env.PATH = `${join(userBase, 'bin')}${process.platform === 'win32' ? ';' : ':'}${process.env.PATH}`;

const haveServer = () => hasJupyter('lab') || hasJupyter('notebook');
const haveRunner = () => hasJupyter('nbconvert');
if (!haveServer() || !haveRunner()) {
  did('Jupyter is missing: installing it…');
  installJupyter();
  if (!haveServer()) fail('Jupyter is still not runnable after installing it; see the messages above');
}
const labInstalled = hasJupyter('lab');
done(`Jupyter ${labInstalled ? 'Lab' : 'Notebook'} ${probe('jupyter', [labInstalled ? 'lab' : 'notebook', '--version']).stdout.trim()}`);

function installJupyter() {
  // a) pip, where a Python package index is reachable (fails fast when it is not, or
  //    when the Python is managed by the system: PEP 668).
  if (probe('python3', ['-m', 'pip', '--version']).ok) {
    const pip = spawnSync('python3', ['-m', 'pip', 'install', '--user', '--disable-pip-version-check', '--retries', '0', '--timeout', '15',
      'notebook', 'nbconvert', 'nbclient'], { stdio: 'inherit', timeout: 600_000 });
    if (pip.status === 0 && haveServer() && haveRunner()) return did('installed Jupyter with pip (--user)');
    say('·', 'pip could not install Jupyter (no package index reachable, or a system-managed Python)');
  }
  // b) Debian/Ubuntu packages, as root.
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && probe('sh', ['-c', 'command -v apt-get']).ok) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    const apt = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'jupyter-notebook', 'jupyter-nbconvert', 'python3-nbclient'], { stdio: 'inherit', env });
    if (apt.status === 0) return did('installed Jupyter with apt-get (jupyter-notebook jupyter-nbconvert python3-nbclient)');
  }
  // c) Tell the user exactly what to do.
  fail([
    'Could not install Jupyter automatically. Install it, then run "npm start" again:',
    '  Debian/Ubuntu:  sudo apt-get install jupyter-notebook jupyter-nbconvert python3-nbclient',
    '  with pip:       python3 -m pip install --user notebook nbconvert nbclient   (or jupyterlab)',
    '  macOS (brew):   brew install jupyterlab',
  ]);
}

// 5. The kit's kernelspec: this checkout's tslab, run by this Node.
const { file, changed } = writeKernelSpec();
// Ask Jupyter itself (jupyter_client) which directory the kernel name resolves to.
const python = findNbclientPython();
const lookup = python
  ? probe(python, ['-c', 'import json; from jupyter_client.kernelspec import KernelSpecManager as K; print(json.dumps(K().find_kernel_specs()))'], { env: jupyterEnv() })
  : { stdout: '' };
const resolved = JSON.parse(lookup.stdout.trim() || '{}')[KERNEL_NAME];
if (!resolved || !resolved.startsWith(JUPYTER_DATA)) fail(`Jupyter does not see the kit's kernel at ${file} (it sees: ${resolved ?? 'nothing'})`);
(changed ? did : done)(`TypeScript kernel "${KERNEL_NAME}" → ${file.replace(ROOT + '/', '')}`);

if (installKernel) {
  // VS Code and other front ends look in the user's Jupyter data dir, not in ours.
  const dataDir = probe('jupyter', ['--data-dir']).stdout.trim();
  if (!dataDir) fail('could not ask Jupyter for its data dir (jupyter --data-dir)');
  const target = join(dataDir, 'kernels', KERNEL_NAME);
  mkdirSync(target, { recursive: true });
  cpSync(file, join(target, 'kernel.json'));
  did(`kernel registered for this user: ${join(target, 'kernel.json')} (pick "TypeScript (curso)" in VS Code)`);
}

// 5b. With --check (a teacher's set-up): the grading sandbox, bubblewrap (apt, as root).
if (checkOnly) {
  const { sandboxUnavailable } = await import('./lib/grading-sandbox.mjs');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (sandboxUnavailable() && isRoot && !probe('sh', ['-c', 'command -v bwrap']).ok && probe('sh', ['-c', 'command -v apt-get']).ok) {
    did('installing the grading sandbox (apt-get install bubblewrap)…');
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'bubblewrap', 'util-linux'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  const why = sandboxUnavailable();
  if (why) say('·', `grading sandbox not available (npm run grade will refuse to run without --unsafe): ${why.split('\n').pop()}`);
  else done('grading sandbox: bubblewrap works (npm run grade)');
}

if (checkOnly || installKernel) {
  done('ready: run "npm start" to open the course');
  process.exit(0);
}

// 6. Launch, preferring JupyterLab.
const lab = labInstalled;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const launch = [
  lab ? 'lab' : 'notebook',
  lab ? `--ServerApp.root_dir=${NOTEBOOKS}` : `--notebook-dir=${NOTEBOOKS}`,
  '--ip=127.0.0.1',
  ...(isRoot ? ['--allow-root'] : []),
  ...passThrough,
];
did(`opening the course: jupyter ${launch.join(' ')}`);
const child = spawn('jupyter', launch, { stdio: 'inherit', env: jupyterEnv() });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
