import { figureBundle, type MimeBundle } from './bundle';
import type { Figure } from './figure';
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

let sequence = 0;

/**
 * Draws a figure inline in the notebook (Jupyter classic, JupyterLab, VS Code) or, in
 * plain Node, prints a one-line description.
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
  // Nothing is served from the kernel: every front end draws from the output alone
  // (see ./loader), so a saved notebook and a remote Jupyter draw too.
  write({ data: figureBundle(figure, { sequence }), metadata: {}, transient: {} }, false);
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
