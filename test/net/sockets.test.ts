import { describe, expect, it } from 'vitest';
import { bindUdp, connectFramed, encodeFrame, FrameTooLargeError, startFramedServer } from '../../lib/net/index';

describe('real sockets on 127.0.0.1', () => {
  it('TCP: a framed echo server answers each message, whatever the write boundaries', async () => {
    const server = await startFramedServer({ onMessage: (m) => m.toUpperCase() });
    expect(server.server.address()).toMatchObject({ address: '127.0.0.1' });
    const conn = await connectFramed(server.port);
    try {
      conn.send('hola');
      expect(await conn.receive()).toBe('HOLA');
      // Three messages written as odd slices: one partial write, then a coalesced one.
      const bytes = Buffer.concat(['uno', 'dos', 'tres'].map((m) => encodeFrame(m)));
      await conn.sendRaw(bytes.subarray(0, 5));
      await new Promise((r) => setTimeout(r, 20));
      await conn.sendRaw(bytes.subarray(5));
      expect([await conn.receive(), await conn.receive(), await conn.receive()]).toEqual(['UNO', 'DOS', 'TRES']);
    } finally {
      await conn.close();
      await server.close();
    }
    expect(server.server.listening).toBe(false);
  });

  it('TCP: the server closes a connection that announces an oversized frame', async () => {
    const server = await startFramedServer({ onMessage: (m) => m, maxFrameBytes: 8 });
    const conn = await connectFramed(server.port);
    const closed = new Promise<void>((resolve) => conn.socket.once('close', () => resolve()));
    conn.send('demasiado largo');
    await closed;
    expect(conn.socket.destroyed).toBe(true);
    await server.close();
  });

  it('TCP: receive() rejects, now and later, when the connection closes (an oversized frame)', async () => {
    const server = await startFramedServer({ onMessage: (m) => m });
    const conn = await connectFramed(server.port, { maxFrameBytes: 8 });
    try {
      const pending = conn.receive();
      conn.send('demasiado largo'); // the echo is larger than what this client accepts
      await expect(pending).rejects.toBeInstanceOf(FrameTooLargeError);
      await expect(conn.receive()).rejects.toBeInstanceOf(FrameTooLargeError);
      expect(conn.socket.destroyed).toBe(true);
    } finally {
      await conn.close();
      await server.close();
    }
  });

  it('TCP: receive() rejects when the peer closes the connection', async () => {
    const server = await startFramedServer({ onMessage: () => undefined });
    const conn = await connectFramed(server.port);
    try {
      const pending = conn.receive();
      await server.close(); // destroys every server-side socket
      await expect(pending).rejects.toThrow(/cerrada/);
      await expect(conn.receive()).rejects.toThrow(/cerrada/);
    } finally {
      await conn.close();
    }
  });

  it('TCP: a handler that throws closes that connection only, reports the error, and the server lives on', async () => {
    const errors: unknown[] = [];
    const server = await startFramedServer({
      onMessage: (m) => {
        if (m === 'boom') throw new Error('fallo del manejador');
        return `eco:${m}`;
      },
      onError: (error) => errors.push(error),
    });
    const bad = await connectFramed(server.port);
    const good = await connectFramed(server.port);
    try {
      const pending = bad.receive();
      bad.send('boom');
      await expect(pending).rejects.toThrow();
      expect(errors).toHaveLength(1);
      expect(String(errors[0])).toContain('fallo del manejador');
      good.send('hola');
      expect(await good.receive()).toBe('eco:hola');
    } finally {
      await bad.close();
      await good.close();
      await server.close();
    }
  });

  it('UDP: datagrams keep their boundaries and need no connection', async () => {
    const a = await bindUdp();
    const b = await bindUdp({ onDatagram: (d, self) => void self.send(`eco:${d.message}`, d.fromPort) });
    try {
      for (const m of ['uno', 'dos', 'tres']) await a.send(m, b.port);
      const got = await b.waitFor(3);
      expect(got.map((d) => d.message).sort()).toEqual(['dos', 'tres', 'uno']);
      expect(got.every((d) => d.fromPort === a.port)).toBe(true);
      const echoes = await a.waitFor(3);
      expect(echoes.map((d) => d.message).sort()).toEqual(['eco:dos', 'eco:tres', 'eco:uno']);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('UDP: sending to a port where nobody listens is not an error for the sender', async () => {
    const a = await bindUdp();
    const gone = await bindUdp();
    const port = gone.port;
    await gone.close();
    await expect(a.send('¿hay alguien?', port)).resolves.toBeUndefined();
    await a.close();
  });
});
