import { figureBundle, type MimeBundle } from './bundle';
import type { Figure } from './figure';
import { servePlotly } from './server';
import { tableBundle, type Cell } from './table';

type WriteDisplayData = (data: { data: MimeBundle; metadata: object; transient: object }, update: boolean) => void;

/**
 * The kernel's display channel, when this code runs inside tslab (during a cell's
 * execution tslab sets `lastWriteDisplayData`); undefined in plain Node and tests.
 * tslab's public `display` sends one MIME type per output; a figure needs a bundle.
 */
function kernelDisplay(): WriteDisplayData | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const jupyter = require('tslab/dist/jupyter') as { lastWriteDisplayData: WriteDisplayData | null };
    return jupyter.lastWriteDisplayData ?? undefined;
  } catch {
    return undefined;
  }
}

let plotlyUrl: string | undefined;
let sequence = 0;

function startServer(): Promise<string> {
  return servePlotly().then((url) => (plotlyUrl = url));
}

// Inside a kernel, start serving plotly.js as soon as the course imports lib/plot, so
// that by the time a later cell draws, the URL is known and `show` stays synchronous.
if (kernelDisplay()) void startServer().catch(() => undefined);

/**
 * Draws a figure inline in the notebook (Jupyter classic, JupyterLab, VS Code) or, in
 * plain Node, prints a one-line description. Import lib/plot in an earlier cell than
 * the first `show` (chapters do it in their first cell): the kernel then already
 * serves plotly.js for the HTML view; otherwise await {@link plotReady} first.
 *
 * @example
 * import { show } from './lib/plot/index';
 * show({ data: [{ type: 'bar', x: ['A', 'B'], y: [3, 5] }], layout: { title: 'Mensajes' } });
 */
export function show(figure: Figure): void {
  const write = kernelDisplay();
  if (!write) {
    console.log(figureBundle(figure)['text/plain']);
    return;
  }
  sequence += 1;
  write({ data: figureBundle(figure, { plotlyUrl, sequence }), metadata: {}, transient: {} }, false);
}

/**
 * Resolves once the kernel serves plotly.js (immediately outside a kernel). Only needed
 * when a cell imports lib/plot and draws at once: `await plotReady(); show(fig);`.
 */
export function plotReady(): Promise<void> {
  if (plotlyUrl || !kernelDisplay()) return Promise.resolve();
  return startServer().then(() => undefined);
}

/**
 * Shows rows as a table: HTML in the notebook, aligned text in plain Node. Strings are
 * not quoted and numbers are right-aligned, unlike `console.table`.
 *
 * @example
 * showTable([{ réplicas: 1, disponibilidad: 0.99 }, { réplicas: 2, disponibilidad: 0.9999 }]);
 */
export function showTable(rows: readonly Record<string, Cell>[], title?: string): void {
  const bundle = tableBundle(rows, title);
  const write = kernelDisplay();
  if (!write) console.log(bundle['text/plain']);
  else write({ data: bundle, metadata: {}, transient: {} }, false);
}
