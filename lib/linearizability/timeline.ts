/**
 * The picture of a check: one row per client, one bar per operation from invoke to
 * completion, coloured by key, numbered in linearization order, the first impossible
 * operation outlined in red, the model state after each operation on hover.
 * @packageDocumentation
 */
import type { Figure, Trace } from '../plot/index';
import { COLORWAY } from '../plot/index';
import type { LinearizabilityResult } from './checker';
import type { History, Operation } from './history';
import type { Model } from './model';
import { operationKey, UNKNOWN } from './model';

/** Options of {@link linearizabilityTimeline}. */
export interface TimelineOptions<S = unknown> {
  /** The model checked: its `describeOperation` and `describe` write the hover texts. */
  readonly model?: Model<S, any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Figure title (Spanish). */
  readonly title?: string;
  /** Where open-ended (info) bars end; default: the last time in the history. */
  readonly endMs?: number;
}

const IMPOSSIBLE = '#D55E00';
const FAILED = '#b0b0b0';

interface Placement {
  readonly order: number; // 1-based position in its part's linearization, 0 if not placed
  readonly stateText: string;
  readonly impossible: boolean;
  readonly unplaced: boolean;
  readonly exact: boolean; // its part's prefix is the true longest (prefixExact)
}

/**
 * Draws `history` with the outcome of {@link checkLinearizability}: a horizontal bar per
 * operation on its client's row; 'info' bars run to the end, faded and hatched (they may
 * take effect at any point after their invoke, or never); 'fail' bars are grey.
 * The number on a bar is its place in its key's linearization (or longest prefix).
 * @example
 * const result = checkLinearizability(registerModel(), history);
 * show(linearizabilityTimeline(history, result, { model: registerModel() }));
 */
