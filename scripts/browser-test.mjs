#!/usr/bin/env node
// Browser tests, in headless Chromium:
//  1. book: opens the static site from file://, every chapter page; asserts that each
//     plot drew (plotly SVG with traces) and that the console shows no errors; saves a
//     screenshot of chapter 00.
//  2. notebook (unless --book-only): starts the course with `npm start` (classic Jupyter
//     Notebook on 127.0.0.1, the kit's kernel), runs chapter 00 in the page, asserts every plot drew, then
//     reloads the page, re-runs a single plot cell, and asserts it draws again.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILD, NOTEBOOKS, ROOT, hasJupyter } from './lib/jupyter.mjs';
import { collectErrors, launchChromium } from './lib/browser.mjs';

const BOOK = join(BUILD, 'book');
const bookOnly = process.argv.includes('--book-only');
let failures = 0;
let passes = 0;
const check = (ok, message) => {
  if (ok) passes += 1;
  else failures += 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'}  ${message}`);
};

/** Counts plot containers and how many of them drew an SVG with at least one trace. */
async function plotsDrawn(page, selector) {
  return page.evaluate((sel) => {
    const plots = [...document.querySelectorAll(sel)];
    const drawn = plots.filter((el) => el.querySelector('svg.main-svg') && el.querySelectorAll('.trace, .bars .point, g.hovertext').length > 0);
    return { total: plots.length, drawn: drawn.length };
  }, selector);
}

async function testBook(browser) {
  if (!existsSync(join(BOOK, 'index.html'))) {
    check(false, 'book: build/book/index.html exists (run "npm run book" first)');
    return;
  }
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors = collectErrors(page);
  await page.goto(pathToFileURL(join(BOOK, 'index.html')).href);
  const links = await page.$$eval('.toc a', (as) => as.map((a) => a.getAttribute('href')));
  check(links.length > 0, `book: index lists ${links.length} chapters`);
  for (const href of links) {
    await page.goto(pathToFileURL(join(BOOK, href)).href);
    await page.waitForLoadState('load');
    await page.waitForTimeout(200);
    const { total, drawn } = await plotsDrawn(page, '.plot');
    check(total === drawn, `book: ${href}: ${drawn}/${total} plots drew`);
    if (href.startsWith('00-')) {
      check(total >= 3, `book: chapter 00 has at least 3 plots (${total})`);
      await page.screenshot({ path: join(BOOK, 'screenshot-00.png'), fullPage: false });
      const firstPlot = await page.$('.plot');
      if (firstPlot) {
        await firstPlot.scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(BOOK, 'screenshot-00-plot.png') });
      }
    }
  }
  check(errors.length === 0, `book: no console errors${errors.length ? `: ${errors.slice(0, 3).join(' | ')}` : ''}`);
  await page.close();
}

