#!/usr/bin/env node
// Browser tests, in headless Chromium (Debian's), in two lanes that run at once (a kernel
// uses one core and this machine has two): book, classic, remote | lab, nb7.
//
//   book     the static site from file://: every chapter page, every plot drew, no console errors.
//   classic  classic Notebook 6, lab JupyterLab 4, nb7 Notebook 7, each started through
//   lab      `npm start -- --front-end X` on fresh copies of the chapters: every chapter
//   nb7      is Run All in the page; as many plots must draw as the executed notebook
//            (build/executed/, from `npm test`) has figures; no error outputs; the kit
//            makes no console errors. Chapter 00 is then saved, its kernel shut down, and
//            reopened in a fresh browser profile (no HTTP cache) with kernels blocked: the
//            plots must draw from the saved outputs alone. Classic also re-runs one plot
//            cell after a reload, and shows an untrusted notebook's plots as a message.
//   remote   classic and lab again, with Jupyter and its kernel in a network namespace of
//            their own, reached only through a Unix socket bridged by socat: chapter 00
//            must draw although the kernel's 127.0.0.1 is not the browser's.
//
//   npm run browser-test                          all of them (the book needs `npm run book`)
//   npm run browser-test -- --front-end lab       one (repeat the flag, or lab,nb7)
//   npm run browser-test -- --chapter 00          only some chapters (by number) in the front ends
//   npm run browser-test -- --screenshots         also refresh docs/screenshots/*.png
import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { collectErrors, launchChromium } from './lib/browser.mjs';
import { SCRATCH, chapters, kernelNetworkNamespaces, prepareRoot, serverNetworkNamespaces, remoteUnavailable, savedNotebook, shutdownKernels, startJupyter } from './lib/browser-jupyter.mjs';
import { errorOutputs, hoverPlotlyOutputs, openNotebook, plotStats, runAll, save, waitKernelIdle, waitPlots, waitRunDone } from './lib/browser-pages.mjs';
import { FRONT_END_NAMES, figureCount, notebookErrors } from './lib/front-ends.mjs';
import { BUILD, NOTEBOOKS, ROOT } from './lib/jupyter.mjs';
import { jupyterOwnReason } from './lib/browser-console.mjs';

const ALL = ['book', 'classic', 'lab', 'nb7', 'remote'];
const argv = process.argv.slice(2);
/** Values of a repeatable `--name v1,v2` / `--name=v` option. */
function listOption(name) {
  const values = [];
  argv.forEach((a, i) => {
    if (a === name) values.push(...(argv[i + 1] ?? '').split(','));
    else if (a.startsWith(`${name}=`)) values.push(...a.slice(name.length + 1).split(','));
  });
  return values.filter(Boolean);
}
const asked = listOption('--front-end');
const onlyChapters = listOption('--chapter');
if (argv.includes('--book-only')) asked.push('book');
const unknown = asked.filter((a) => !ALL.includes(a));
if (unknown.length > 0) {
  console.error(`--front-end must be one of ${ALL.join(', ')} (got ${unknown.join(', ')})`);
  process.exit(2);
}
const selected = asked.length > 0 ? ALL.filter((a) => asked.includes(a)) : ALL;
const screenshots = argv.includes('--screenshots');

const BOOK = join(BUILD, 'book');
const VIEWPORT = { width: 1200, height: 900 };
let failures = 0;
let passes = 0;
/** The checks of the attempt running in this async context (lanes run at once). */
const attempt = new AsyncLocalStorage();
const check = (ok, message) => {
  if (ok) passes += 1;
  else failures += 1;
  const tally = attempt.getStore();
  if (tally) tally[ok ? 'passes' : 'failures'] += 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'}  ${message}`);
};
const seconds = (t0) => ((Date.now() - t0) / 1000).toFixed(1);

