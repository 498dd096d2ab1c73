import { describe, expect, it } from 'vitest';
import { manualClock } from '../../lib/nfs/clock';
import { NfsError } from '../../lib/nfs/messages';
import { NfsServer } from '../../lib/nfs/server';
import { FILE_MAX, NfsStore } from '../../lib/nfs/store';

const status = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return error instanceof NfsError ? error.status : `otro: ${String(error)}`;
  }
  return 'ok';
};

const rpc = (server: NfsServer, method: string, params: unknown, id = 1) => {
  const { reply } = server.handleText(JSON.stringify({ jsonrpc: '2.0', method, params, id }));
  return reply as { result?: unknown; error?: { code: number; message: string; data?: unknown } };
};

describe('NfsStore: handles name inodes (RFC 1813 §2.3.3)', () => {
  it('creates, writes, reads and removes; a removed file\'s handle is stale, a forged one bad', () => {
    const clock = manualClock(5);
    const store = new NfsStore({ clock: clock.now });
    const { handle } = store.create(store.rootHandle, 'a.txt', 'guarded');
    clock.advance(10);
    expect(store.write(handle, 0, 'hola').attributes).toMatchObject({ size: 4, mtimeMs: 15, change: 2 });
    expect(store.write(handle, 6, 'mundo').attributes.size).toBe(11);
    expect(store.read(handle, 0, 100)).toMatchObject({ data: 'hola  mundo', eof: true });
    expect(store.read(handle, 0, 4)).toMatchObject({ data: 'hola', eof: false });
    expect(store.lookup(store.rootHandle, 'a.txt').handle).toBe(handle);
    store.remove(store.rootHandle, 'a.txt');
    expect(status(() => store.getattr(handle))).toBe('NFS3ERR_STALE');
    expect(status(() => store.getattr('fh:1:2'))).toBe('NFS3ERR_BADHANDLE');
    expect(status(() => store.getattr(42))).toBe('NFS3ERR_BADHANDLE');
    expect(status(() => store.getattr('fh:2:1:1'))).toBe('NFS3ERR_STALE');
  });

  it('GUARDED create fails on an existing name, UNCHECKED returns the same file (RFC 1813 §3.3.8)', () => {
    const store = new NfsStore({ clock: () => 0 });
    const first = store.create(store.rootHandle, 'x', 'guarded');
    expect(status(() => store.create(store.rootHandle, 'x', 'guarded'))).toBe('NFS3ERR_EXIST');
    expect(store.create(store.rootHandle, 'x', 'unchecked').handle).toBe(first.handle);
  });

  it('WRITE at an offset is idempotent: twice leaves the same content', () => {
    const store = new NfsStore({ clock: () => 0 });
    const { handle } = store.create(store.rootHandle, 'x', 'guarded');
    store.write(handle, 0, 'abc');
    store.write(handle, 0, 'abc');
    expect(store.read(handle, 0, 10).data).toBe('abc');
  });

  it.each([
    ['', 'NFS3ERR_INVAL'], ['.', 'NFS3ERR_INVAL'], ['..', 'NFS3ERR_INVAL'], ['a/b', 'NFS3ERR_INVAL'], ['x'.repeat(256), 'NFS3ERR_NAMETOOLONG'], [7, 'NFS3ERR_INVAL'],
  ])('rejects the name %j with %s', (name, expected) => {
    const store = new NfsStore({ clock: () => 0 });
    expect(status(() => store.lookup(store.rootHandle, name))).toBe(expected);
  });

  it('refuses a file used as a directory, a directory read as a file, negative offsets', () => {
    const store = new NfsStore({ clock: () => 0 });
    const { handle } = store.create(store.rootHandle, 'f', 'guarded');
    expect(status(() => store.lookup(handle, 'x'))).toBe('NFS3ERR_NOTDIR');
    expect(status(() => store.read(store.rootHandle, 0, 1))).toBe('NFS3ERR_ISDIR');
    expect(status(() => store.read(handle, -1, 1))).toBe('NFS3ERR_INVAL');
    expect(status(() => store.write(handle, 1.5, 'a'))).toBe('NFS3ERR_INVAL');
  });

  it('refuses a WRITE that would grow the file past FILE_MAX (offset 1e8, 2^40) with FBIG, leaving it as it was', () => {
    const store = new NfsStore({ clock: () => 0 });
    const { handle } = store.create(store.rootHandle, 'f', 'guarded');
    store.write(handle, 0, 'abc');
    for (const offset of [1e8, 2 ** 40, FILE_MAX]) {
      let error: unknown;
      try {
        store.write(handle, offset, 'x');
      } catch (e) {
        error = e;
      }
      expect(error, `offset ${offset}`).toBeInstanceOf(NfsError);
      expect((error as NfsError).status).toBe('NFS3ERR_FBIG');
      expect(String((error as NfsError).data)).toContain(`el máximo de este servidor es ${FILE_MAX}`);
    }
    expect(store.getattr(handle).size).toBe(3);
    // The last character that fits is accepted: the limit is on offset + length, not on the offset.
    expect(store.write(handle, FILE_MAX - 1, 'z').attributes.size).toBe(FILE_MAX);
  });
});

