#!/usr/bin/env node
// `npm start`: opens the course in Jupyter, installing what it needs first.
//
//   npm start                         JupyterLab if installed, else Notebook 7, else classic Notebook
//   npm start -- --front-end nb7      one front end: lab | nb7 | classic
//   npm start -- --check              set everything up, verify, but do not launch
//   npm start -- --install-kernel     also register the kernel for this user (VS Code finds it)
//   npm start -- --notebook-dir=DIR   serve DIR instead of notebooks/ (the browser test's copies)
//   npm start -- --no-browser ...     any other flag is passed on to Jupyter
//
// Steps, each idempotent and reported: Node version; npm packages; the notebooks/lib
// link; Jupyter (the pip family JupyterLab 4 + Notebook 7 + plotly's renderer in
// build/jupyter-venv where a Python package index answers; else Debian's classic
// Notebook when root; else exact instructions and exit 1); plotly.js for classic
// Notebook as a static file of the Jupyter server; the kit's own tslab kernelspec; launch.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { optionValue } from './lib/cli.mjs';
import { FRONT_ENDS, FRONT_END_NAMES, defaultFrontEnd, findFrontEnds, pythonOf, serverArgs, venvJupyter } from './lib/front-ends.mjs';
import {
  JUPYTER_DATA, JUPYTER_VENV, KERNEL_NAME, NOTEBOOKS, ROOT,
  ensureLibLink, installClassicPlotly, jupyterEnv, probe, writeKernelSpec,
} from './lib/jupyter.mjs';

const rawArgs = process.argv.slice(2);
/** Reads `--name=value` or `--name value` and removes it from the arguments. */
function takeOption(args, name) {
  const eq = args.findIndex((a) => a.startsWith(`${name}=`));
  if (eq >= 0) return args.splice(eq, 1)[0].slice(name.length + 1);
  const value = optionValue(args, name);
  if (value !== undefined) args.splice(args.indexOf(name), 2);
  return value;
}
const args = [...rawArgs];
const wanted = takeOption(args, '--front-end');
const notebookDir = resolve(takeOption(args, '--notebook-dir') ?? NOTEBOOKS);
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
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (wanted !== undefined && !FRONT_ENDS.includes(wanted)) fail(`--front-end must be one of ${FRONT_ENDS.join(', ')} (got "${wanted}")`);

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

// 4. Jupyter: the pip family in the kit's venv (JupyterLab 4 and Notebook 7 with
//    plotly's renderer, so saved notebooks draw with no kernel), else what is installed.
/** The pip packages of the kit's venv. */
const PIP_FAMILY = ['jupyterlab>=4,<5', 'notebook>=7,<8', 'plotly>=6', 'nbclient', 'nbconvert'];
// A pip --user install (older versions of this script made one) puts `jupyter` in the
// user base's bin, which may not be on PATH yet.
const userBase = probe('python3', ['-m', 'site', '--user-base']).stdout.trim();
if (userBase) process.env.PATH = `${join(userBase, process.platform === 'win32' ? 'Scripts' : 'bin')}${process.platform === 'win32' ? ';' : ':'}${process.env.PATH}`;
let found = findFrontEnds();
if ((!found.lab || !found.nb7) && wanted !== 'classic') {
  did(`installing JupyterLab, Notebook 7 and plotly's renderer with pip into ${JUPYTER_VENV.replace(ROOT + '/', '')}…`);
  if (installPipFamily()) found = findFrontEnds();
}
if (!found.lab && !found.nb7 && !found.classic) {
  did('no Jupyter found: installing the classic Notebook…');
  installClassicWithApt();
  found = findFrontEnds();
}
const frontEnd = wanted ?? defaultFrontEnd(found);
if (!frontEnd || !found[frontEnd]) {
  fail([
    `${frontEnd ? FRONT_END_NAMES[frontEnd] : 'Jupyter'} is not installed, and could not be installed automatically. Install it, then run "npm start" again:`,
    `  with pip:       python3 -m venv ${JUPYTER_VENV} && ${JUPYTER_VENV}/bin/pip install ${PIP_FAMILY.map((p) => `'${p}'`).join(' ')}`,
    '  Debian/Ubuntu:  sudo apt-get install python3-venv   (then "npm start" makes the venv itself)',
    '  classic only:   sudo apt-get install jupyter-notebook jupyter-nbconvert python3-nbclient',
  ]);
}
for (const name of FRONT_ENDS) {
  if (found[name]) done(`${FRONT_END_NAMES[name]} ${found[name].version} (${found[name].jupyter.replace(ROOT + '/', '')})`);
}

