// The page side of the browser test: how to drive each Jupyter front end in Chromium
// (open a notebook, Run All, wait, save) and what to measure in the page (plots drawn,
// error outputs). Classic Notebook 6 has a global `Jupyter.notebook`; JupyterLab 4 and
// Notebook 7 expose no application object, so they are driven through their menus and
// keyboard, as a student would.
import { notebookUrl } from './front-ends.mjs';

/** Per front end: selectors of code-cell prompts and error outputs. */
const PAGE = {
  classic: { notebook: '#notebook-container', prompt: '.code_cell .input_prompt', errors: '.output_error, .output_stderr' },
  lab: { notebook: '.jp-Notebook', prompt: '.jp-CodeCell .jp-InputPrompt', errors: '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]' },
  nb7: { notebook: '.jp-Notebook', prompt: '.jp-CodeCell .jp-InputPrompt', errors: '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]' },
};

/** How many notebooks this run has opened: each JupyterLab page gets a workspace of its own. */
let opened = 0;

/** Opens notebook `name` of `server` in `page`; resolves when its cells are in the DOM. */
export async function openNotebook(page, frontEnd, server, name) {
  // A fresh JupyterLab workspace per page: the default one would restore every notebook
  // opened before as a hidden tab, whose cells, kernels and plots would be counted too.
  opened += 1;
  const workspace = `kit-browser-test-${process.pid}-${opened}`;
  // Not "load": that waits for every output's resources (classic: all of plotly.js).
  await page.goto(notebookUrl(frontEnd, server.base, name, server.token, workspace), { waitUntil: 'domcontentloaded', timeout: 120_000 });
  await page.waitForSelector(`${PAGE[frontEnd].notebook} ${PAGE[frontEnd].prompt}`, { timeout: 120_000 });
}

/** How long a kernel may stay "starting" before it is restarted once. */
const STUCK_KERNEL_MS = 30_000;

