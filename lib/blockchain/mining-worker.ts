// @real-io: the entry of a mining worker thread (measures its own wall-clock rate).
/**
 * A mining worker thread: receives `{ header, durationMs }`, runs the midstate double-SHA-256
 * search over its own nonces until the time is up, and answers `{ hashes, elapsedMs }`.
 * Loaded through tsx's CommonJS hook by mining-speed.ts.
 */
import { parentPort } from 'node:worker_threads';
import { createHeaderMiner } from './sha256-midstate';

const port = parentPort;
if (port === null) throw new Error('mining-worker.ts debe ejecutarse en un hilo trabajador (worker_threads)');

port.on('message', (message: { header: Uint8Array; durationMs: number }) => {
  const miner = createHeaderMiner(Buffer.from(message.header));
  const chunk = 5_000;
  // Warm-up: V8 optimises the unrolled compression only after it has run a while.
  miner.search(0, 20_000, 256);
  const started = performance.now();
  let hashes = 0;
  // zeroBits 256 never matches: the search runs the whole chunk.
  while (performance.now() - started < message.durationMs) {
    miner.search(hashes, chunk, 256);
    hashes += chunk;
  }
  port.postMessage({ hashes, elapsedMs: performance.now() - started });
});
port.postMessage({ ready: true });
