import { describe, expect, it } from 'vitest';
import { checkLinearizability, generateHistory, keyValueModel, linearizabilityTimeline, registerModel } from '../../lib/linearizability/index';
import type { Operation } from '../../lib/linearizability/index';
import { figureBundle } from '../../lib/plot/index';
import { createRng } from '../../lib/random/index';

const ops: Operation[] = [
  { id: 0, client: 'a', input: { f: 'write', value: 1 }, invokeMs: 0, completeMs: 10, status: 'ok' },
  { id: 1, client: 'b', input: { f: 'write', value: 2 }, invokeMs: 2, status: 'info' },
  { id: 2, client: 'c', input: { f: 'write', value: 3 }, invokeMs: 3, completeMs: 4, status: 'fail' },
  { id: 3, client: 'a', input: { f: 'read' }, output: 2, invokeMs: 12, completeMs: 15.5, status: 'ok' },
];

describe('linearizabilityTimeline', () => {
  it('draws one row per client, info bars open-ended under the row, fail bars grey, order numbers and state on hover', () => {
    const model = registerModel();
    const result = checkLinearizability(model, ops);
    expect(result.verdict).toBe('ok'); // the unknown write of 2 took effect before the read
    const figure = linearizabilityTimeline(ops, result, { model });
    expect(figure.layout?.yaxis?.['categoryarray']).toEqual(['a', 'b', 'c']);
    const ok = figure.data.find((t) => t.name === 'operaciones' && t.opacity === undefined)!;
    expect(ok.text).toEqual(['1', '3']);
    const info = figure.data.find((t) => t.width === 0.16)!; // the thin open-ended band
    expect(info.base).toEqual([2]);
    expect((info.x as number[])[0]).toBeGreaterThan(15.5 - 2); // runs to the end of the history
    expect(info.text).toEqual(['2']);
    expect((info.marker as { pattern?: unknown }).pattern).toBeDefined();
    expect(figure.data.find((t) => t.name === 'fallidas (sin efecto)')!.hovertext).toEqual([expect.stringContaining('falló')]);
    expect(String((ok.hovertext as string[])[1])).toContain('15,5 ms'); // decimal comma
    expect(String((ok.hovertext as string[])[1])).toContain('estado después: 2');
    expect(figure.layout?.['separators']).toBe(', ');
    expect(figure.layout?.xaxis?.title).toBe('tiempo (ms)');
  });

  it('colours by key and stays a valid, bounded figure with hundreds of operations', () => {
    const { history } = generateHistory(createRng('timeline'), { kind: 'kv', operations: 600, clients: 8, keys: 5, staleReads: 1 });
    const result = checkLinearizability(keyValueModel(), history);
    expect(result.verdict).toBe('illegal');
    const figure = linearizabilityTimeline(history, result, { model: keyValueModel() });
    const legend = figure.data.filter((t) => t.showlegend === true).map((t) => t.name);
    expect(legend.filter((n) => String(n).startsWith('clave '))).toHaveLength(5);
    const bars = figure.data.reduce((n, t) => n + (t.y?.length ?? 0), 0);
    expect(bars).toBe(history.length);
    expect(figure.layout?.height).toBeLessThanOrEqual(900);
    expect(figure.layout?.['uniformtext']).toEqual({ minsize: 8, mode: 'hide' });
    expect(() => figureBundle(figure)).not.toThrow();
    // The ok operations left out of the illegal key's longest prefix are drawn faded.
    const faded = figure.data.filter((t) => t.opacity === 0.4).reduce((n, t) => n + (t.y?.length ?? 0), 0);
    const unplaced = result.partitions.flatMap((p) => p.unplaced.filter((id) => id !== p.firstImpossible));
    expect(faded).toBe(unplaced.length);
    expect(faded).toBeGreaterThan(0);
  });
});
