#!/usr/bin/env node
// Builds the course as a static site: build/book/index.html from course.md and one page
// per executed notebook (prose, code, outputs, interactive plots). Works offline from
// file://: plotly.js is copied once into assets/, never fetched from a CDN.
//
// Usage: node scripts/book.mjs [--no-execute] [--out DIR] [--executed DIR] [--only 00,01]
//   --executed reads executed copies from another folder; --only builds some chapters.
//   Notebooks are executed first (scripts/run-notebooks.mjs) unless --no-execute is
//   given and every executed copy in build/executed is newer than its notebook.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { BUILD, NOTEBOOKS, ROOT } from './lib/jupyter.mjs';
import { escapeHtml as escape } from './lib/cli.mjs';
import { highlightTypeScript } from './lib/highlight.mjs';

const require = createRequire(import.meta.url);
const MarkdownIt = require('markdown-it');
const PLOTLY_MIME = 'application/vnd.plotly.v1+json';
const COURSE = 'Arquitectura de Sistemas Distribuidos';

const args = process.argv.slice(2);
const noExecute = args.includes('--no-execute');
const outIndex = args.indexOf('--out');
const OUT = outIndex >= 0 ? resolve(args[outIndex + 1]) : join(BUILD, 'book');
const executedIndex = args.indexOf('--executed');
const EXECUTED = executedIndex >= 0 ? resolve(args[executedIndex + 1]) : join(BUILD, 'executed');

const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1].split(',') : undefined;
const notebooks = readdirSync(NOTEBOOKS).filter((n) => n.endsWith('.ipynb')).sort()
  .filter((n) => !only || only.some((prefix) => n.startsWith(prefix)));
const stale = notebooks.filter((n) => {
  const executed = join(EXECUTED, n);
  return !existsSync(executed) || statSync(executed).mtimeMs < statSync(join(NOTEBOOKS, n)).mtimeMs;
});
if (stale.length > 0) {
  if (noExecute) {
    console.error(`book: these notebooks have no up-to-date executed copy: ${stale.join(', ')}`);
    console.error('book: run without --no-execute (or "npm test") first');
    process.exit(1);
  }
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'run-notebooks.mjs'), ...stale.map((n) => join(NOTEBOOKS, n))], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

const md = new MarkdownIt({
  html: true,
  linkify: true,
  typographer: true,
  // Fenced code in the prose gets the same highlighting as code cells (markdown-it escapes the rest).
  highlight: (code, lang) => (/^(ts|typescript|js|javascript|json)$/i.test(lang) ? highlightTypeScript(code) : ''),
});
// Headings get ids (for the chapter's table of contents) and are collected in env.headings.
md.renderer.rules.heading_open = (tokens, index, options, env, self) => {
  const inline = tokens[index + 1];
  const text = (inline?.children ?? []).filter((t) => t.type === 'text' || t.type === 'code_inline').map((t) => t.content).join('').trim();
  if (env && env.slugs) {
    const base = text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'seccion';
    let slug = base;
    for (let n = 2; env.slugs.has(slug); n++) slug = `${base}-${n}`;
    env.slugs.add(slug);
    tokens[index].attrSet('id', slug);
    env.headings.push({ level: Number(tokens[index].tag.slice(1)), text, slug });
  }
  return self.renderToken(tokens, index, options);
};
const joinSource = (source) => (Array.isArray(source) ? source.join('') : String(source ?? ''));
/** Links to notebooks (from course.md or between chapters) point at their pages. */
const linkPages = (html) => html.replace(/href="(?:\.\.\/|\.\/)?(?:notebooks\/)?([\w-]+)\.ipynb"/g, 'href="$1.html"');

function titleOf(notebook, fallback) {
  for (const cell of notebook.cells) {
    if (cell.cell_type !== 'markdown') continue;
    const heading = /^#\s+(.+)$/m.exec(joinSource(cell.source));
    if (heading) return heading[1].trim();
  }
  return fallback;
}

let plotCount = 0;
function renderOutput(output) {
  if (output.output_type === 'stream') {
    return `<pre class="out ${output.name === 'stderr' ? 'stderr' : 'stdout'}">${escape(joinSource(output.text))}</pre>`;
  }
  if (output.output_type === 'error') {
    return `<pre class="out error">${escape(`${output.ename}: ${output.evalue}`)}</pre>`;
  }
  const data = output.data ?? {};
  if (data[PLOTLY_MIME]) {
    plotCount += 1;
    const id = `plot-${plotCount}`;
    const figure = JSON.stringify(data[PLOTLY_MIME]).replace(/</g, '\\u003c');
    return `<div class="plot" id="${id}"></div>\n<script>(function(){var f=${figure};Plotly.newPlot(${JSON.stringify(id)},f.data,f.layout,Object.assign({},f.config,{responsive:true}));})();</script>`;
  }
  if (data['text/html']) return `<div class="out html">${joinSource(data['text/html'])}</div>`;
  if (data['image/svg+xml']) return `<div class="out">${joinSource(data['image/svg+xml'])}</div>`;
  if (data['image/png']) return `<img class="out" alt="" src="data:image/png;base64,${joinSource(data['image/png']).trim()}">`;
  if (data['text/markdown']) return `<div class="out">${md.render(joinSource(data['text/markdown']))}</div>`;
  if (data['text/plain']) return `<pre class="out">${escape(joinSource(data['text/plain']))}</pre>`;
  return '';
}

