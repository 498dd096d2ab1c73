// listenOnLoopback and closeHttpServer: the one way the kit's servers bind and close.
import * as http from 'node:http';
import * as net from 'node:net';
import { describe, expect, it } from 'vitest';
import { closeHttpServer, listenOnLoopback, LOOPBACK } from '../../lib/net/loopback';

describe('listenOnLoopback', () => {
  it('binds 127.0.0.1 on a port from the OS and resolves with it', async () => {
    const server = net.createServer();
    const port = await listenOnLoopback(server);
    try {
      expect(port).toBeGreaterThan(0);
      expect(server.address()).toMatchObject({ address: LOOPBACK, port });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('rejects with the listen error when the port is taken, and leaves no listener behind', async () => {
    const first = net.createServer();
    const port = await listenOnLoopback(first);
    const second = net.createServer();
    try {
      await expect(listenOnLoopback(second, port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
      expect(second.listening).toBe(false);
    } finally {
      await new Promise<void>((resolve) => first.close(() => resolve()));
    }
  });
});

describe('closeHttpServer', () => {
  it('closes a server that still holds a keep-alive connection', async () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    const port = await listenOnLoopback(server);
    const agent = new http.Agent({ keepAlive: true });
    const body = await new Promise<string>((resolve, reject) => {
      http.get({ host: LOOPBACK, port, agent }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk) => { text += chunk; }).on('end', () => resolve(text));
      }).on('error', reject);
    });
    expect(body).toBe('ok');
    await closeHttpServer(server);
    expect(server.listening).toBe(false);
    agent.destroy();
  });
});
