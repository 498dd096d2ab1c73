// The chat over real TCP on 127.0.0.1: flood exactly once, late join, leave, dead peer,
// garbage frames, the lecture's single read; and no socket left behind.
import * as net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame } from '../../lib/net/framing';
import { runTcpChat, sendGarbage } from '../../lib/p2p/chat';
import { recvDemo } from '../../lib/p2p/lecture';
import { TcpPeer, waitUntil } from '../../lib/p2p/tcp-peer';
import { floodOnChat } from '../../lib/p2p/exercises';

const tcpHandles = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'TCPServerWrap').length;
const started: TcpPeer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((p) => p.close()));
});

describe('P2P chat over real TCP', () => {
  it('floods every line to every live peer exactly once through join, late join, leave, death and garbage, and leaves no socket', async () => {
    const before = tcpHandles();
    const run = await runTcpChat();
    expect(run.steps.map((s) => s.shownBy)).toEqual([
      ['p1', 'p2', 'p3', 'p4'],
      ['p1', 'p2', 'p3', 'p4', 'p5'],
      ['p1', 'p4', 'p5'],
      ['p1', 'p4', 'p5'],
    ]);
    for (const [peer, counts] of run.timesShown) for (const [id, n] of counts) expect(n, `${peer} mostró ${id}`).toBe(1);
    expect([...(run.timesShown.get('p5')?.keys() ?? [])]).toEqual(['p5#1', 'p4#1', 'p1#2']); // joined late: no history
    expect(run.errors.map((e) => `${e.peer} ${e.kind}`)).toEqual(['p1 malformed', 'p1 malformed', 'p1 deadPeer', 'p1 tooLarge', 'p4 deadPeer']);
    expect(run.errors.find((e) => e.kind === 'deadPeer')?.text).toBe('p1: p3 no responde; lo quito de mis vecinos y sigo');
    expect(run.handlesLeft).toBe(0);
    await waitUntil(() => tcpHandles() <= before, { timeoutMs: 2_000, what: 'que se cierren los sockets' });
    expect(tcpHandles()).toBe(before);
  });

  it('runs with the exercise\'s flood rule too', async () => {
    const run = await runTcpChat({ onChat: floodOnChat });
    expect(run.steps.every((s) => s.shownBy.length === s.live.length)).toBe(true);
    expect(run.handlesLeft).toBe(0);
  });

  it('a flood rule that throws is reported per connection, the run fails with a clear timeout and still closes every socket', async () => {
    const before = tcpHandles();
    const failing = () => {
      throw new Error('Ejercicio 04.2 sin resolver');
    };
    await expect(runTcpChat({ onChat: failing, timeoutMs: 300 })).rejects.toThrow('tiempo agotado (300 ms) esperando que p1#1 llegue a p1, p2, p3, p4');
    await waitUntil(() => tcpHandles() <= before, { timeoutMs: 2_000, what: 'que se cierren los sockets' });
    expect(tcpHandles()).toBe(before);
  });

  it('a peer survives a connection that sends a frame, then garbage, and keeps serving the others', async () => {
    const p1 = await TcpPeer.start({ id: 'p1' });
    started.push(p1);
    const p2 = await TcpPeer.start({ id: 'p2', bootstrap: [{ id: 'p1', port: p1.port }] });
    started.push(p2);
    await waitUntil(() => p1.node.neighbours.includes('p2'), { timeoutMs: 2_000, what: 'el Join de p2' });
    const socket = net.connect(p1.port, '127.0.0.1');
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined);
    socket.write(Buffer.concat([encodeFrame(JSON.stringify({ from: 'p9', message: { type: 'Post', text: 'x' } })), encodeFrame('{"from":')]));
    await closed;
    expect(p1.errors.map((e) => e.text)).toEqual(['p1: mensaje P2P mal formado: Post no viaja entre pares; cierro esa conexión y sigo']);
    p2.post('sigues ahí');
    await waitUntil(() => p1.shown().length === 1, { timeoutMs: 2_000, what: 'la línea de p2' });
    expect(p1.shown()).toEqual([['p2#1', 'sigues ahí']]);
  });

  it('a bootstrap peer that is not there is reported, and the peer still starts', async () => {
    const ghost = net.createServer();
    await new Promise<void>((resolve) => ghost.listen(0, '127.0.0.1', () => resolve()));
    const port = (ghost.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => ghost.close(() => resolve()));
    const p1 = await TcpPeer.start({ id: 'p1', bootstrap: [{ id: 'p0', port }] });
    started.push(p1);
    await waitUntil(() => p1.errors.length === 1, { timeoutMs: 2_000, what: 'el error de p0' });
    expect(p1.errors[0]?.kind).toBe('deadPeer');
    expect(p1.node.neighbours).toEqual([]);
    expect(p1.post('¿hay alguien?')).toBe('p1#1');
  });
});

describe('the lecture\'s recv(1024) on real sockets', () => {
  it('takes half a message, two messages as one, and 1024 bytes of 3000; framing gets the messages back', async () => {
    const before = tcpHandles();
    const [split, merged, long] = await recvDemo();
    expect(split?.lecture).toEqual(['Hola, soy p1: ¿alguien ']);
    expect(split?.framed).toEqual(split?.sent);
    expect(split?.framedReads).toBe(2);
    expect(merged?.lecture).toEqual(['hola¿qué tal?']);
    expect(merged?.framed).toEqual(['hola', '¿qué tal?']);
    expect(merged?.framedReads).toBe(1);
    expect(long?.lecture[0]?.length).toBe(1024);
    expect(long?.framed).toEqual(long?.sent);
    await waitUntil(() => tcpHandles() <= before, { timeoutMs: 2_000, what: 'que se cierren los sockets' });
  });

  it('sending garbage to a server that never closes the connection fails after the timeout with a Spanish error, and closes its socket', async () => {
    const before = tcpHandles();
    const accepted: net.Socket[] = [];
    const server = net.createServer((socket) => { accepted.push(socket); socket.resume(); });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      await expect(sendGarbage(port, encodeFrame('basura'), 200)).rejects.toThrow(/no cerró en 200 ms/);
    } finally {
      for (const socket of accepted) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await waitUntil(() => tcpHandles() === before, { timeoutMs: 2_000, what: 'que se cierren los sockets' });
    expect(tcpHandles()).toBe(before);
  });
});
