/**
 * The P2P chat's speed, each figure next to a reference measured in the same run.
 *
 * 1. Real TCP on 127.0.0.1: five peers (the chapter's overlay plus p5), p1 writes LINES lines
 *    and the run ends when every peer has shown all of them: lines/s and frames/s. Reference:
 *    the same number of frames, written by one client to one raw framed sink (lib/net's
 *    `encodeFrame` + `FrameDecoder`, no JSON, no flood rule) over the same loopback.
 * 2. lib/sim: the reliable flood sweep scenario's events/s next to the bare simulator running
 *    an all-to-all broadcast (lib/sim's `allToAll`) of about the same number of events.
 *
 * Rounds alternate reference and measured runs; the median round's ratio is reported.
 * Run: `npx tsx bench/p2p.bench.ts` (or `npm run bench -- p2p`).
 */
import * as net from 'node:net';
import { encodeFrame, FrameDecoder } from '../lib/net/framing';
import { TcpPeer, waitUntil } from '../lib/p2p/tcp-peer';
import { p2pScenario } from '../lib/p2p/scenario';
import { allToAll, Simulation } from '../lib/sim/index';

const LINES = 2_000;
const ROUNDS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function p2pRun(): Promise<{ ms: number; frames: number }> {
  const peers: TcpPeer[] = [];
  try {
    const start = async (id: string, boot: string[]) => {
      const p = await TcpPeer.start({ id, bootstrap: boot.map((b) => ({ id: b, port: peers.find((x) => x.id === b)?.port ?? 0 })) });
      peers.push(p);
      await waitUntil(() => boot.every((b) => peers.find((x) => x.id === b)?.node.neighbours.includes(id) ?? false), { timeoutMs: 5_000, what: 'el arranque' });
    };
    await start('p1', []);
    await start('p2', ['p1']);
    await start('p3', ['p1', 'p2']);
    await start('p4', ['p1', 'p3']);
    await start('p5', ['p4', 'p2']);
    const t0 = performance.now();
    for (let i = 0; i < LINES; i++) peers[0]?.post(`línea ${i}`);
    await waitUntil(() => peers.every((p) => p.node.delivered.length === LINES), { timeoutMs: 60_000, what: 'la inundación' });
    const ms = performance.now() - t0;
    return { ms, frames: peers.reduce((s, p) => s + p.frames, 0) };
  } finally {
    await Promise.all(peers.map((p) => p.close()));
  }
}

async function rawRun(frames: number): Promise<number> {
  let received = 0;
  const server = net.createServer((socket) => {
    const decoder = new FrameDecoder();
    socket.on('data', (chunk: Buffer) => (received += decoder.push(chunk).length));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const client = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
  await new Promise<void>((resolve) => client.once('connect', () => resolve()));
  const payload = JSON.stringify({ from: 'p1', message: { type: 'Chat', id: 'p1#1000', origin: 'p1', text: 'línea 1000' } });
  const t0 = performance.now();
  for (let i = 0; i < frames; i++) client.write(encodeFrame(payload));
  await waitUntil(() => received === frames, { timeoutMs: 60_000, what: 'las tramas' });
  const ms = performance.now() - t0;
  client.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return ms;
}

function simFlood(): { ms: number; events: number } {
  const scenario = p2pScenario();
  const t0 = performance.now();
  let events = 0;
  for (let seed = 0; seed < 40; seed++) {
    const sim = scenario.setup(seed, { trace: false });
    scenario.run(sim);
    events += sim.stats.events;
  }
  return { ms: performance.now() - t0, events };
}

function simBroadcast(targetEvents: number): { ms: number; events: number } {
  const ids = Array.from({ length: 11 }, (_, i) => `n${i + 1}`);
  const t0 = performance.now();
  let events = 0;
  for (let seed = 0; events < targetEvents; seed++) {
    const sim = new Simulation({ seed, trace: false, nodeIds: ids, createNode: allToAll(40) });
    sim.runUntilIdle({ limitMs: 60_000 });
    events += sim.stats.events;
  }
  return { ms: performance.now() - t0, events };
}

async function main(): Promise<void> {
  await p2pRun(); // warm-up
  const tcp: { ratio: number; linesPerS: number; framesPerS: number; rawPerS: number }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const run = await p2pRun();
    const rawMs = await rawRun(run.frames);
    tcp.push({ ratio: run.ms / rawMs, linesPerS: (LINES / run.ms) * 1000, framesPerS: (run.frames / run.ms) * 1000, rawPerS: (run.frames / rawMs) * 1000 });
  }
  const mid = tcp.sort((a, b) => a.ratio - b.ratio)[Math.floor(tcp.length / 2)];
  console.log(`TCP, 5 peers, ${LINES} lines: ${mid?.linesPerS.toFixed(0)} lines/s shown by all, ${mid?.framesPerS.toFixed(0)} frames/s ` +
    `(reference raw framed sink: ${mid?.rawPerS.toFixed(0)} frames/s); P2P time / reference time for the same frames = ${mid?.ratio.toFixed(2)}`);
  simFlood();
  const sim: { ratio: number; flood: number; bare: number }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const flood = simFlood();
    const bare = simBroadcast(flood.events);
    const floodRate = flood.events / flood.ms;
    const bareRate = bare.events / bare.ms;
    sim.push({ ratio: bareRate / floodRate, flood: floodRate * 1000, bare: bareRate * 1000 });
  }
  const s = sim.sort((a, b) => a.ratio - b.ratio)[Math.floor(sim.length / 2)];
  console.log(`lib/sim, reliable flood scenario (40 seeds, checkers on): ${s?.flood.toFixed(0)} events/s; bare all-to-all broadcast ` +
    `${s?.bare.toFixed(0)} events/s; flood cost per event = ${s?.ratio.toFixed(2)} × the bare simulator's`);
  console.log(`(median of ${ROUNDS} rounds; ratios ${median(tcp.map((x) => x.ratio)).toFixed(2)} / ${median(sim.map((x) => x.ratio)).toFixed(2)})`);
}

void main();
