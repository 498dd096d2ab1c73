// A small seeded sweep with message loss (NFS_SWEEP_SEEDS=10000 for a big one): with the DRC no
// seed may fail; without it the catalogued bug (a retried CREATE/REMOVE answers an error) must show.
import { describe, expect, it } from 'vitest';
import { retransmissionSweep } from '../../lib/nfs/sweep';

const SEEDS = Number(process.env.NFS_SWEEP_SEEDS ?? 100);

describe('retransmission sweep (15 % request loss, 15 % reply loss)', () => {
  it(`with the duplicate request cache: ${SEEDS} seeds, every outcome matches the fault-free model`, async () => {
    const r = await retransmissionSweep({ seeds: SEEDS, duplicateRequestCache: true });
    const first = r.failures[0];
    expect(r.seedsFailed, first ? `seed ${first.seed}: ${first.operation} esperaba ${first.expected}, obtuvo ${first.got}` : '').toBe(0);
    expect(r.retransmissions).toBeGreaterThan(SEEDS);
    expect(r.drcHits).toBeGreaterThan(0);
    expect(r.doubleExecutions).toBe(0);
  }, Math.max(60_000, SEEDS * 100));

  it('without it: the sweep finds seeds where a retried CREATE or REMOVE reports an error, and replays one', async () => {
    const r = await retransmissionSweep({ seeds: 40, duplicateRequestCache: false });
    expect(r.seedsFailed).toBeGreaterThan(0);
    expect(r.doubleExecutions).toBeGreaterThan(0);
    const first = r.failures[0]!;
    expect(['NFS3ERR_EXIST', 'NFS3ERR_NOENT'], `seed ${first.seed}`).toContain(first.got);
    const replay = await retransmissionSweep({ seeds: [first.seed], duplicateRequestCache: false });
    expect(replay.failures[0], `seed ${first.seed}`).toEqual(first);
  });
});