async function testBook(browser) {
  if (!existsSync(join(BOOK, 'index.html'))) {
    check(false, 'book: build/book/index.html exists (run "npm run book" first)');
    return;
  }
  const page = await browser.newPage({ viewport: VIEWPORT });
  const errors = collectErrors(page);
  await page.goto(pathToFileURL(join(BOOK, 'index.html')).href);
  const links = await page.$$eval('.toc a', (as) => as.map((a) => a.getAttribute('href')));
  check(links.length > 0, `book: index lists ${links.length} chapters`);
  for (const href of links) {
    await page.goto(pathToFileURL(join(BOOK, href)).href);
    await page.waitForLoadState('load');
    const expected = expectedFigures(href.replace(/\.html$/, '.ipynb'));
    const { total, drawn } = await waitPlots(page, expected ?? 1, 30_000);
    check(total === drawn && (expected === undefined || drawn === expected), `book: ${href}: ${drawn}/${expected ?? total} plots drew`);
    if (href.startsWith('00-')) {
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

/** Figures of a chapter's executed copy (build/executed/, written by `npm test`), or undefined. */
function expectedFigures(chapter) {
  const file = join(BUILD, 'executed', chapter);
  return existsSync(file) ? figureCount(JSON.parse(readFileSync(file, 'utf8'))) : undefined;
}

/** Non-empty code cells of a committed chapter: the prompts Run All must number. */
function codeCells(chapter) {
  const notebook = JSON.parse(readFileSync(join(NOTEBOOKS, chapter), 'utf8'));
  return notebook.cells.filter((c) => c.cell_type === 'code' && [].concat(c.source).join('').trim() !== '').length;
}

/**
 * Runs one chapter in a page: Run All, plots, errors, save. Returns the page (still
 * open) and whether the chapter ran and was saved (the reopen checks need that).
 */
async function runChapter(context, frontEnd, server, chapter, label, errors) {
  const expected = expectedFigures(chapter);
  if (expected === undefined) {
    check(false, `${label}: ${chapter}: build/executed/${chapter} exists (run "npm test" or "npm run notebooks" first)`);
    return { page: undefined, ran: false };
  }
  const t0 = Date.now();
  let ran = false;
  const page = await context.newPage();
  const pageErrors = collectErrors(page);
  try {
    await openNotebook(page, frontEnd, server, chapter);
    await waitKernelIdle(page, frontEnd, server);
    await runAll(page, frontEnd);
    await waitRunDone(page, frontEnd, server, codeCells(chapter), 300_000);
    const stats = await waitPlots(page, expected);
    check(stats.total === expected && stats.drawn === expected,
      `${label}: ${chapter}: ${stats.drawn}/${expected} plots drew after Run All (${seconds(t0)} s)${stats.undrawn.length ? `; undrawn: ${stats.undrawn[0]}` : ''}`);
    const inPage = await errorOutputs(page, frontEnd);
    await save(page, frontEnd, async () => figureCount(await savedNotebook(server, chapter)) >= expected);
    const saved = await savedNotebook(server, chapter);
    const inFile = notebookErrors(saved);
    check(inPage.length === 0 && inFile.length === 0, `${label}: ${chapter}: no error outputs${[...inPage, ...inFile].length ? `: ${[...inPage, ...inFile].slice(0, 3).join(' | ')}` : ''}`);
    check(figureCount(saved) === expected, `${label}: ${chapter}: the saved notebook holds ${figureCount(saved)}/${expected} figures`);
    ran = true;
  } catch (error) {
    check(false, `${label}: ${chapter}: ${error instanceof Error ? error.message : error}`);
    await page.screenshot({ path: join(SCRATCH, `${label}-${chapter}-failure.png`), fullPage: true }).catch(() => undefined);
  }
  errors.push(...pageErrors.map((line) => ({ where: chapter, line })));
  return { page, ran };
}

/** Classic only: reload (outputs of an unsaved run vanish), re-run one plot cell, it draws. */
async function rerunAfterReload(page, server, label) {
  try {
    await rerunAfterReloadOrThrow(page, server, label);
  } catch (error) {
    check(false, `${label}: after a reload, re-running one plot cell: ${error instanceof Error ? error.message : error}`);
  }
}

async function rerunAfterReloadOrThrow(page, server, label) {
  await page.reload({ waitUntil: 'domcontentloaded', timeout: 120_000 });
  await waitKernelIdle(page, 'classic', server);
  const index = await page.evaluate(() => window.Jupyter.notebook.get_cells().findIndex((c) => c.cell_type === 'code' && /show\(/.test(c.get_text())));
  await page.evaluate(() => window.Jupyter.notebook.clear_all_output());
  await page.evaluate((i) => window.Jupyter.notebook.get_cell(i).execute(), index);
  const again = await waitPlots(page, 1, 60_000);
  check(again.total >= 1 && again.drawn === again.total, `${label}: after a reload, re-running one plot cell (cell ${index}) draws it (${again.drawn}/${again.total})`);
}

/**
 * Reopens a saved chapter in a fresh browser profile (no HTTP cache, no cookies) with
 * every kernel shut down and new ones refused: the plots draw from the saved outputs.
 */
async function reopen(browser, frontEnd, server, chapter, label, errors, { expected, expectTrusted = true }) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  // No kernel may start: the page's request for a session is refused (Jupyter then says
  // the kernel could not start; that console error is ours, see browser-console.mjs).
  await context.route(/\/api\/sessions(\?|$)/, (route) => (route.request().method() === 'POST'
    ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ message: 'the browser test starts no kernel here', traceback: '' }) })
    : route.continue()));
  const page = await context.newPage();
  const pageErrors = collectErrors(page);
  try {
    await openNotebook(page, frontEnd, server, chapter);
    let stats = await waitPlots(page, expected, frontEnd === 'classic' ? 60_000 : 5_000);
    if (frontEnd !== 'classic') {
      // JupyterLab's plotly renderer shows the PNG it saved; the plot draws on hover.
      await page.waitForFunction((n) => document.querySelectorAll('.jp-RenderedPlotly img.plot-img').length >= n, expected, { timeout: 60_000 }).catch(() => undefined);
      // Jupyter says the kernel could not start (the test refused it): dismiss that.
      const dialog = page.locator('.jp-Dialog');
      await dialog.first().waitFor({ timeout: 15_000 }).catch(() => undefined);
      while (await dialog.count() > 0) {
        await page.keyboard.press('Escape');
        await page.waitForTimeout(300);
      }
      const images = (await plotStats(page)).images;
      check(images === expected, `${label}: ${chapter} reopened: ${images}/${expected} plots show the image JupyterLab's plotly renderer saved`);
      await hoverPlotlyOutputs(page);
      stats = await waitPlots(page, expected, 60_000);
    }
    const kernels = await server.api('GET', '/api/kernels');
    if (expectTrusted) {
      check(stats.total === expected && stats.drawn === expected && kernels.length === 0,
        `${label}: ${chapter} saved, kernel shut down, reopened in a fresh profile: ${stats.drawn}/${expected} plots drew with ${kernels.length} kernels running`);
    } else {
      const told = stats.undrawn.filter((t) => t.startsWith('Gráfico sin dibujar')).length;
      check(expected > 0 && stats.drawn === 0 && told === expected, `${label}: ${chapter}, not signed by this Jupyter (untrusted): ${told}/${expected} plots say how to trust it, ${stats.drawn} drew`);
    }
    if (frontEnd === 'classic') {
      const trusted = await page.evaluate(() => window.Jupyter.notebook.trusted);
      check(trusted === expectTrusted, `${label}: classic Notebook marks ${chapter} ${trusted ? 'trusted' : 'not trusted'} (expected ${expectTrusted ? 'trusted: it saved it itself' : 'not trusted'})`);
    }
  } catch (error) {
    check(false, `${label}: reopening ${chapter}: ${error instanceof Error ? error.message : error}`);
  }
  errors.push(...pageErrors.map((line) => ({ where: `${chapter} (reopened)`, line })));
  await context.close();
}