/** Makes build/jupyter-venv and pip-installs the family into it; false when pip cannot. */
function installPipFamily() {
  const python = ['python3', 'python'].find((p) => probe(p, ['-c', 'import venv, ensurepip']).ok);
  if (!python) {
    say('·', 'no Python with venv/ensurepip (on Debian/Ubuntu: sudo apt-get install python3-venv)');
    return false;
  }
  const venvPython = join(JUPYTER_VENV, process.platform === 'win32' ? 'Scripts' : 'bin', process.platform === 'win32' ? 'python.exe' : 'python');
  if (!existsSync(venvPython) && spawnSync(python, ['-m', 'venv', JUPYTER_VENV], { stdio: 'inherit' }).status !== 0) {
    say('·', `could not create the venv ${JUPYTER_VENV}`);
    return false;
  }
  // Fails fast when no package index answers (offline).
  const pip = spawnSync(venvPython, ['-m', 'pip', 'install', '--disable-pip-version-check', '--retries', '0', '--timeout', '15', ...PIP_FAMILY],
    { stdio: 'inherit', timeout: 900_000 });
  if (pip.status === 0 && existsSync(venvJupyter())) {
    did(`installed ${PIP_FAMILY.join(' ')} (pip, ${JUPYTER_VENV.replace(ROOT + '/', '')})`);
    return true;
  }
  say('·', 'pip could not install the Jupyter family (no package index reachable?)');
  return false;
}

/** Debian/Ubuntu's classic Notebook, as root. */
function installClassicWithApt() {
  if (!isRoot || !probe('sh', ['-c', 'command -v apt-get']).ok) return;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
  const apt = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'jupyter-notebook', 'jupyter-nbconvert', 'python3-nbclient'], { stdio: 'inherit', env });
  if (apt.status === 0) did('installed Jupyter with apt-get (jupyter-notebook jupyter-nbconvert python3-nbclient)');
}

// 4b. plotly.js for classic Notebook, served by the Jupyter server itself (never the kernel).
const plotly = installClassicPlotly();
(plotly.changed ? did : done)(`plotly.js for classic Notebook → ${plotly.file.replace(ROOT + '/', '')}`);

// 5. The kit's kernelspec: this checkout's tslab, run by this Node.
const { file, changed } = writeKernelSpec();
// Ask the front end's own Jupyter (its jupyter_client) which directory the kernel name resolves to.
const python = pythonOf(found[frontEnd].jupyter);
const lookup = probe(python, ['-c', 'import json; from jupyter_client.kernelspec import KernelSpecManager as K; print(json.dumps(K().find_kernel_specs()))'], { env: jupyterEnv() });
let resolved;
try {
  resolved = JSON.parse(lookup.stdout.trim() || '{}')[KERNEL_NAME];
} catch {
  resolved = undefined;
}
if (!resolved || !resolved.startsWith(JUPYTER_DATA)) fail(`Jupyter does not see the kit's kernel at ${file} (it sees: ${resolved ?? 'nothing'})`);
(changed ? did : done)(`TypeScript kernel "${KERNEL_NAME}" → ${file.replace(ROOT + '/', '')}`);

if (installKernel) {
  // VS Code and other front ends look in the user's Jupyter data dir, not in ours.
  const dataDir = probe(found[frontEnd].jupyter, ['--data-dir']).stdout.trim();
  if (!dataDir) fail('could not ask Jupyter for its data dir (jupyter --data-dir)');
  const target = join(dataDir, 'kernels', KERNEL_NAME);
  mkdirSync(target, { recursive: true });
  cpSync(file, join(target, 'kernel.json'));
  did(`kernel registered for this user: ${join(target, 'kernel.json')} (pick "TypeScript (curso)" in VS Code)`);
}

// 5b. With --check (a teacher's set-up): the grading sandbox, bubblewrap (apt, as root).
if (checkOnly) {
  const { sandboxUnavailable } = await import('./lib/grading-sandbox.mjs');
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

// 6. Launch.
const launch = serverArgs(frontEnd, { rootDir: notebookDir, isRoot, extra: passThrough });
const jupyter = found[frontEnd].jupyter;
did(`opening the course in ${FRONT_END_NAMES[frontEnd]}: ${jupyter.replace(ROOT + '/', '')} ${launch.join(' ')}`);
const child = spawn(jupyter, launch, { stdio: 'inherit', env: jupyterEnv() });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