/** A self-check cell explained for a reader of the book, who runs nothing. */
function selfCheckBox(source, code, outputs) {
  const which = /selfCheck\(\s*['"]([\d.]+)['"]/.exec(source)?.[1];
  const command = `npm run check -- ${which ?? 'all'}`;
  return `<aside class="selfcheck"><p class="selfcheck-title">Autocomprobación${which === undefined ? '' : /^\d\d$/.test(which) ? ` de los ejercicios del capítulo ${escape(which)}` : ` del ejercicio ${escape(which)}`}</p>
<p>En tu copia del curso, esta celda ejecuta las <strong>comprobaciones públicas</strong> de los ejercicios (lo mismo que <code>${escape(command)}</code> en una terminal) y muestra cuáles superas, tus puntos y la pista de la primera comprobación que falla. Aquí se ve lo que muestra con las soluciones de referencia; la nota final incluye además comprobaciones ocultas del profesor.</p>
${code}${outputs ? `<div class="outputs">${outputs}</div>` : ''}</aside>`;
}

/** The chapter's table of contents: its ## sections, with their ### subsections nested. */
function tableOfContents(headings) {
  const items = [];
  for (const h of headings.filter((h) => h.level === 2 || h.level === 3)) {
    if (h.level === 2 || items.length === 0) items.push({ ...h, children: [] });
    else items[items.length - 1].children.push(h);
  }
  if (items.length < 2) return '';
  const link = (h) => `<a href="#${h.slug}">${escape(h.text)}</a>`;
  return `<nav class="chapter-toc" aria-label="Contenido del capítulo"><p class="chapter-toc-title">En este capítulo</p><ul>${items
    .map((h) => `<li>${link(h)}${h.children.length ? `<ul>${h.children.map((c) => `<li>${link(c)}</li>`).join('')}</ul>` : ''}</li>`)
    .join('')}</ul></nav>`;
}

function renderNotebook(notebook) {
  const env = { headings: [], slugs: new Set() };
  const sections = notebook.cells.map((cell) => {
    const source = joinSource(cell.source);
    if (cell.cell_type === 'markdown') return `<section class="prose">${linkPages(md.render(source, env))}</section>`;
    if (cell.cell_type !== 'code') return '';
    const outputs = (cell.outputs ?? []).map(renderOutput).join('\n');
    const code = `<pre class="code"><code class="language-typescript">${highlightTypeScript(source)}</code></pre>`;
    if (/\bselfCheck\(/.test(source)) return `<section class="cell">${selfCheckBox(source, code, outputs)}</section>`;
    return `<section class="cell">${code}${outputs ? `<div class="outputs">${outputs}</div>` : ''}</section>`;
  });
  // The table of contents goes right after the chapter's opening cell (its title and intro).
  const first = notebook.cells.findIndex((cell) => cell.cell_type === 'markdown');
  sections.splice(first + 1, 0, tableOfContents(env.headings));
  return sections.join('\n');
}

function page({ title, body, nav, plots }) {
  return `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title === COURSE ? escape(COURSE) : `${escape(title)} · ${escape(COURSE)}`}</title>
<link rel="stylesheet" href="assets/book.css">
${plots ? '<script src="assets/plotly.js"></script>' : ''}
</head>
<body>
<header><a href="index.html">${escape(COURSE)}</a></header>
<main>
${body}
</main>
${nav ?? ''}
</body>
</html>
`;
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, 'assets'), { recursive: true });
copyFileSync(require.resolve('plotly.js-dist/plotly.js'), join(OUT, 'assets', 'plotly.js'));
copyFileSync(join(ROOT, 'scripts', 'book.css'), join(OUT, 'assets', 'book.css'));

const chapters = notebooks.map((name) => {
  const notebook = JSON.parse(readFileSync(join(EXECUTED, name), 'utf8'));
  return { name, slug: basename(name, '.ipynb'), notebook, title: titleOf(notebook, name) };
});

chapters.forEach((chapter, index) => {
  plotCount = 0;
  const body = renderNotebook(chapter.notebook);
  const prev = chapters[index - 1];
  const next = chapters[index + 1];
  const nav = `<nav class="pager">${prev ? `<a rel="prev" href="${prev.slug}.html">← ${escape(prev.title)}</a>` : '<span></span>'}<a href="index.html">Índice</a>${next ? `<a rel="next" href="${next.slug}.html">${escape(next.title)} →</a>` : '<span></span>'}</nav>`;
  writeFileSync(join(OUT, `${chapter.slug}.html`), page({ title: chapter.title, body, nav, plots: plotCount > 0 }));
});

const syllabus = linkPages(md.render(readFileSync(join(ROOT, 'course.md'), 'utf8'), { headings: [], slugs: new Set() }));
const toc = `<section class="toc"><h2>Capítulos</h2><ol start="0">${chapters
  .map((c) => `<li><a href="${c.slug}.html">${escape(c.title)}</a></li>`)
  .join('')}</ol></section>`;
// The course's title and introduction first (course.md up to its first ## section), then
// the chapters, then the rest of the syllabus.
const firstSection = syllabus.search(/<h2[\s>]/);
const intro = firstSection < 0 ? syllabus : syllabus.slice(0, firstSection);
const rest = firstSection < 0 ? '' : syllabus.slice(firstSection);
writeFileSync(join(OUT, 'index.html'), page({ title: COURSE, body: `<section class="prose intro">${intro}</section>\n${toc}\n<section class="prose">${rest}</section>`, plots: false }));
console.log(`book: ${chapters.length} chapters → ${OUT}/index.html`);