async function testFrontEnd(browser, frontEnd, { remote = false } = {}) {
  const label = remote ? `${frontEnd} remote` : frontEnd;
  const name = remote ? `${frontEnd}-remote` : frontEnd;
  const rootDir = prepareRoot(name);
  const t0 = Date.now();
  let server;
  try {
    server = await startJupyter({ frontEnd, rootDir, name, remote });
  } catch (error) {
    check(false, `${label}: ${FRONT_END_NAMES[frontEnd]} starts through npm start: ${error instanceof Error ? error.message : error}`);
    return;
  }
  console.log(`·     ${label}: ${FRONT_END_NAMES[frontEnd]} at ${server.base}${remote ? ` (socat → ${server.sock}, in its own network namespace)` : ''} after ${seconds(t0)} s`);
  const context = await browser.newContext({ viewport: VIEWPORT });
  const errors = [];
  const wanted = chapters().filter((c) => onlyChapters.length === 0 || onlyChapters.includes(c.slice(0, 2)));
  const list = remote ? wanted.filter((c) => c.startsWith('00-')) : wanted;
  try {
    if (remote) {
      const { ours, inside } = serverNetworkNamespaces(server);
      check(inside.length > 0 && inside.every((ns) => ns !== ours),
        `${label}: Jupyter listens only on ${server.sock}, from another network namespace (${inside.join(', ') || 'no server process found'}; ours is ${ours})`);
    }
    for (const chapter of list) {
      const { page, ran } = await runChapter(context, frontEnd, server, chapter, label, errors);
      if (remote) {
        const { ours, kernels } = await kernelNetworkNamespaces(server);
        check(kernels.length > 0 && kernels.every((ns) => ns !== ours),
          `${label}: the kernel runs in another network namespace (${kernels.join(', ') || 'no kernel found'}; the browser's is ${ours})`);
      }
      if (ran && chapter.startsWith('00-') && !remote) {
        if (screenshots) await screenshot(page, frontEnd);
        if (frontEnd === 'classic') await rerunAfterReload(page, server, label);
      }
      await page?.close();
      await shutdownKernels(server);
      if (ran && chapter.startsWith('00-') && !remote) {
        const expected = expectedFigures(chapter) ?? 0;
        await reopen(browser, frontEnd, server, chapter, label, errors, { expected });
        if (frontEnd === 'classic') {
          // A notebook that this user's Jupyter did not sign (run elsewhere, sent by a
          // classmate; here: the saved one, changed on disk): classic Notebook keeps its
          // HTML but runs none of its scripts.
          const copy = await savedNotebook(server, chapter);
          copy.metadata = { ...copy.metadata, kit_browser_test: 'copia modificada fuera de Jupyter' };
          writeFileSync(join(rootDir, `untrusted-${chapter}`), JSON.stringify(copy));
          await reopen(browser, frontEnd, server, `untrusted-${chapter}`, label, errors, { expected, expectTrusted: false });
        }
        await shutdownKernels(server);
      }
    }
    const kit = errors.filter(({ line }) => jupyterOwnReason(frontEnd, line) === undefined).map(({ where, line }) => `${where}: ${line}`);
    const own = new Map();
    for (const { line } of errors) {
      const why = jupyterOwnReason(frontEnd, line);
      if (why) own.set(why, { n: (own.get(why)?.n ?? 0) + 1, sample: own.get(why)?.sample ?? line });
    }
    for (const [why, { n, sample }] of own) console.log(`·     ${label}: ${n} console errors of Jupyter itself: ${why} (e.g. ${sample.slice(0, 240)})`);
    check(kit.length === 0, `${label}: no console errors from the kit${kit.length ? `: ${kit.slice(0, 3).map((e) => e.slice(0, 500)).join(' | ')}` : ''}`);
  } catch (error) {
    check(false, `${label}: crashed: ${error instanceof Error ? error.stack : error}`);
  } finally {
    await context.close();
    await shutdownKernels(server).catch(() => undefined);
    await server.stop();
  }
  console.log(`·     ${label}: ${seconds(t0)} s`);
}

