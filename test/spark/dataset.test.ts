// The committed graph and tweets: regenerated from their seeds byte for byte, and their shape.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildGraphDatasetText, buildTweetsDatasetText, GRAPH_DATASET, graphSummary, loadGraphDataset, loadTweetsDataset, parseEdgeList, sha256Hex, toEdgeList, TWEETS_DATASET, generatePowerLawGraph, generateTweets } from '../../lib/spark/index';

describe('datasets/graph and datasets/tweets', () => {
  it('the graph file is what generatePowerLawGraph({ seed: 2026, nodes: 20000 }) writes (sha256 in the README)', () => {
    const committed = readFileSync(GRAPH_DATASET.path, 'utf8');
    expect(sha256Hex(committed)).toBe(sha256Hex(buildGraphDatasetText()));
    expect(sha256Hex(committed)).toBe('938ecc29e19b822e3f7d2ef7fb815e17ae0d6c38cf7c23be7044aa43eade27ae');
    expect(committed.length).toBeLessThan(2_000_000);
  });

  it('the tweets file is what generateTweets({ seed: 2026, count: 9000 }) writes (sha256 in the README)', () => {
    const committed = readFileSync(TWEETS_DATASET.path, 'utf8');
    expect(sha256Hex(committed)).toBe(sha256Hex(buildTweetsDatasetText()));
    expect(sha256Hex(committed)).toBe('39ba096b9a95517f57b3cd3cb4fa70123dcb50f1d6d4349d5e490e3f4dbc300c');
    expect(committed.length).toBeLessThan(1_000_000);
    expect(loadTweetsDataset()).toHaveLength(9000);
  });

  it('the graph has 20 000 nodes, ~145 000 links, dangling nodes and a heavy-tailed in-degree', () => {
    const s = graphSummary(loadGraphDataset());
    expect(s).toEqual({ nodes: 20000, edges: 144866, dangling: 2044, maxInDegree: 5576, maxOutDegree: 300 });
  });

  it('the edge list round-trips, nodes with no links at all included', () => {
    const links = generatePowerLawGraph({ seed: 'rt', nodes: 300, danglingShare: 0.3 });
    links.set('299', []);
    expect(parseEdgeList(toEdgeList(links, 'prueba'))).toEqual(links);
    expect(() => parseEdgeList('0 1\n')).toThrow(/cabecera/);
    expect(() => parseEdgeList('# nodos 2 aristas 1\n0 7\n')).toThrow(/línea 2/);
    expect(() => parseEdgeList('# nodos 2 aristas 2\n0 1\n')).toThrow(/2 aristas y hay 1/);
  });

  it('same seed, same data; another seed, other data; bad sizes get Spanish errors', () => {
    expect(generatePowerLawGraph({ seed: 5, nodes: 200 })).toEqual(generatePowerLawGraph({ seed: 5, nodes: 200 }));
    expect(generatePowerLawGraph({ seed: 6, nodes: 200 })).not.toEqual(generatePowerLawGraph({ seed: 5, nodes: 200 }));
    expect(generateTweets({ seed: 1, count: 50 })).toEqual(generateTweets({ seed: 1, count: 50 }));
    expect(() => generatePowerLawGraph({ seed: 1, nodes: 0 })).toThrow(RangeError);
    expect(() => generateTweets({ seed: 1, count: -1 })).toThrow(/count debe ser/);
    const one = generatePowerLawGraph({ seed: 1, nodes: 1 });
    expect([...one]).toEqual([['0', []]]);
  });
});