export function linearizabilityTimeline<S>(history: History, result: LinearizabilityResult<S>, options: TimelineOptions<S> = {}): Figure {
  const model = options.model;
  const lastMs = history.reduce((m, op) => Math.max(m, op.completeMs ?? op.invokeMs), 0);
  const endMs = options.endMs ?? lastMs + Math.max(1, lastMs * 0.02);
  const placements = new Map<number, Placement>();
  for (const part of result.partitions) {
    part.linearization.forEach((id, k) => {
      const state = part.states[k] as S;
      const stateText = model?.describe ? model.describe(state) : JSON.stringify(state) ?? String(state);
      placements.set(id, { order: k + 1, stateText, impossible: false, unplaced: false, exact: part.prefixExact });
    });
    if (part.firstImpossible !== undefined) {
      placements.set(part.firstImpossible, { order: 0, stateText: '', impossible: true, unplaced: true, exact: part.prefixExact });
    }
    for (const id of part.unplaced) if (!placements.has(id)) placements.set(id, { order: 0, stateText: '', impossible: false, unplaced: true, exact: part.prefixExact });
  }
  const clients = [...new Set(history.map((op) => op.client))].sort((a, b) => a.localeCompare(b, 'es', { numeric: true }));
  const keyOf = (op: Operation): string => operationKey(op);
  const keys = [...new Set(history.map(keyOf))];
  const colorOf = new Map(keys.map((k, i) => [k, COLORWAY[i % (COLORWAY.length - 1)] as string]));

  const describe = (op: Operation): string => {
    const output = op.status === 'info' ? UNKNOWN : op.output;
    return model?.describeOperation ? model.describeOperation(op.input as never, output as never) : JSON.stringify(op.input);
  };
  const hover = (op: Operation): string => {
    const p = placements.get(op.id);
    const end = op.completeMs === undefined ? 'sin respuesta' : `${formatMs(op.completeMs)} ms`;
    const lines = [`#${op.id} ${op.client}${op.key !== undefined ? ` · clave ${op.key}` : ''}: ${describe(op)}`,
      `${formatMs(op.invokeMs)} ms → ${end} · ${STATUS_TEXT[op.status]}`];
    if (p !== undefined && p.order > 0) lines.push(`linealizada en la posición ${p.order}; estado después: ${p.stateText}`);
    const found = p?.exact === false ? ' encontrado' : '';
    if (p?.impossible) lines.push(`<b>imposible</b>: no cabe después del prefijo linealizable más largo${found}`);
    else if (p?.unplaced) lines.push(`no colocada en el prefijo más largo${found}`);
    else if (op.status === 'info' && (p === undefined || p.order === 0)) lines.push('no tuvo efecto en la linealización');
    return lines.join('<br>');
  };

  const data: Trace[] = [];
  const bar = (ops: readonly Operation[], name: string, color: string, extra: Record<string, unknown>, showlegend: boolean): void => {
    if (ops.length === 0) return;
    data.push({
      type: 'bar', orientation: 'h', name, showlegend, legendgroup: name,
      y: ops.map((op) => op.client),
      base: ops.map((op) => op.invokeMs),
      x: ops.map((op) => Math.max((op.completeMs ?? endMs) - op.invokeMs, lastMs * 0.002)),
      width: 0.6,
      text: ops.map((op) => { const p = placements.get(op.id); return p !== undefined && p.order > 0 ? String(p.order) : ''; }),
      textposition: 'inside', insidetextanchor: 'middle', textangle: 0,
      hovertext: ops.map(hover), hoverinfo: 'text',
      marker: { color, line: { color: '#ffffff', width: 1 } },
      ...extra,
    });
  };
  for (const key of keys) {
    const color = colorOf.get(key) as string;
    const ofKey = history.filter((op) => keyOf(op) === key && op.status !== 'fail' && !placements.get(op.id)?.impossible);
    const name = keys.length === 1 ? 'operaciones' : `clave ${key}`;
    const unplaced = (op: Operation): boolean => placements.get(op.id)?.unplaced === true;
    bar(ofKey.filter((op) => op.status === 'ok' && !unplaced(op)), name, color, {}, true);
    // Ok operations left out of an illegal key's longest prefix: same colour, faded.
    bar(ofKey.filter((op) => op.status === 'ok' && unplaced(op)), name, color, { opacity: 0.4 }, false);
    // Info operations run to the end: a thin hatched band under the row, so the client's
    // later operations stay visible above it.
    bar(ofKey.filter((op) => op.status === 'info'), name, color, {
      width: 0.16, offset: 0.3, opacity: 0.6,
      marker: { color, line: { color, width: 0.5 }, pattern: { shape: '/', fgcolor: '#ffffff', size: 4 } },
    }, false);
  }
  bar(history.filter((op) => op.status === 'fail'), 'fallidas (sin efecto)', FAILED, { opacity: 0.6 }, true);
  const impossible = history.filter((op) => placements.get(op.id)?.impossible);
  bar(impossible, 'imposible', IMPOSSIBLE, { marker: { color: IMPOSSIBLE, line: { color: '#000000', width: 2 } }, text: impossible.map(() => '✗') }, true);

  const annotations = impossible.map((op) => ({
    x: op.invokeMs, y: op.client, xref: 'x', yref: 'y', text: `#${op.id} imposible`, showarrow: true, arrowhead: 2,
    ax: 0, ay: -30, font: { size: 11, color: IMPOSSIBLE }, bgcolor: 'rgba(255,255,255,0.85)',
  }));
  const verdict = VERDICT_TITLE[result.verdict];
  return {
    data,
    layout: {
      title: options.title ?? `Historia: ${verdict}`,
      separators: ', ',
      barmode: 'overlay',
      bargap: 0.35,
      uniformtext: { minsize: 8, mode: 'hide' },
      xaxis: { title: 'tiempo (ms)', range: [history.reduce((m, op) => Math.min(m, op.invokeMs), 0), endMs], exponentformat: 'none' },
      yaxis: { title: 'cliente', type: 'category', categoryorder: 'array', categoryarray: clients, autorange: 'reversed' },
      annotations,
      height: Math.min(900, Math.max(260, 140 + 36 * clients.length)),
      hovermode: 'closest',
      legend: { orientation: 'h', y: -0.22, traceorder: 'normal' },
    },
  };
}

const STATUS_TEXT: Record<Operation['status'], string> = { ok: 'ok', fail: 'falló (sin efecto)', info: 'resultado desconocido' };
const VERDICT_TITLE: Record<LinearizabilityResult['verdict'], string> = {
  ok: 'linealizable', illegal: 'NO linealizable', unknown: 'sin veredicto (presupuesto agotado)',
};

/** A time in ms: at most one decimal, with a decimal comma. */
function formatMs(timeMs: number): string {
  return String(Math.round(timeMs * 10) / 10).replace('.', ',');
}
