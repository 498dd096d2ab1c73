// The lecture's trending words: chapter 04's MapReduce (2 worker processes) and the RDD word
// count give the reference's counts on the committed tweets; no worker is left behind.
import { describe, expect, it } from 'vitest';
import { runSequential } from '../../lib/mapreduce/index';
import { runtimeProcesses } from '../../lib/runtime/index';
import { generateTweets, loadTweetsDataset, trendingWords, tweetsToLines, wordCountSpark } from '../../lib/spark/index';
import { pageRankStep } from '../../lib/spark/exercises';

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('trending words (word count over the tweets)', () => {
  it('MapReduce with 2 worker processes = RDD engine = single-process reference; top word first', async () => {
    const lines = loadTweetsDataset();
    const run = await trendingWords(lines, { workers: 2, top: 10 });
    expect(run.equal).toBe(true);
    expect(run.counts).toEqual(runSequential('wordcount', lines).result);
    expect(run.top).toHaveLength(10);
    expect(run.top[0]).toEqual(['serie', 15738]);
    for (let i = 1; i < run.top.length; i++) expect((run.top[i - 1] as [string, number])[1]).toBeGreaterThanOrEqual((run.top[i] as [string, number])[1]);
    for (let i = 0; i < 40 && run.workerPids.some(pidAlive); i++) await new Promise((r) => setTimeout(r, 25));
    expect(run.workerPids.filter(pidAlive)).toEqual([]);
    expect(runtimeProcesses(`${process.pid}.mapreduce`) ?? []).toEqual([]);
  });

  it('the RDD word count skips malformed lines like chapter 04 and works with any partition count', () => {
    const lines = [...tweetsToLines(generateTweets({ seed: 3, count: 200 })), '{roto', '{"id": 1}'];
    for (const p of [1, 3, 7]) expect(wordCountSpark(lines, p)).toEqual(runSequential('wordcount', lines).result);
    expect(wordCountSpark([], 2)).toEqual([]);
  });
});

describe('exercise 12.1 pageRankStep: bad input is rejected before the region', () => {
  const links = new Map([['a', ['b']], ['b', []]]);
  const ranks = new Map([['a', 0.5], ['b', 0.5]]);
  it.each([
    ['an empty graph', () => pageRankStep(new Map(), new Map(), 0.85), /vacío/],
    ['a link to an unknown node', () => pageRankStep(new Map([['a', ['z']]]), new Map([['a', 1]]), 0.85), /«z», que no es una clave/],
    ['a missing rank', () => pageRankStep(links, new Map([['a', 1]]), 0.85), /ranks debe dar a «b»/],
    ['an extra rank', () => pageRankStep(links, new Map([...ranks, ['c', 0]]), 0.85), /mismos nodos/],
    ['a NaN rank', () => pageRankStep(links, new Map([['a', Number.NaN], ['b', 0.5]]), 0.85), /finito/],
    ['a NaN damping', () => pageRankStep(links, ranks, Number.NaN), /damping debe ser/],
    ['damping above 1', () => pageRankStep(links, ranks, 1.01), /damping debe ser/],
    ['links not a Map', () => pageRankStep({} as never, ranks, 0.85), /links debe ser un Map/],
    ['targets not a list', () => pageRankStep(new Map([['a', 'b']]) as never, new Map([['a', 1]]), 0.85), /lista de textos/],
  ])('%s', (_, call, message) => {
    expect(call).toThrow(message);
  });
});
