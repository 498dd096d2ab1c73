import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleErrorsOfKit } from '../../scripts/lib/browser-console.mjs';
import {
  PLOTLY_MIME, defaultFrontEnd, figureCount, notebookErrors, notebookUrl, serverArgs, tokenArgs, versionOf, withoutOutputs,
} from '../../scripts/lib/front-ends.mjs';
import { installClassicPlotly } from '../../scripts/lib/jupyter.mjs';
import { plotlyBundlePath } from '../../lib/plot/index';

const figureOutput = { output_type: 'display_data', data: { [PLOTLY_MIME]: { data: [] }, 'text/plain': 'Figura' }, metadata: {} };
const notebook = {
  cells: [
    { cell_type: 'markdown', source: ['# t'] },
    { cell_type: 'code', source: ['show(a)'], outputs: [figureOutput, { output_type: 'stream', name: 'stdout', text: ['x'] }], execution_count: 1 },
    { cell_type: 'code', source: ['show(b); show(c)'], outputs: [figureOutput, figureOutput], execution_count: 2 },
    { cell_type: 'code', source: ['1'], outputs: [{ output_type: 'execute_result', data: { 'text/plain': '1' } }], execution_count: 3 },
  ],
};

describe('front ends: what the browser test expects and how it starts Jupyter', () => {
  it('counts one figure per output carrying the plotly MIME type', () => {
    expect(figureCount(notebook)).toBe(3);
    expect(figureCount(withoutOutputs(notebook))).toBe(0);
    expect(withoutOutputs(notebook).cells[1]).toMatchObject({ outputs: [], execution_count: null });
    expect(notebook.cells[1]?.outputs).toHaveLength(2); // the input is left alone
    expect(() => figureCount({})).toThrow(/not a notebook/);
  });

  it('finds error and stderr outputs in a saved notebook', () => {
    expect(notebookErrors(notebook)).toEqual([]);
    const broken = { cells: [{ cell_type: 'code', outputs: [{ output_type: 'error', ename: 'TypeError', evalue: 'x is undefined' }, { output_type: 'stream', name: 'stderr', text: 'aviso' }] }] };
    expect(notebookErrors(broken)).toEqual(['cell 0: TypeError: x is undefined', 'cell 0: stderr: aviso']);
  });

  it('serves the root folder on 127.0.0.1 with each front end’s own flags', () => {
    expect(serverArgs('classic', { rootDir: '/r', isRoot: true, extra: ['--no-browser'] }))
      .toEqual(['notebook', '--notebook-dir=/r', '--ip=127.0.0.1', '--allow-root', '--no-browser']);
    expect(serverArgs('lab', { rootDir: '/r' })).toEqual(['lab', '--ServerApp.root_dir=/r', '--ip=127.0.0.1']);
    expect(serverArgs('nb7', { rootDir: '/r' })).toEqual(['notebook', '--ServerApp.root_dir=/r', '--ip=127.0.0.1']);
    expect(tokenArgs('classic', 't')).toEqual(['--NotebookApp.token=t', '--NotebookApp.password=']);
    expect(tokenArgs('lab', 't')).toEqual(['--IdentityProvider.token=t']);
  });

  it('opens a notebook at each front end’s own page', () => {
    expect(notebookUrl('lab', 'http://127.0.0.1:1/', '00-a b.ipynb', 'k')).toBe('http://127.0.0.1:1/lab/tree/00-a%20b.ipynb?token=k');
    expect(notebookUrl('nb7', 'http://127.0.0.1:1', '00.ipynb')).toBe('http://127.0.0.1:1/notebooks/00.ipynb');
    expect(notebookUrl('lab', 'http://127.0.0.1:1', '00.ipynb', 'k', 'kit 1')).toBe('http://127.0.0.1:1/lab/workspaces/kit%201/tree/00.ipynb?token=k');
    expect(notebookUrl('nb7', 'http://127.0.0.1:1', '00.ipynb', 'k', 'kit-1')).toBe('http://127.0.0.1:1/notebooks/00.ipynb?token=k');
    expect(notebookUrl('classic', 'http://127.0.0.1:1', 'd/00.ipynb', 'k')).toBe('http://127.0.0.1:1/notebooks/d/00.ipynb?token=k');
  });

  it('prefers JupyterLab, then Notebook 7, then classic Notebook', () => {
    const at = { jupyter: 'j', version: '1' };
    expect(defaultFrontEnd({ classic: at, nb7: at, lab: at })).toBe('lab');
    expect(defaultFrontEnd({ classic: at, nb7: at })).toBe('nb7');
    expect(defaultFrontEnd({ classic: at })).toBe('classic');
    expect(defaultFrontEnd({})).toBeUndefined();
    expect(versionOf('7.6.3')).toEqual([7, 6, 3]);
    expect(versionOf('6.4')).toEqual([6, 4, 0]);
    expect(versionOf('no')).toEqual([0]);
  });

  it('filters only Jupyter’s own console errors, by their exact source', () => {
    const widgets = 'console: Failed to load resource: 404 [http://127.0.0.1:1/nbextensions/widgets/notebook/js/extension.js]';
    const kit = 'pageerror: Plotly is not defined';
    expect(consoleErrorsOfKit('classic', [widgets, kit])).toEqual([kit]);
    expect(consoleErrorsOfKit('lab', [widgets])).toEqual([widgets]); // classic's quirk is not Lab's
    const debuggerOwn = 'pageerror: No active debugger session [http://127.0.0.1:35685/static/lab/jlab_core.2320aca330a6fa6c.js?v=2320aca330a6fa6c]';
    const debuggerElsewhere = 'pageerror: No active debugger session [http://127.0.0.1:35685/files/lib/plot/x.js]';
    expect(consoleErrorsOfKit('lab', [debuggerOwn, debuggerElsewhere])).toEqual([debuggerElsewhere]);
  });

  it('installs plotly.js for classic Notebook once, identical to the npm package', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kit-classic-plotly-'));
    try {
      const target = join(dir, 'nbextensions', 'course-kit', 'plotly.js');
      expect(installClassicPlotly(target).changed).toBe(true);
      const first = statSync(target).mtimeMs;
      expect(installClassicPlotly(target)).toEqual({ file: target, changed: false });
      expect(statSync(target).mtimeMs).toBe(first);
      expect(readFileSync(target).equals(readFileSync(plotlyBundlePath()))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