/** The first drawn plot of the page in view, saved as docs/screenshots/<front end>.png. */
async function screenshot(page, frontEnd) {
  if (frontEnd === 'lab') {
    // The file browser off, so the notebook gets the width (Ctrl+B toggles the left sidebar).
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+b');
  }
  const first = page.locator('.js-plotly-plot').first();
  await first.scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0);
  await page.waitForTimeout(500);
  mkdirSync(join(ROOT, 'docs', 'screenshots'), { recursive: true });
  await page.screenshot({ path: join(ROOT, 'docs', 'screenshots', `${frontEnd}.png`) });
}

/**
 * Runs one front end's checks; if any failed, runs them once more (a loaded machine can
 * stall a kernel's start past the waits). A pass on the second attempt is printed as flaky,
 * with the first attempt's failures left above it; a second failure counts.
 */
async function withOneRetry(label, run) {
  const first = { passes: 0, failures: 0 };
  await attempt.run(first, run);
  if (first.failures === 0) return;
  console.log(`retry ${label}: ${first.failures} failed check(s) above; running it once more`);
  failures -= first.failures;
  passes -= first.passes;
  const second = { passes: 0, failures: 0 };
  await attempt.run(second, run);
  if (second.failures === 0) console.log(`flaky ${label}: passed on the second attempt (the first attempt's ${first.failures} failure(s) are above)`);
}

const browser = await launchChromium();
const timings = [];
/** One lane: its parts one after another. */
async function lane(parts) {
  for (const part of parts) {
    const t0 = Date.now();
    if (part === 'book') await testBook(browser);
    else if (part === 'remote') {
      const why = remoteUnavailable();
      if (why) check(false, `remote: ${why}`);
      else for (const frontEnd of ['classic', 'lab']) await withOneRetry(`${frontEnd} remote`, () => testFrontEnd(browser, frontEnd, { remote: true }));
    } else await withOneRetry(part, () => testFrontEnd(browser, part));
    timings.push(`${part} ${seconds(t0)} s`);
  }
}
try {
  // Classic Notebook (its own Debian Jupyter) beside the pip JupyterLab family.
  const lanes = [['book', 'classic', 'remote'], ['lab', 'nb7']]
    .map((parts) => parts.filter((p) => selected.includes(p)))
    .filter((parts) => parts.length > 0);
  await Promise.all(lanes.map((parts) => lane(parts).catch((error) => {
    check(false, `browser test crashed: ${error instanceof Error ? error.stack : error}`);
  })));
} catch (error) {
  check(false, `browser test crashed: ${error instanceof Error ? error.stack : error}`);
} finally {
  await browser.close();
}
console.log(`browser times: ${timings.join(', ')}`);
console.log(`browser: ${passes} passed, ${failures} failed`);
process.exit(failures > 0 ? 1 : 0);