/** A port free on 127.0.0.1 right now (classic Notebook cannot report a port-0 bind). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startNotebookServer() {
  const port = await freePort();
  return new Promise((resolve, reject) => {
    const token = `kit${process.pid}`;
    // Through `npm start` itself (scripts/start.mjs), so the README's command is what is tested.
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), '--no-browser', `--port=${port}`, '--port-retries=0',
      `--NotebookApp.token=${token}`, '--NotebookApp.password='], { env: { ...process.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    const onData = (chunk) => {
      log += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(log);
      if (match) resolve({ child, base: match[1], token });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`jupyter notebook exited (${code}):\n${log}`)));
    setTimeout(() => reject(new Error(`jupyter notebook did not start in 60 s:\n${log}`)), 60_000).unref();
  });
}

async function testClassicNotebook(browser) {
  if (!hasJupyter('notebook')) {
    check(false, 'notebook: classic Jupyter Notebook is installed');
    return;
  }
  const { child, base, token } = await startNotebookServer();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors = collectErrors(page);
    const chapter = readdirSync(NOTEBOOKS).find((n) => n.startsWith('00-'));
    await page.goto(`${base}/notebooks/${chapter}?token=${token}`);
    await page.waitForFunction(() => window.Jupyter?.notebook?.kernel?.is_connected?.(), null, { timeout: 60_000 });
    await page.evaluate(() => window.Jupyter.notebook.execute_all_cells());
    await page.waitForFunction(
      () => !window.Jupyter.notebook.get_cells().some((c) => c.cell_type === 'code' && (c.input_prompt_number === '*' || c.input_prompt_number == null)),
      null, { timeout: 120_000 },
    );
    // plotly.js (10 MB) loads once from the kernel, then every plot draws.
    await page.waitForFunction(() => {
      const plots = [...document.querySelectorAll('.kit-plot')];
      return plots.length > 0 && plots.every((el) => el.querySelector('svg.main-svg .trace') || el.textContent.includes('No se pudo'));
    }, null, { timeout: 60_000 }).catch(() => undefined);
    const first = await plotsDrawn(page, '.kit-plot');
    if (first.drawn < first.total) {
      await page.screenshot({ path: join(BUILD, 'notebook-00-run.png'), fullPage: true });
      console.log(await page.evaluate(() => [...document.querySelectorAll('.kit-plot')].map((e) => e.outerHTML.slice(0, 300)).join('\n')));
    }
    check(first.total >= 3 && first.total === first.drawn, `notebook: chapter 00 run in classic Notebook: ${first.drawn}/${first.total} plots drew`);
    const errorsInRun = await page.evaluate(() => document.querySelectorAll('.output_error, .output_stderr').length);
    check(errorsInRun === 0, `notebook: no error outputs in the page (${errorsInRun})`);
    // Reload (outputs of the unsaved run disappear), then re-run a single plot cell: the
    // kernel still holds the variables, and the plot must load plotly.js by itself.
    await page.reload();
    await page.waitForFunction(() => window.Jupyter?.notebook?.kernel?.is_connected?.(), null, { timeout: 60_000 });
    const index = await page.evaluate(() => window.Jupyter.notebook.get_cells().findIndex((c) => c.cell_type === 'code' && /show\(histogram/.test(c.get_text())));
    await page.evaluate((i) => window.Jupyter.notebook.get_cell(i).execute(), index);
    await page.waitForFunction(() => document.querySelector('.kit-plot svg.main-svg .trace'), null, { timeout: 60_000 }).catch(() => undefined);
    const again = await plotsDrawn(page, '.kit-plot');
    check(again.total === 1 && again.drawn === 1, `notebook: after a page reload, re-running one plot cell (cell ${index}) draws it (${again.drawn}/${again.total})`);
    await page.screenshot({ path: join(BUILD, 'notebook-00-rerun.png') });
    // Jupyter's own, not the kit's: classic Notebook 6 always tries the ipywidgets fallback
    // `nbextensions/widgets/notebook/js/extension.js` (main.js, "HARDCODED WIDGETS HACK");
    // without ipywidgets the server answers 404 with an HTML page, which Chromium reports
    // twice (the 404, and the refused script because of its MIME type).
    const jupyterOwn = /favicon|Kernel|websocket|ERR_CONNECTION_REFUSED.*\/api\/|\/nbextensions\/widgets\/notebook\/js\/extension\.js/i;
    const real = errors.filter((e) => !jupyterOwn.test(e));
    check(real.length === 0, `notebook: no console errors${real.length ? `: ${real.slice(0, 3).join(' | ')}` : ''}`);
    await page.evaluate(() => window.Jupyter.notebook.kernel.kill());
    await page.close();
  } finally {
    child.kill('SIGTERM');
  }
}

const browser = await launchChromium();
try {
  await testBook(browser);
  if (!bookOnly) await testClassicNotebook(browser);
} catch (error) {
  check(false, `browser test crashed: ${error instanceof Error ? error.stack : error}`);
} finally {
  await browser.close();
}
console.log(`browser: ${passes} passed, ${failures} failed`);
process.exit(failures > 0 ? 1 : 0);
