// @real-io: the entry of one actor host in a worker thread (started by threads.ts through tsx).
/**
 * A worker thread that runs one protocol node (an actor host) with real timers: it loads the
 * host factory by module and export name, starts the node, turns `send` effects into messages
 * to the main thread (which routes them), timers into `setTimeout`, outputs into messages.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { createRng } from '../random/index';
import { MemoryDurableStore } from '../sim/durable';
import type { Effect, Input, NodeFactory, ProtocolNode } from '../sim/types';

interface ThreadData {
  readonly module: string;
  readonly export: string;
  readonly args: readonly unknown[];
  readonly id: string;
  readonly nodeIds: readonly string[];
  readonly seed: string;
}

const data = workerData as ThreadData;
const port = parentPort;
const timers = new Map<string, ReturnType<typeof setTimeout>>();
let startedAt = 0;
const now = () => performance.timeOrigin + performance.now() - startedAt;

function run(node: ProtocolNode<unknown>, compute: () => Effect<unknown>[]): void {
  let effects: Effect<unknown>[];
  try {
    effects = compute();
  } catch (error) {
    port?.postMessage({ type: 'output', label: 'thread.error', data: { host: data.id, error: error instanceof Error ? error.message : String(error) }, timeMs: now() });
    return;
  }
  for (const effect of effects) {
    if (effect.type === 'send') port?.postMessage({ type: 'send', to: effect.to, message: effect.message });
    else if (effect.type === 'output') port?.postMessage({ type: 'output', label: effect.label, data: effect.data, timeMs: now() });
    else if (effect.type === 'cancelTimer') {
      clearTimeout(timers.get(effect.name));
      timers.delete(effect.name);
    } else if (effect.type === 'setTimer') {
      clearTimeout(timers.get(effect.name));
      const name = effect.name;
      timers.set(name, setTimeout(() => {
        timers.delete(name);
        run(node, () => node.step({ type: 'timer', name }, now()));
      }, Math.max(0, effect.afterMs)));
    }
  }
}

if (port !== null) {
  const loaded = require(data.module) as Record<string, (...args: unknown[]) => NodeFactory<unknown>>;
  const make = loaded[data.export];
  if (typeof make !== 'function') throw new Error(`${data.module} no exporta ${data.export}`);
  const node = make(...data.args)({ id: data.id, nodeIds: data.nodeIds, rng: createRng(`${data.seed}/${data.id}`), durable: new MemoryDurableStore() });
  // Every host starts at once, when all threads have loaded: a slow start is not a timeout.
  port.on('message', (m: { type: 'input'; input: Input<unknown> } | { type: 'start'; startedAt: number }) => {
    if (m.type === 'input') run(node, () => node.step(m.input, now()));
    else {
      startedAt = m.startedAt;
      run(node, () => node.start(now()));
    }
  });
  port.postMessage({ type: 'ready' });
}
