import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');
const runNotebooks = (...files: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'scripts', 'run-notebooks.mjs'), '--out', join(ROOT, 'build', 'kit-test'), ...files], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 240_000,
  });

function notebook(cells: string[]): string {
  return JSON.stringify({
    cells: cells.map((source, i) => ({ cell_type: 'code', execution_count: null, id: `c${i}`, metadata: {}, outputs: [], source })),
    metadata: { kernelspec: { display_name: 'TypeScript', language: 'typescript', name: 'tslab' } },
    nbformat: 4,
    nbformat_minor: 5,
  });
}

describe('the notebook runner (real Jupyter, tslab kernel)', () => {
  it('fails on a deliberately broken notebook, naming the notebook, the cell and the error', () => {
    const result = runNotebooks(join(ROOT, 'test', 'fixtures', 'broken.ipynb'));
    expect(result.status, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toContain('FAIL  test/fixtures/broken.ipynb');
    expect(result.stdout).toContain("cell 2: throw new Error('fallo deliberado en la celda 2');");
    expect(result.stdout).toContain('Error: fallo deliberado en la celda 2');
    expect(result.stdout).toContain('notebooks: 0 passed, 1 failed');
    // Execution stopped at the failing cell: the next cell never ran.
    const executed = JSON.parse(readFileSync(join(ROOT, 'build', 'kit-test', 'broken.ipynb'), 'utf8'));
    expect(executed.cells[3].outputs).toEqual([]);
  });

  it('imports every lib module and every runtime dependency inside a real kernel', () => {
    // tslab compiles with its own TypeScript 5.0 and loads only CommonJS packages; this
    // notebook proves that everything a chapter may import actually loads there.
    const dir = join(ROOT, 'build', 'import-check');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    symlinkSync('../../lib', join(dir, 'lib'), 'dir');
    const modules = readdirSync(join(ROOT, 'lib'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const browserOnly = new Set(['plotly.js-dist', 'tslab']);
    const deps = Object.keys(pkg.dependencies).filter((name) => !browserOnly.has(name));
    const cells = [
      modules.map((m, i) => `import * as m${i} from './lib/${m}/index';`).join('\n') +
        `\nconsole.log('lib modules: ' + [${modules.map((_, i) => `Object.keys(m${i}).length`).join(', ')}].join(','));`,
      deps.map((d, i) => `import * as d${i} from '${d}';`).join('\n') +
        `\nconsole.log('dependencies: ' + [${deps.map((_, i) => `typeof d${i}`).join(', ')}].join(','));`,
      `console.log('plotly: ' + require.resolve('plotly.js-dist/plotly.js'));`,
    ];
    writeFileSync(join(dir, 'imports.ipynb'), notebook(cells));
    const result = runNotebooks(join(dir, 'imports.ipynb'));
    expect(result.status, result.stdout + result.stderr).toBe(0);
    const executed = JSON.parse(readFileSync(join(ROOT, 'build', 'kit-test', 'imports.ipynb'), 'utf8'));
    const text = (i: number) => (executed.cells[i].outputs as { text?: string[] }[]).map((o) => (o.text ?? []).join('')).join('');
    expect(text(0)).toMatch(new RegExp(`^lib modules: ${modules.map(() => '[1-9]\\d*').join(',')}\\n$`));
    expect(text(1)).toBe(`dependencies: ${deps.map(() => 'object').join(',')}\n`);
    expect(text(2)).toContain('plotly.js-dist');
  }, 300_000);

  it('picks up an edited lib file when the kernel restarts', () => {
    // The same layout as notebooks/ (a lib symlink to a sibling folder), with a throwaway
    // lib so that other tests never see the module come and go.
    const dir = join(ROOT, 'build', 'reload-check');
    const module = join(ROOT, 'build', 'reload-lib', 'zz-reload-check');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    mkdirSync(module, { recursive: true });
    symlinkSync('../reload-lib', join(dir, 'lib'), 'dir');
    const nb = join(dir, 'reload.ipynb');
    writeFileSync(nb, notebook(["import { version } from './lib/zz-reload-check/index';\nconsole.log('version ' + version);"]));
    const output = () => {
      const result = runNotebooks(nb);
      expect(result.status, result.stdout).toBe(0);
      const executed = JSON.parse(readFileSync(join(ROOT, 'build', 'kit-test', 'reload.ipynb'), 'utf8'));
      return (executed.cells[0].outputs[0].text as string[]).join('');
    };
    try {
      writeFileSync(join(module, 'index.ts'), 'export const version: number = 1;\n');
      expect(output()).toBe('version 1\n');
      writeFileSync(join(module, 'index.ts'), 'export const version: number = 2;\n');
      expect(output()).toBe('version 2\n');
    } finally {
      rmSync(module, { recursive: true, force: true });
    }
  });
});
