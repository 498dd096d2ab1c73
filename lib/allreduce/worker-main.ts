// @real-io: the entry of an AllReduce worker thread (measures its exchange time).
/**
 * An AllReduce worker thread: says `Ready`, then keeps its ring ports (a MessagePort to its
 * successor, one from its predecessor), its shard of rows, and runs what the main thread asks:
 * one ring AllReduce, ring-AllReduce training, or parameter-server training (as a worker or as
 * the server). Loaded through tsx's CommonJS hook by `threads.ts`.
 */
import { parentPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { applyGradient, gradientSum } from './logistic';
import type { LogisticDataset } from './dataset';
import { chunkBounds, ringStepChunks } from './ring';
import type { ChunkMessage, PlantedFault, ToWorker } from './messages';

const port = parentPort;
if (port === null) throw new Error('worker-main.ts debe ejecutarse en un hilo trabajador (worker_threads)');

/** Messages from one port, by key, and whoever waits for a key not yet arrived. */
class Inbox<T> {
  private readonly arrived = new Map<string, T>();
  private readonly waiting = new Map<string, (value: T) => void>();
  constructor(source: MessagePort, key: (message: T) => string) {
    source.on('message', (message: T) => {
      const k = key(message);
      const waiter = this.waiting.get(k);
      if (waiter === undefined) this.arrived.set(k, message);
      else {
        this.waiting.delete(k);
        waiter(message);
      }
    });
  }
  take(k: string): Promise<T> {
    const ready = this.arrived.get(k);
    if (ready !== undefined) {
      this.arrived.delete(k);
      return Promise.resolve(ready);
    }
    return new Promise((resolve) => this.waiting.set(k, resolve));
  }
}

interface Ring {
  readonly rank: number;
  readonly n: number;
  readonly next?: MessagePort;
  readonly inbox?: Inbox<ChunkMessage>;
}

/** A gradient or the weights of one iteration, between a worker and the parameter server. */
interface Tagged {
  readonly it: number;
  readonly vector: Float64Array;
}

const rings = new Map<number, Ring>();
const staged = new Map<string, Extract<ToWorker, { type: 'AllReduce' }>>();
const servers = new Map<number, Array<Inbox<Tagged>>>();
const workerPorts = new Map<number, { port: MessagePort; inbox: Inbox<Tagged> }>();
let shard: LogisticDataset | undefined;

const chunkKey = (m: ChunkMessage) => `${m.opId}/${m.phase}/${m.step}`;
const iterationKey = (m: { it: number }) => String(m.it);

/** Ring AllReduce of `vector` in place: reduce-scatter, then all-gather (see ring.ts). */
async function ringAllReduce(ring: Ring, opId: string, vector: Float64Array, fault?: PlantedFault): Promise<Float64Array> {
  const { n, rank, next, inbox } = ring;
  if (n === 1 || next === undefined || inbox === undefined) return vector;
  const bounds = chunkBounds(vector.length, n);
  let globalStep = 0;
  for (const phase of ['reduce-scatter', 'all-gather'] as const) {
    for (let step = 0; step < n - 1; step++, globalStep++) {
      if (fault !== undefined && fault.rank === rank && fault.atStep === globalStep) {
        if (fault.kind === 'exit') throw new Error(`fallo planteado: el hilo ${rank} se cae en el paso ${globalStep}`);
        await new Promise<never>(() => undefined); // 'hang': never answers again
      }
      const { send, receive } = ringStepChunks(phase, n, rank, step);
      const [a, b] = bounds[send] as readonly [number, number];
      const chunk = vector.slice(a, b); // one copy; its buffer is then transferred, not cloned
      const out: ChunkMessage = { opId, phase, step, chunk };
      next.postMessage(out, [chunk.buffer as ArrayBuffer]);
      const got = await inbox.take(`${opId}/${phase}/${step}`);
      const [c] = bounds[receive] as readonly [number, number];
      const incoming = got.chunk;
      if (phase === 'reduce-scatter') for (let i = 0; i < incoming.length; i++) vector[c + i] = (incoming[i] as number) + (vector[c + i] as number);
      else vector.set(incoming, c);
    }
  }
  return vector;
}

function ringOf(ringId: number): Ring {
  const ring = rings.get(ringId);
  if (ring === undefined) throw new Error(`el anillo ${ringId} no está configurado en este hilo`);
  return ring;
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'Ring': {
      const inbox = message.prev === undefined ? undefined : new Inbox<ChunkMessage>(message.prev, chunkKey);
      rings.set(message.ringId, { rank: message.rank, n: message.n, ...(message.next ? { next: message.next } : {}), ...(inbox ? { inbox } : {}) });
      port!.postMessage({ type: 'Ack', of: `ring-${message.ringId}` });
      return;
    }
    case 'AllReduce':
      // Staged: the ring starts on `Go`, when every thread holds its vector.
      staged.set(message.opId, message);
      port!.postMessage({ type: 'Ack', of: `staged-${message.opId}` });
      return;
    case 'Go': {
      const op = staged.get(message.opId);
      if (op === undefined) throw new Error(`la operación ${message.opId} no tiene vector en este hilo`);
      staged.delete(message.opId);
      // The ring time: from sending the first chunk to holding the last one received.
      const t0 = performance.now();
      const vector = await ringAllReduce(ringOf(op.ringId), op.opId, op.vector, op.fault);
      const ringMs = performance.now() - t0;
      port!.postMessage({ type: 'Reduced', opId: op.opId, vector, ringMs }, [vector.buffer as ArrayBuffer]);
      return;
    }
    case 'Sink':
      // The bench's reference: one postMessage of the same bytes, acknowledged.
      port!.postMessage({ type: 'Ack', of: message.opId });
      return;
    case 'LoadShard':
      shard = message.shard;
      port!.postMessage({ type: 'Ack', of: `shard-${message.shardId}` });
      return;
    case 'TrainRing': {
      const data = needShard();
      const ring = ringOf(message.ringId);
      const weights = new Float64Array(data.features + 1);
      let exchangeMs = 0;
      for (let it = 0; it < message.iterations; it++) {
        const g = gradientSum(data, weights);
        const t0 = performance.now();
        const total = await ringAllReduce(ring, `${message.opId}:${it}`, g);
        exchangeMs += performance.now() - t0;
        applyGradient(weights, total, message.learningRate, message.totalRows);
      }
      port!.postMessage({ type: 'Trained', opId: message.opId, weights, exchangeMs });
      return;
    }
    case 'ServerPorts':
      servers.set(message.psId, message.ports.map((p) => new Inbox<Tagged>(p, iterationKey)));
      port!.postMessage({ type: 'Ack', of: `server-${message.psId}` });
      return;
    case 'WorkerPort':
      workerPorts.set(message.psId, { port: message.port, inbox: new Inbox<Tagged>(message.port, iterationKey) });
      port!.postMessage({ type: 'Ack', of: `worker-${message.psId}` });
      return;
    case 'TrainServer': {
      // The parameter server: sum the workers' gradients in rank order, update, send weights back.
      // Its exchangeMs (waiting for the gradients) includes the workers' compute: the main thread
      // leaves it out of ThreadTraining.exchangeMs.
      const inboxes = servers.get(message.psId);
      if (inboxes === undefined) throw new Error(`el servidor ${message.psId} no está configurado`);
      const weights = new Float64Array(message.features + 1);
      let exchangeMs = 0;
      for (let it = 0; it < message.iterations; it++) {
        const t0 = performance.now();
        const grads = await Promise.all(inboxes.map((inbox) => inbox.take(String(it))));
        exchangeMs += performance.now() - t0;
        const total = new Float64Array(weights.length);
        for (const g of grads) for (let j = 0; j < total.length; j++) total[j] = (total[j] as number) + (g.vector[j] as number);
        applyGradient(weights, total, message.learningRate, message.totalRows);
        for (const p of serverPortsOf(message.psId)) p.postMessage({ it, vector: weights.slice() });
      }
      port!.postMessage({ type: 'Trained', opId: message.opId, weights, exchangeMs });
      return;
    }
    case 'TrainWorker': {
      const data = needShard();
      const link = workerPorts.get(message.psId);
      if (link === undefined) throw new Error(`este hilo no tiene puerto al servidor ${message.psId}`);
      let weights: Float64Array = new Float64Array(data.features + 1);
      let exchangeMs = 0;
      for (let it = 0; it < message.iterations; it++) {
        const g = gradientSum(data, weights);
        const t0 = performance.now();
        link.port.postMessage({ it, vector: g }, [g.buffer as ArrayBuffer]);
        weights = (await link.inbox.take(String(it))).vector;
        exchangeMs += performance.now() - t0;
      }
      port!.postMessage({ type: 'Trained', opId: message.opId, weights, exchangeMs });
      return;
    }
  }
}

const serverPorts = new Map<number, readonly MessagePort[]>();
function serverPortsOf(psId: number): readonly MessagePort[] {
  return serverPorts.get(psId) ?? [];
}

function needShard(): LogisticDataset {
  if (shard === undefined) throw new Error('este hilo no tiene datos (LoadShard)');
  return shard;
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'ServerPorts') serverPorts.set(message.psId, message.ports);
  // An error thrown here (a planted 'exit' fault, a bug) kills the thread: the main thread sees its exit.
  handle(message).catch((error: unknown) => {
    setTimeout(() => {
      throw error;
    }, 0);
  });
});
port.postMessage({ type: 'Ready' });
