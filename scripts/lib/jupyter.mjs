// Shared by start, run-notebooks and book: where things are, and how to reach Jupyter
// and the kit's own tslab kernel.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const NOTEBOOKS = join(ROOT, 'notebooks');
export const BUILD = join(ROOT, 'build');
/** A Jupyter data directory owned by the kit: it holds only our kernelspec. */
export const JUPYTER_DATA = join(BUILD, 'jupyter');
export const KERNEL_NAME = 'tslab';
/** The kit's own pip family (JupyterLab 4, Notebook 7, plotly's renderer), made by `npm start`. */
export const JUPYTER_VENV = join(BUILD, 'jupyter-venv');
/**
 * plotly.js for classic Notebook, as a static file of the Jupyter server: classic Notebook
 * serves every JUPYTER_PATH entry's `nbextensions/` at `<base url>nbextensions/`, where
 * lib/plot/loader.ts's `CLASSIC_PLOTLY_PATH` looks for it.
 */
export const CLASSIC_PLOTLY_FILE = join(JUPYTER_DATA, 'nbextensions', 'course-kit', 'plotly.js');

/** Environment for every Jupyter process we start: our data dir wins over the user's. */
export function jupyterEnv(extra = {}) {
  const prior = process.env.JUPYTER_PATH;
  return {
    ...process.env,
    JUPYTER_PATH: prior ? `${JUPYTER_DATA}${process.platform === 'win32' ? ';' : ':'}${prior}` : JUPYTER_DATA,
    ...extra,
  };
}

/**
 * Writes the kernelspec that runs THIS checkout's tslab with THIS Node, so nothing
 * depends on a global `tslab` on PATH. Returns the path of kernel.json.
 */
export function writeKernelSpec() {
  const tslab = join(ROOT, 'node_modules', 'tslab', 'bin', 'tslab');
  if (!existsSync(tslab)) {
    throw new Error(`tslab is not installed in ${ROOT}/node_modules: run "npm install" first`);
  }
  const dir = join(JUPYTER_DATA, 'kernels', KERNEL_NAME);
  mkdirSync(dir, { recursive: true });
  const spec = {
    argv: [process.execPath, tslab, 'kernel', '--config-path', '{connection_file}'],
    display_name: 'TypeScript (curso)',
    language: 'typescript',
    env: { NODE_OPTIONS: '--max-old-space-size=4096' },
  };
  const file = join(dir, 'kernel.json');
  const text = JSON.stringify(spec, null, 2) + '\n';
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (before !== text) writeFileSync(file, text);
  return { file, changed: before !== text };
}

/**
 * Makes sure notebooks/lib points at ../lib. Git checks the committed symlink out as a
 * symlink on Linux and macOS; on Windows without symlink support it becomes a small
 * text file, which we replace with a directory junction (no admin rights needed).
 */
export function ensureLibLink() {
  const link = join(NOTEBOOKS, 'lib');
  const target = join(ROOT, 'lib');
  try {
    if (statSync(link).isDirectory() && existsSync(join(link, 'random', 'index.ts'))) return 'ok';
  } catch {
    // Missing or dangling: recreate below.
  }
  if (existsSync(link) || isLink(link)) rmSync(link, { force: true });
  symlinkSync(process.platform === 'win32' ? target : '../lib', link, process.platform === 'win32' ? 'junction' : 'dir');
  return 'repaired';
}

/** True when `path` is a symbolic link (dangling ones included). */
export function isLink(path) {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Runs a command quietly; returns { ok, stdout, stderr }. */
export function probe(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000, ...options });
  return { ok: result.status === 0, stdout: result.stdout ?? '', stderr: result.stderr ?? '', error: result.error };
}

/** True when `jupyter <sub>` is installed (e.g. 'lab', 'notebook', 'nbconvert'). */
export function hasJupyter(sub) {
  return probe('jupyter', [sub, '--version'], { env: jupyterEnv() }).ok;
}

/**
 * Finds a Python interpreter that can import nbclient (to execute notebooks headless).
 * Debian's packages install into /usr/bin/python3, which may not be the first python3
 * on PATH (pyenv, conda), so both are tried, Jupyter's own interpreter first.
 */
export function findNbclientPython() {
  const candidates = [];
  const jupyterPath = probe('sh', ['-c', 'command -v jupyter']).stdout.trim();
  if (jupyterPath) {
    const first = readFileSync(jupyterPath, 'utf8').split('\n', 1)[0] ?? '';
    if (first.startsWith('#!')) candidates.push(first.slice(2).trim().split(/\s+/)[0]);
  }
  // Last, the kit's own venv (npm start's pip family brings nbclient along).
  candidates.push('/usr/bin/python3', 'python3', 'python', join(JUPYTER_VENV, 'bin', 'python'));
  for (const python of candidates) {
    if (python && probe(python, ['-c', 'import nbclient, nbformat']).ok) return python;
  }
  return undefined;
}

/**
 * Copies the installed plotly.js (the `plotly.js-dist` npm package) to `target`
 * (default {@link CLASSIC_PLOTLY_FILE}) unless an identical copy is already there.
 * Returns { file, changed }. The copy goes through a temporary file and a rename, so a
 * server reading it never sees half a file.
 */
export function installClassicPlotly(target = CLASSIC_PLOTLY_FILE) {
  const source = createRequire(join(ROOT, 'package.json')).resolve('plotly.js-dist/plotly.js');
  const body = readFileSync(source);
  if (existsSync(target) && statSync(target).size === body.length && readFileSync(target).equals(body)) {
    return { file: target, changed: false };
  }
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.partial`;
  copyFileSync(source, partial);
  renameSync(partial, target);
  return { file: target, changed: true };
}
