// @real-io: the lecture's coordinator, calling real workers over HTTP.
/**
 * The lecture's `distribute_and_reduce`, translated line by line and run against real worker
 * processes: its split (with the bug), one `analyze` call per batch, and the sum of the partial
 * counts. No tasks, no files, no re-execution: a worker that fails makes the whole call fail.
 */
import { JsonRpcHttpClient } from '../rpc/index';
import type { WorkerEndpoint } from './pool';
import { lectureSplit, lostItems } from './split';

/** What the lecture's coordinator returns, plus what it silently left out. */
export interface LectureResult {
  /** `{"positivo": …, "negativo": …}`, as the lecture's `final_result`. */
  readonly finalResult: { positivo: number; negativo: number };
  /** Comments sent to some worker. */
  readonly sent: number;
  /** Comments in no batch (the tail `zip` dropped). */
  readonly lost: readonly string[];
}

/**
 * Runs the lecture's coordinator over `comments` (texts) and `workers`: batches of
 * `len(comments) // len(workers)`, `zip(batches, workers)`, one `analyze` JSON-RPC call each,
 * then the sum. Throws like the lecture when there are fewer comments than workers.
 *
 * @example
 * const { finalResult, lost } = await lectureDistributeAndReduce(texts, pool.workers);
 */
export async function lectureDistributeAndReduce(comments: readonly string[], workers: readonly WorkerEndpoint[]): Promise<LectureResult> {
  const zipped = lectureSplit(comments, workers.map((w) => w.url));
  const finalResult = { positivo: 0, negativo: 0 };
  for (const { worker, batch } of zipped) {
    const client = new JsonRpcHttpClient({ url: worker, retries: 0 });
    try {
      const partial = (await client.call('analyze', [batch])) as { positivo: number; negativo: number };
      finalResult.positivo += partial.positivo;
      finalResult.negativo += partial.negativo;
    } finally {
      client.close();
    }
  }
  const batches = zipped.map((z) => z.batch);
  return { finalResult, sent: batches.reduce((n, b) => n + b.length, 0), lost: lostItems(comments, batches) };
}
