// allCoresRate when a worker fails: fake worker threads and fake timers, so nothing real is left to leak.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
// vi.mock below is hoisted above this import: mining-speed gets the fake Worker.
import { allCoresRate } from '../../lib/blockchain/mining-speed';

type Failure = 'error' | 'exit';
const fakes = vi.hoisted(() => ({ created: [] as { terminated: boolean }[], failure: 'error' as 'error' | 'exit' }));

vi.mock('node:worker_threads', async () => {
  const { EventEmitter } = await import('node:events');
  class FakeWorker extends EventEmitter {
    terminated = false;
    constructor() {
      super();
      const index = fakes.created.length;
      fakes.created.push(this);
      // Worker 1 fails; the others say they are ready and then never answer.
      queueMicrotask(() => {
        if (index !== 1) this.emit('message', { ready: true });
        else if (fakes.failure === 'error') this.emit('error', new Error('fallo simulado del hilo'));
        else this.emit('exit', 1);
      });
    }
    postMessage(): void {}
    async terminate(): Promise<number> {
      this.terminated = true;
      return 1;
    }
  }
  return { Worker: FakeWorker, parentPort: null };
});

describe('allCoresRate cleans up after a failed run', () => {
  beforeEach(() => {
    fakes.created.length = 0;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => vi.useRealTimers());

  it.each<[Failure, RegExp]>([['error', /fallo simulado/], ['exit', /terminó \(código 1\)/]])('one worker fails by %s: rejects, terminates every worker, leaves no timer', async (failure, message) => {
    fakes.failure = failure;
    await expect(allCoresRate(100, 3)).rejects.toThrow(message);
    expect(fakes.created).toHaveLength(3);
    expect(fakes.created.every((w) => w.terminated)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses a bad duration or thread count before starting any worker', async () => {
    await expect(allCoresRate(0, 2)).rejects.toThrow(RangeError);
    await expect(allCoresRate(100, 0)).rejects.toThrow(RangeError);
    expect(fakes.created).toHaveLength(0);
  });
});
