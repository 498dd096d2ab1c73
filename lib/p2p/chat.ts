// @real-io: starts real TCP peers on 127.0.0.1 and sends raw bytes to one of them.
/**
 * The chapter's chat over real TCP, step by step: four peers join from bootstrap lists, a fifth
 * joins late, one leaves saying goodbye, one dies without a word, and a stranger sends garbage.
 * After each step a line is flooded and the run records who showed what. Everything it starts
 * is closed at the end, also when a step fails.
 */
import * as net from 'node:net';
import { encodeFrame } from '../net/framing';
import { LOOPBACK } from '../net/loopback';
import type { NodeId } from '../sim/types';
import type { FloodRule } from './peer';
import { TcpPeer, waitUntil } from './tcp-peer';
import type { PeerError } from './tcp-peer';

/** One step of the chat run: what happened, the line written, and who showed it. */
export interface ChatStep {
  /** Spanish description of the step. */
  readonly step: string;
  readonly messageId: string;
  readonly live: NodeId[];
  /** Live peers that showed the line, sorted. */
  readonly shownBy: NodeId[];
}

/** The result of {@link runTcpChat}. */
export interface ChatRun {
  readonly steps: ChatStep[];
  /** Per peer, how many times it showed each line (must all be 1). */
  readonly timesShown: Map<NodeId, Map<string, number>>;
  /** Errors the peers reported and survived (sorted by text). */
  readonly errors: PeerError[];
  /** Copies of already-seen lines the peers discarded (depends on arrival order). */
  readonly duplicatesDiscarded: number;
  /** Sockets and listeners still open once the run ended (0). */
  readonly handlesLeft: number;
  readonly peers: NodeId[];
}

/** Options of {@link runTcpChat}. */
export interface ChatOptions {
  /** The flood rule every peer uses (exercise 04.2's cells pass the student's). */
  readonly onChat?: FloodRule;
  /** Hard limit for each wait, in ms (default 3000). */
  readonly timeoutMs?: number;
}

const BOOTSTRAP: readonly [NodeId, NodeId[]][] = [
  ['p1', []],
  ['p2', ['p1']],
  ['p3', ['p1', 'p2']],
  ['p4', ['p1', 'p3']],
];

/**
 * Raw-bytes sender of the chat's garbage step: connects to `port` on 127.0.0.1, writes `bytes`
 * and waits until the peer closes the connection; after `timeoutMs` the socket is destroyed and
 * the wait fails with a Spanish error.
 *
 * @example
 * await sendGarbage(peer.port, encodeFrame('esto no es JSON'));
 */
export async function sendGarbage(port: number, bytes: Buffer, timeoutMs = 2_000): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const socket: net.Socket = net.connect(port, LOOPBACK, () => socket.write(bytes));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`el par del puerto ${port} no cerró en ${timeoutMs} ms la conexión que le mandó bytes mal formados`));
    }, timeoutMs);
    const settle = () => { clearTimeout(timer); resolve(); };
    socket.on('error', settle);
    socket.on('close', settle);
    socket.resume();
  });
}

/**
 * Runs the chat over real TCP on 127.0.0.1 and returns what every peer showed.
 *
 * @example
 * const run = await runTcpChat();
 * run.steps.map((s) => `${s.step}: ${s.shownBy.join(' ')}`);
 */
export async function runTcpChat(options: ChatOptions = {}): Promise<ChatRun> {
  const timeoutMs = options.timeoutMs ?? 3_000;
  const peers = new Map<NodeId, TcpPeer>();
  const gone = new Set<NodeId>();
  const steps: ChatStep[] = [];
  const all: TcpPeer[] = [];
  const start = async (id: NodeId, bootstrap: readonly NodeId[]) => {
    const peer = await TcpPeer.start({ id, bootstrap: bootstrap.map((b) => ({ id: b, port: peers.get(b)?.port ?? 0 })), ...(options.onChat ? { onChat: options.onChat } : {}) });
    peers.set(id, peer);
    all.push(peer);
    // Joined once every bootstrap peer lists it as a neighbour.
    await waitUntil(() => bootstrap.every((b) => peers.get(b)?.node.neighbours.includes(id) ?? false), { timeoutMs, what: `que ${id} se una` });
  };
  const live = () => [...peers.keys()].filter((id) => !gone.has(id));
  const flood = async (step: string, by: NodeId, text: string) => {
    const messageId = peers.get(by)?.post(text) ?? '';
    const everyone = live();
    const showed = (id: NodeId) => peers.get(id)?.node.seen.has(messageId) ?? false;
    await waitUntil(() => everyone.every(showed), { timeoutMs, what: `que ${messageId} llegue a ${everyone.join(', ')}` });
    steps.push({ step, messageId, live: everyone, shownBy: everyone.filter(showed).sort() });
  };
  try {
    for (const [id, bootstrap] of BOOTSTRAP) await start(id, bootstrap);
    await flood('4 pares; p1 escribe', 'p1', 'hola a todos');
    await start('p5', ['p4', 'p2']);
    await flood('p5 se une tarde (conoce a p4 y p2); p5 escribe', 'p5', 'acabo de llegar');
    const p2 = peers.get('p2');
    await p2?.leave();
    gone.add('p2');
    await waitUntil(() => live().every((id) => !(peers.get(id)?.node.neighbours.includes('p2') ?? false)), { timeoutMs, what: 'que todos olviden a p2' });
    await peers.get('p3')?.kill();
    gone.add('p3');
    // Wait until the others saw p3's sockets close, so the next send finds nobody listening.
    await waitUntil(() => live().every((id) => !(peers.get(id)?.connectedTo('p3') ?? false)), { timeoutMs, what: 'que se cierren las conexiones con p3' });
    await flood('p2 se despide y p3 muere sin avisar; p4 escribe', 'p4', '¿seguís ahí?');
    const p1 = peers.get('p1');
    if (p1) {
      await sendGarbage(p1.port, encodeFrame('esto no es JSON'));
      await sendGarbage(p1.port, encodeFrame(JSON.stringify({ from: 'intruso', message: { type: 'Chat', id: 7, text: 'x' } })));
      const header = Buffer.alloc(4);
      header.writeUInt32BE(10 * 1024 * 1024, 0);
      await sendGarbage(p1.port, header);
    }
    await flood('un extraño manda basura a p1; p1 escribe', 'p1', 'sigo aquí');
  } finally {
    await Promise.all(all.map((p) => p.close()));
  }
  const timesShown = new Map<NodeId, Map<string, number>>();
  for (const peer of all) {
    const counts = new Map<string, number>();
    for (const chat of peer.node.delivered) counts.set(chat.id, (counts.get(chat.id) ?? 0) + 1);
    timesShown.set(peer.id, counts);
  }
  return {
    steps,
    timesShown,
    errors: all.flatMap((p) => p.errors).sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0)),
    duplicatesDiscarded: all.reduce((s, p) => s + p.node.duplicates, 0),
    handlesLeft: all.reduce((s, p) => s + p.openHandles, 0),
    peers: all.map((p) => p.id),
  };
}
