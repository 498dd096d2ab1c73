// The Jupyter front ends the kit supports, and how to start and address each one.
// Pure parts (argument lists, URLs, counting figures) are tested in
// test/kit/front-ends.test.ts; `findFrontEnds` asks the installed Jupyters.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JUPYTER_VENV, jupyterEnv, probe } from './jupyter.mjs';

/** The Jupyter front ends, in the order `npm start` prefers them. */
export const FRONT_ENDS = ['lab', 'nb7', 'classic'];

/** What a student calls each front end. */
export const FRONT_END_NAMES = { lab: 'JupyterLab', nb7: 'Notebook 7', classic: 'classic Notebook' };

/** The MIME type of a plotly figure in a notebook output. */
export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

/** The `jupyter` executable of the kit's own pip family (build/jupyter-venv). */
export function venvJupyter() {
  return join(JUPYTER_VENV, process.platform === 'win32' ? 'Scripts' : 'bin', process.platform === 'win32' ? 'jupyter.exe' : 'jupyter');
}

/** The Python interpreter a `jupyter` script runs with (its #! line), else "python3". */
export function pythonOf(jupyter) {
  try {
    const first = readFileSync(jupyter, 'utf8').slice(0, 500).split('\n', 1)[0] ?? '';
    if (first.startsWith('#!')) return first.slice(2).trim().split(/\s+/)[0];
  } catch {
    // Not a readable script (a Windows .exe launcher): fall through.
  }
  return 'python3';
}

/** Parses "7.6.3" into [7, 6, 3]; an unparsable version is [0]. */
export function versionOf(text) {
  const match = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(String(text));
  return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : [0];
}

/**
 * Which front ends are installed: for each, the `jupyter` executable that runs it and
 * its version. The kit's venv is asked first, then the `jupyter` on PATH, then Debian's.
 * JupyterLab and Notebook 7 count only with the plotly renderer (the plotly package).
 */
export function findFrontEnds() {
  const onPath = probe('sh', ['-c', 'command -v jupyter']).stdout.trim();
  const candidates = [...new Set([venvJupyter(), onPath, '/usr/bin/jupyter'].filter((p) => p && existsSync(p)))];
  const found = {};
  for (const jupyter of candidates) {
    const info = describeJupyter(jupyter);
    if (!info) continue;
    const notebookMajor = info.notebook ? versionOf(info.notebook)[0] : 0;
    if (info.lab && info.plotly && !found.lab) found.lab = { jupyter, version: info.lab };
    if (notebookMajor >= 7 && info.plotly && !found.nb7) found.nb7 = { jupyter, version: info.notebook };
    if (notebookMajor === 6 && !found.classic) found.classic = { jupyter, version: info.notebook };
  }
  return found;
}

// One Python start per Jupyter (each `jupyter x --version` would be one more).
const DESCRIBE = `
import json, os
from importlib import metadata
def version(name):
    try:
        return metadata.version(name)
    except Exception:
        return None
try:
    from jupyter_core.paths import jupyter_path
    plotly = any(os.path.exists(os.path.join(p, 'jupyterlab-plotly', 'package.json')) for p in jupyter_path('labextensions'))
except Exception:
    plotly = False
print(json.dumps({'lab': version('jupyterlab'), 'notebook': version('notebook'), 'plotly': plotly}))
`;

/**
 * The versions of JupyterLab and Notebook behind a `jupyter` script, and whether
 * plotly's JupyterLab renderer (the plotly package's labextension) is installed for it.
 */
export function describeJupyter(jupyter) {
  const result = probe(pythonOf(jupyter), ['-c', DESCRIBE], { env: jupyterEnv() });
  if (!result.ok) return undefined;
  try {
    return JSON.parse(result.stdout.trim().split('\n').pop());
  } catch {
    return undefined;
  }
}

/** The front end `npm start` opens when none is asked for: the first installed of {@link FRONT_ENDS}. */
export function defaultFrontEnd(found) {
  return FRONT_ENDS.find((name) => found[name]);
}

/**
 * The arguments after `jupyter` that serve `rootDir` in a front end, on 127.0.0.1,
 * followed by the caller's own flags (later flags win in Jupyter's configuration).
 */
export function serverArgs(frontEnd, { rootDir, isRoot = false, extra = [] }) {
  const sub = frontEnd === 'lab' ? 'lab' : 'notebook';
  const root = frontEnd === 'classic' ? `--notebook-dir=${rootDir}` : `--ServerApp.root_dir=${rootDir}`;
  return [sub, root, '--ip=127.0.0.1', ...(isRoot ? ['--allow-root'] : []), ...extra];
}

/** The flag that sets a fixed token: classic Notebook's, or jupyter_server 2's. */
export function tokenArgs(frontEnd, token) {
  return frontEnd === 'classic'
    ? [`--NotebookApp.token=${token}`, '--NotebookApp.password=']
    : [`--IdentityProvider.token=${token}`];
}

/**
 * The page that opens notebook `name` (relative to the root dir) in a front end. In
 * JupyterLab, `workspace` names the workspace to open it in: the default one restores
 * every notebook opened before in it, as background tabs.
 */
export function notebookUrl(frontEnd, base, name, token, workspace) {
  const path = name.split('/').map(encodeURIComponent).join('/');
  const lab = workspace ? `lab/workspaces/${encodeURIComponent(workspace)}/tree/${path}` : `lab/tree/${path}`;
  const page = frontEnd === 'lab' ? lab : `notebooks/${path}`;
  return `${base.replace(/\/$/, '')}/${page}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

/**
 * How many plotly figures an executed notebook shows: one per output that carries the
 * plotly MIME type (the browser test expects that many drawn plots per chapter).
 */
export function figureCount(notebook) {
  if (!notebook || !Array.isArray(notebook.cells)) throw new Error('not a notebook: no "cells" array');
  let count = 0;
  for (const cell of notebook.cells) {
    if (cell.cell_type !== 'code' || !Array.isArray(cell.outputs)) continue;
    for (const output of cell.outputs) {
      if (output && typeof output.data === 'object' && output.data !== null && PLOTLY_MIME in output.data) count += 1;
    }
  }
  return count;
}

/** Clears a notebook's outputs and execution counts (a copy; the input is not changed). */
export function withoutOutputs(notebook) {
  return {
    ...notebook,
    cells: notebook.cells.map((cell) => (cell.cell_type === 'code' ? { ...cell, outputs: [], execution_count: null } : cell)),
  };
}

/** Error and stderr outputs of a notebook's JSON (a saved one), one line each. */
export function notebookErrors(notebook) {
  const errors = [];
  notebook.cells.forEach((cell, index) => {
    for (const output of cell.outputs ?? []) {
      if (output.output_type === 'error') errors.push(`cell ${index}: ${output.ename}: ${output.evalue}`);
      if (output.output_type === 'stream' && output.name === 'stderr') errors.push(`cell ${index}: stderr: ${[].concat(output.text).join('').slice(0, 200)}`);
    }
  });
  return errors;
}
