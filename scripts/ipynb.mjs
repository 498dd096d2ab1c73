#!/usr/bin/env node
// Converts between .ipynb and the jupytext "percent" text format, for authoring and
// reviewing notebooks as plain text. The .ipynb files are the source of truth.
//
//   node scripts/ipynb.mjs pack   SRC.ts OUT.ipynb   text -> notebook (no outputs)
//   node scripts/ipynb.mjs unpack NB.ipynb [OUT.ts]  notebook -> text (stdout by default)
//   node scripts/ipynb.mjs strip  NB.ipynb ...       remove outputs and execution counts
//
// Text format: a line `// %%` starts a code cell, `// %% [markdown]` a markdown cell
// whose lines are written as `// ` comments.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const KERNELSPEC = { display_name: 'TypeScript', language: 'typescript', name: 'tslab' };

export function parsePercent(text) {
  const cells = [];
  let current;
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    const marker = /^\/\/ %%(?:\s+\[(\w+)\])?\s*$/.exec(line);
    if (marker) {
      current = { type: marker[1] === 'markdown' ? 'markdown' : 'code', lines: [] };
      cells.push(current);
      continue;
    }
    if (!current) {
      if (line.trim() === '') continue;
      current = { type: 'code', lines: [] };
      cells.push(current);
    }
    current.lines.push(current.type === 'markdown' ? line.replace(/^\/\/ ?/, '') : line);
  }
  return cells.map(({ type, lines }) => {
    while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
    while (lines.length && lines[0].trim() === '') lines.shift();
    return { type, source: lines.join('\n') };
  });
}

export function toNotebook(cells) {
  return {
    cells: cells.map(({ type, source }, index) => {
      const id = createHash('sha1').update(`${index}:${source}`).digest('hex').slice(0, 8);
      const lines = source.split('\n').map((l, i, all) => (i < all.length - 1 ? `${l}\n` : l));
      return type === 'markdown'
        ? { cell_type: 'markdown', id, metadata: {}, source: lines }
        : { cell_type: 'code', execution_count: null, id, metadata: {}, outputs: [], source: lines };
    }),
    metadata: {
      kernelspec: KERNELSPEC,
      language_info: { name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript' },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

export function toPercent(notebook) {
  return notebook.cells
    .map((cell) => {
      const source = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
      if (cell.cell_type === 'markdown') {
        return `// %% [markdown]\n${source.split('\n').map((l) => (l ? `// ${l}` : '//')).join('\n')}`;
      }
      return `// %%\n${source}`;
    })
    .join('\n\n') + '\n';
}

export function strip(notebook) {
  for (const cell of notebook.cells) {
    if (cell.cell_type === 'code') {
      cell.outputs = [];
      cell.execution_count = null;
      if (cell.metadata) delete cell.metadata.execution;
    }
  }
  return notebook;
}

const write = (path, nb) => writeFileSync(path, JSON.stringify(nb, null, 1) + '\n');

function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'pack' && rest.length === 2) {
    write(rest[1], toNotebook(parsePercent(readFileSync(rest[0], 'utf8'))));
  } else if (command === 'unpack' && rest.length >= 1) {
    const text = toPercent(JSON.parse(readFileSync(rest[0], 'utf8')));
    if (rest[1]) writeFileSync(rest[1], text);
    else process.stdout.write(text);
  } else if (command === 'strip' && rest.length >= 1) {
    for (const path of rest) write(path, strip(JSON.parse(readFileSync(path, 'utf8'))));
  } else {
    console.error('usage: ipynb.mjs pack SRC.ts OUT.ipynb | unpack NB.ipynb [OUT.ts] | strip NB.ipynb ...');
    process.exit(2);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