/** Waits until the page's kernel is connected and idle (it starts with the page). */
export async function waitKernelIdle(page, frontEnd, server, timeoutMs = 300_000) {
  if (frontEnd === 'classic') {
    await page.waitForFunction(() => window.Jupyter?.notebook?.kernel?.is_connected?.(), null, { timeout: timeoutMs });
  }
  const started = Date.now();
  const deadline = started + timeoutMs;
  let restarted = false;
  while (Date.now() < deadline) {
    const sessions = await server.api('GET', '/api/sessions');
    if (sessions.length > 0 && sessions.every((s) => s.kernel?.execution_state === 'idle')) return;
    // Seen in CI: a kernel alive and connected whose server-side state stays "starting"
    // for good (the server missed its first status messages). One restart, through the
    // REST API, gives the server a fresh start of it to watch.
    const stuck = sessions.filter((s) => s.kernel?.execution_state === 'starting');
    if (!restarted && stuck.length > 0 && Date.now() - started > STUCK_KERNEL_MS) {
      restarted = true;
      console.log(`·     ${frontEnd}: a kernel still "starting" after ${STUCK_KERNEL_MS / 1000} s; restarting it once`);
      for (const s of stuck) await server.api('POST', `/api/kernels/${s.kernel.id}/restart`).catch((error) => console.log(`·     restart failed: ${error.message}`));
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`the kernel was not idle within ${timeoutMs / 1000} s${restarted ? ' (restarted once)' : ''}`);
}

/** Clicks a Lumino menu item: `menu` in the menu bar, then `item` in it. */
async function menu(page, title, item, timeout = 30_000) {
  await page.locator('.lm-MenuBar-itemLabel', { hasText: new RegExp(`^${title}$`) }).first().click({ timeout });
  await page.locator('.lm-Menu-itemLabel', { hasText: new RegExp(`^${item}$`) }).first().click({ timeout });
}

/** Runs every cell of the open notebook, as the Run All menu item does. */
export async function runAll(page, frontEnd) {
  if (frontEnd === 'classic') await page.evaluate(() => window.Jupyter.notebook.execute_all_cells());
  else await menu(page, 'Run', 'Run All Cells');
}

/**
 * Waits until `expected` code cells show an execution number and none is running
 * (`[*]`), and the kernel is idle. Returns the prompts seen (for failure messages).
 */
export async function waitRunDone(page, frontEnd, server, expected, timeoutMs) {
  const selector = PAGE[frontEnd].prompt;
  const deadline = Date.now() + timeoutMs;
  let prompts = [];
  while (Date.now() < deadline) {
    prompts = await page.$$eval(selector, (els) => els.map((e) => e.textContent.replace(/\s+/g, '')));
    const numbered = prompts.filter((p) => /\[\d+\]/.test(p)).length;
    if (numbered >= expected && !prompts.some((p) => p.includes('[*]'))) {
      await waitKernelIdle(page, frontEnd, server, Math.max(1_000, deadline - Date.now()));
      return prompts;
    }
    await page.waitForTimeout(1_000);
  }
  throw new Error(`Run All did not finish in ${timeoutMs / 1000} s (prompts: ${prompts.join(' ')})`);
}

/**
 * Saves the open notebook (File → Save Notebook in JupyterLab and Notebook 7) and
 * resolves when `isSaved()` (the caller reads the file back from the server) says so.
 */
export async function save(page, frontEnd, isSaved) {
  const savedWithin = async (ms) => {
    const deadline = Date.now() + ms;
    while (!(await isSaved())) {
      if (Date.now() > deadline) return false;
      await page.waitForTimeout(500);
    }
    return true;
  };
  if (frontEnd === 'classic') await page.evaluate(() => window.Jupyter.notebook.save_notebook());
  else await menu(page, 'File', 'Save Notebook', 10_000).catch(() => page.keyboard.press('Escape'));
  if (await savedWithin(30_000)) return;
  if (frontEnd !== 'classic') {
    // The keyboard way: a cell selected in command mode, then Ctrl+S.
    await page.locator(`${PAGE[frontEnd].notebook} ${PAGE[frontEnd].prompt}`).first().click({ timeout: 10_000 }).catch(() => undefined);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+s');
  }
  if (!(await savedWithin(90_000))) throw new Error('the notebook was not saved within 120 s');
}

/**
 * Counts plotly plots in the page and how many drew: an SVG and at least one trace.
 * `.js-plotly-plot` is what plotly.js marks every plot it draws with, whoever drew it
 * (JupyterLab's plotly renderer or the kit's HTML fallback); `.kit-plot` elements
 * that plotly never took are the fallback's own undrawn plots, with their message.
 */
export async function plotStats(page) {
  return page.evaluate(() => {
    const plots = [...document.querySelectorAll('.js-plotly-plot')];
    const drawn = plots.filter((el) => el.querySelector('svg.main-svg')
      && (el.querySelectorAll('.trace, .bars .point, g.hovertext').length > 0 || (el._fullData ?? []).length > 0));
    const undrawn = [...document.querySelectorAll('.kit-plot')].filter((el) => !el.classList.contains('js-plotly-plot'));
    // JupyterLab's plotly renderer saves a PNG of each plot with the notebook and, when
    // the notebook is reopened, shows that image until the pointer enters it.
    const images = [...document.querySelectorAll('.jp-RenderedPlotly img.plot-img')]
      .filter((img) => img.complete && img.naturalWidth > 0 && img.style.display !== 'none');
    return { total: plots.length, drawn: drawn.length, images: images.length, undrawn: undrawn.map((el) => el.textContent.trim().slice(0, 160)) };
  });
}

/** Waits (up to `timeoutMs`) for `expected` plots to draw, then returns {@link plotStats}. */
export async function waitPlots(page, expected, timeoutMs = 60_000) {
  await page.waitForFunction((n) => {
    const drawn = [...document.querySelectorAll('.js-plotly-plot')].filter((el) => el.querySelector('svg.main-svg'));
    return drawn.length >= n;
  }, expected, { timeout: timeoutMs }).catch(() => undefined);
  return plotStats(page);
}

/**
 * Moves the pointer into every plotly output of JupyterLab's renderer, which turns the
 * saved PNG of a reopened notebook into the interactive plot.
 */
export async function hoverPlotlyOutputs(page) {
  const outputs = page.locator('.jp-RenderedPlotly');
  const count = await outputs.count();
  for (let i = 0; i < count; i += 1) {
    await outputs.nth(i).scrollIntoViewIfNeeded();
    await outputs.nth(i).hover({ position: { x: 40, y: 40 } });
  }
  return count;
}

/** How many error or stderr outputs the page shows. */
export async function errorOutputs(page, frontEnd) {
  return page.$$eval(PAGE[frontEnd].errors, (els) => els.map((e) => e.textContent.trim().slice(0, 200)));
}
