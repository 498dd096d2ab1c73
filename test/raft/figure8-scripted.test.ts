/**
 * The paper's Figure 8 (§5.4.2), scripted step by step: the correct commit rule keeps it safe,
 * and without the rule (committing an old term's entry by counting) the checkers catch the lost
 * entry — also when the rule comes from an injected function.
 */
import { describe, expect, it } from 'vitest';
import { defaultAdvanceCommitIndex, figure8Script } from '../../lib/raft/index';
import type { CommitRule, Figure8Step } from '../../lib/raft/index';

const terms = (step: Figure8Step | undefined, id: string) => step?.logs.get(id);

describe('Figure 8 scripted (§5.4.2)', () => {
  it('follows the paper: (a) S1 replicates index 2 of term 2 to S2, (b) S5 appends index 2 of term 3, (c) S1 in term 4 puts its entry on a majority, (d) S5 overwrites it', () => {
    const run = figure8Script();
    const [start, a, b, c, d] = run.steps;
    expect(start?.term).toBe(2);
    expect(terms(a, 'S1')).toEqual([1, 2]);
    expect(terms(a, 'S2')).toEqual([1, 2]);
    expect(terms(a, 'S3')).toEqual([1]);
    expect(b?.leader).toBe('S5');
    expect(b?.term).toBe(3);
    expect(terms(b, 'S5')).toEqual([1, 3]);
    expect(c?.leader).toBe('S1');
    expect(c?.term).toBe(4);
    expect(['S1', 'S2', 'S3'].map((id) => terms(c, id))).toEqual([[1, 2], [1, 2], [1, 2]]);
    // §5.4.2: S1 did not commit index 2 by counting replicas, so S5 may overwrite it.
    expect(c?.commitIndex.get('S1')).toBeLessThan(2);
    expect(d?.leader).toBe('S5');
    expect(d?.term).toBe(5);
    for (const id of ['S2', 'S3', 'S4', 'S5']) expect(terms(d, id)).toEqual([1, 3, 5]);
    expect(run.violation).toBeUndefined();
  });

  it('breaks without the rule: S1 commits the term-2 entry in term 4, and S5 (term 5) does not have it (leaderCompleteness, §5.4)', () => {
    const run = figure8Script({ raft: { bugs: { commitOldTerms: true } } });
    expect(run.steps[3]?.commitIndex.get('S1')).toBe(2);
    expect(run.violation).toMatch(/^leaderCompleteness: S5, líder del término 5, no tiene la entrada 2/);
  });

  it('an injected commit rule is the one used: the reference one is safe, one that counts replicas of any term is caught', () => {
    expect(figure8Script({ raft: { advanceCommitIndex: defaultAdvanceCommitIndex } }).violation).toBeUndefined();
    const countOnly: CommitRule = ({ commitIndex, matchIndex, logTerms }) => {
      let best = commitIndex;
      for (let n = commitIndex + 1; n <= logTerms.length; n++) if (matchIndex.filter((m) => m >= n).length * 2 > matchIndex.length) best = n;
      return best;
    };
    expect(figure8Script({ raft: { advanceCommitIndex: countOnly } }).violation).toMatch(/^leaderCompleteness/);
  });
});