describe('NfsServer over JSON-RPC', () => {
  it('answers NFS errors with the status number as code and a Spanish reason as data', () => {
    const server = new NfsServer({ store: new NfsStore({ clock: () => 0 }) });
    const r = rpc(server, 'GETATTR', { handle: 'fh:1:99:1' });
    expect(r.error).toMatchObject({ code: 70, message: 'NFS3ERR_STALE' });
    expect(String(r.error?.data)).toContain('ya no nombra');
  });

  it('malformed params are -32602, unknown procedures -32601, oversized READ is INVAL', () => {
    const server = new NfsServer({ store: new NfsStore({ clock: () => 0 }) });
    const root = (rpc(server, 'MNT', {}).result as { handle: string }).handle;
    expect(rpc(server, 'READ', { handle: root, offset: 'cero', count: 1 }).error?.code).toBe(-32602);
    expect(rpc(server, 'READ', { handle: root, offset: 0 }).error?.code).toBe(-32602);
    expect(rpc(server, 'LOOKUP', { dir: root, name: 'a', extra: 1 }).error?.code).toBe(-32602);
    expect(rpc(server, 'RENAME', { dir: root }).error?.code).toBe(-32601);
    expect(rpc(server, 'CREATE', { dir: root, name: 'a', mode: 'exclusive' }).error?.message).toBe('NFS3ERR_INVAL');
    const f = (rpc(server, 'CREATE', { dir: root, name: 'a' }).result as { handle: string }).handle;
    expect(rpc(server, 'READ', { handle: f, offset: 0, count: 1 << 20 }).error?.message).toBe('NFS3ERR_INVAL');
  });

  it('without a DRC a retransmitted CREATE runs twice and answers EXIST; with one, the cached ok', () => {
    for (const drc of [false, true]) {
      const server = new NfsServer({ store: new NfsStore({ clock: () => 0 }), duplicateRequestCache: drc });
      const params = { dir: server.store.rootHandle, name: 'a', client: 'A', xid: 7 };
      expect(rpc(server, 'CREATE', params, 1).result).toBeDefined();
      const again = rpc(server, 'CREATE', params, 2);
      expect(again.error?.message, `drc=${drc}`).toBe(drc ? undefined : 'NFS3ERR_EXIST');
      expect(server.executions.get('CREATE')).toBe(drc ? 1 : 2);
      expect(server.drcHits).toBe(drc ? 1 : 0);
      // Another xid is a new request: it runs (and fails), DRC or not.
      expect(rpc(server, 'CREATE', { ...params, xid: 8 }, 3).error?.message).toBe('NFS3ERR_EXIST');
    }
  });

  it('the DRC caches errors too, and evicts its oldest entry at capacity', () => {
    const server = new NfsServer({ store: new NfsStore({ clock: () => 0 }), duplicateRequestCache: true, drcCapacity: 2 });
    const root = server.store.rootHandle;
    expect(rpc(server, 'REMOVE', { dir: root, name: 'nada', client: 'A', xid: 1 }).error?.message).toBe('NFS3ERR_NOENT');
    server.store.create(root, 'nada', 'guarded');
    expect(rpc(server, 'REMOVE', { dir: root, name: 'nada', client: 'A', xid: 1 }).error?.message).toBe('NFS3ERR_NOENT');
    rpc(server, 'CREATE', { dir: root, name: 'b', client: 'A', xid: 2 });
    rpc(server, 'CREATE', { dir: root, name: 'c', client: 'A', xid: 3 });
    expect(server.drcSize).toBe(2);
    // xid 1 was evicted: its retransmission runs again, and now succeeds.
    expect(rpc(server, 'REMOVE', { dir: root, name: 'nada', client: 'A', xid: 1 }).result).toBeDefined();
  });

  it('a huge WRITE offset over JSON-RPC is NFS3ERR_FBIG (27), not an internal error', () => {
    const server = new NfsServer({ store: new NfsStore({ clock: () => 0 }) });
    const { handle } = server.store.create(server.store.rootHandle, 'a', 'guarded');
    for (const offset of [1e8, 2 ** 40]) {
      const r = rpc(server, 'WRITE', { handle, offset, data: 'x' });
      expect(r.error, `offset ${offset}`).toMatchObject({ code: 27, message: 'NFS3ERR_FBIG' });
    }
    expect(server.store.getattr(handle).size).toBe(0);
  });

  it('remembers at most seenCapacity (client, xid, procedure), forgetting the least recently seen', () => {
    const seen: number[] = [];
    const server = new NfsServer({ store: new NfsStore({ clock: () => 0 }), seenCapacity: 3, loseReply: (c) => (seen.push(c.seenBefore), false) });
    const root = server.store.rootHandle;
    const getattr = (xid: number) => rpc(server, 'GETATTR', { handle: root, client: 'A', xid });
    for (let xid = 1; xid <= 100; xid++) getattr(xid);
    expect(server.seenSize).toBe(3);
    getattr(99); // still remembered: seen once before
    getattr(1); // forgotten long ago: counts as new, and evicts the least recent (98)
    getattr(99);
    getattr(98);
    expect(seen.slice(100)).toEqual([1, 0, 2, 0]);
    expect(server.seenSize).toBe(3);
    expect(() => new NfsServer({ store: server.store, seenCapacity: 0 })).toThrow(/seenCapacity/);
  });

  it('GETATTR and READ are never cached: a retransmission sees the current state', () => {
    const server = new NfsServer({ store: new NfsStore({ clock: () => 0 }), duplicateRequestCache: true });
    const { handle } = server.store.create(server.store.rootHandle, 'a', 'guarded');
    rpc(server, 'GETATTR', { handle, client: 'A', xid: 1 });
    server.store.write(handle, 0, 'x');
    expect((rpc(server, 'GETATTR', { handle, client: 'A', xid: 1 }).result as { size: number }).size).toBe(1);
    expect(server.drcHits).toBe(0);
  });
});
