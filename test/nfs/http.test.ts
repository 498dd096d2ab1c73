// The NFS scenarios over real HTTP on 127.0.0.1: each demo starts and closes its own servers.
import { afterAll, describe, expect, it } from 'vitest';
import { badInputDemo, retryDemo, staleReadDemo } from '../../lib/nfs/demo';

const activeSockets = () => (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().filter((h) => h?.constructor?.name === 'Server' || h?.constructor?.name === 'Socket').length;
const before = activeSockets();

describe('NFS over real HTTP', () => {
  it('a lost reply: without a DRC the retried CREATE and REMOVE report errors for calls that worked; with it, ok', async () => {
    const naive = await retryDemo({ duplicateRequestCache: false });
    expect(naive.rows.map((r) => [r.procedure, r.clientSees, r.executions, r.correct])).toEqual([
      ['CREATE', 'NFS3ERR_EXIST', 2, false], ['WRITE', 'ok', 2, true], ['REMOVE', 'NFS3ERR_NOENT', 2, false],
    ]);
    const drc = await retryDemo({ duplicateRequestCache: true });
    expect(drc.rows.map((r) => [r.procedure, r.clientSees, r.executions, r.answeredFromCache, r.correct])).toEqual([
      ['CREATE', 'ok', 1, 1, true], ['WRITE', 'ok', 1, 1, true], ['REMOVE', 'ok', 1, 1, true],
    ]);
    expect(drc.serverLog.filter((e) => e.replyLost).length).toBe(3);
  });

  it('the second client reads stale data while its attribute cache is fresh, then the new data', async () => {
    const rows = await staleReadDemo();
    const reads = rows.filter((r) => r.verdict !== '').map((r) => [r.client, r.tMs, r.result, r.verdict, r.rpcs.join(' ')]);
    expect(reads).toEqual([
      ['B', 0, '«v1»', 'al día', 'READ'],
      ['B', 1_500, '«v1»', 'OBSOLETO', ''],
      ['C', 1_500, '«v2»', 'al día', 'READ'],
      ['B', 2_500, '«v1»', 'OBSOLETO', ''],
      ['B', 3_500, '«v2»', 'al día', 'GETATTR READ'],
    ]);
  });

  it('bad input gets clear NFS / JSON-RPC errors; a restarted server still honours old handles', async () => {
    const rows = await badInputDemo();
    const answers = rows.map((r) => r.answer.split(' — ')[0]);
    expect(answers).toEqual([
      'NFS3ERR_STALE', 'NFS3ERR_BADHANDLE', 'NFS3ERR_INVAL', 'Invalid params', 'NFS3ERR_FBIG', 'NFS3ERR_NOTDIR', 'NFS3ERR_INVAL',
      'HTTP 200, Parse error (-32700)', 'ok: "hola"',
    ]);
  });

  afterAll(async () => {
    // Closed handles leave libuv's list on a later turn of the loop: wait for that, at most 2 s.
    for (let i = 0; i < 40 && activeSockets() > before; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(activeSockets(), 'sockets o servidores abiertos tras las demos').toBeLessThanOrEqual(before);
  });
});
