/**
 * A single-leader key-value store of registers, with closed-loop clients: the smallest
 * protocol whose history the linearizability checker can judge. The leader (the first node)
 * applies reads, writes and compare-and-sets and replicates each change asynchronously to the
 * followers; followers redirect clients to the leader. With `staleReads` the followers answer
 * reads from their own copy, which lags: a deliberate bug the checker catches.
 */
import type { RegisterInput } from '../../linearizability/models';
import { closedLoopClient } from '../closed-loop-client';
import type { ClosedLoopClient, ClosedLoopClientOptions } from '../closed-loop-client';
import type { Effect, Input, NodeContext, NodeFactory, NodeId, ProtocolNode } from '../types';
import { assertNever, send } from '../types';

/** The messages of the store: client requests and replies, and the leader's replication. */
export type KvMessage =
  | { readonly type: 'Request'; readonly requestId: string; readonly input: RegisterInput }
  | { readonly type: 'Reply'; readonly requestId: string; readonly output: unknown }
  | { readonly type: 'NotLeader'; readonly requestId: string; readonly leader: NodeId }
  | { readonly type: 'Replicate'; readonly key: string; readonly value: unknown; readonly version: number };

/** Options of {@link kvRegister}. */
export interface KvRegisterOptions {
  /** The leader (default: the first node id). */
  readonly leader?: NodeId;
  /** Bug on purpose: followers answer reads from their lagging copy (not linearizable). */
  readonly staleReads?: boolean;
}

/** A node of the store. State is volatile: this example has no crashes. */
export class KvRegisterNode implements ProtocolNode<KvMessage> {
  readonly id: NodeId;
  /** Each key's value and version (the leader's count of changes to it). */
  readonly values = new Map<string, { value: unknown; version: number }>();
  /** The leader's answers by request id, so a retried request is not applied twice. */
  private readonly answered = new Map<string, unknown>();

  constructor(private readonly context: NodeContext, private readonly options: KvRegisterOptions) {
    this.id = context.id;
  }

  private get leader(): NodeId {
    return this.options.leader ?? (this.context.nodeIds[0] as NodeId);
  }

  start(): Effect<KvMessage>[] {
    return [];
  }

  step(input: Input<KvMessage>): Effect<KvMessage>[] {
    if (input.type !== 'message') return [];
    const m = input.message;
    switch (m.type) {
      case 'Request':
        return this.onRequest(input.from, m);
      case 'Replicate': {
        const known = this.values.get(m.key);
        // Replication is asynchronous and may be reordered: keep the newest version.
        if (known === undefined || known.version < m.version) this.values.set(m.key, { value: m.value, version: m.version });
        return [];
      }
      case 'Reply':
      case 'NotLeader':
        return [];
      default:
        return assertNever(m);
    }
  }

  private onRequest(client: NodeId, m: Extract<KvMessage, { type: 'Request' }>): Effect<KvMessage>[] {
    const key = m.input.key ?? '';
    if (this.id !== this.leader) {
      if (this.options.staleReads && m.input.f === 'read') return [send(client, { type: 'Reply', requestId: m.requestId, output: this.read(key) })];
      return [send(client, { type: 'NotLeader', requestId: m.requestId, leader: this.leader })];
    }
    if (this.answered.has(m.requestId)) return [send(client, { type: 'Reply', requestId: m.requestId, output: this.answered.get(m.requestId) })];
    const effects: Effect<KvMessage>[] = [];
    let result: unknown;
    const current = this.read(key);
    const write = (value: unknown) => {
      const version = (this.values.get(key)?.version ?? 0) + 1;
      this.values.set(key, { value, version });
      for (const peer of this.context.nodeIds) if (peer !== this.id) effects.push(send(peer, { type: 'Replicate', key, value, version }));
    };
    switch (m.input.f) {
      case 'read':
        result = current;
        break;
      case 'write':
        write(m.input.value);
        result = true;
        break;
      case 'cas':
        result = JSON.stringify(current) === JSON.stringify(m.input.from);
        if (result) write(m.input.to);
        break;
    }
    this.answered.set(m.requestId, result);
    effects.push(send(client, { type: 'Reply', requestId: m.requestId, output: result }));
    return effects;
  }

  private read(key: string): unknown {
    return this.values.get(key)?.value ?? null;
  }
}

/** Factory of {@link KvRegisterNode}s. */
export function kvRegister(options: KvRegisterOptions = {}): NodeFactory<KvMessage, KvRegisterNode> {
  return (context) => new KvRegisterNode(context, options);
}

/** Options of {@link kvRegisterClient}: the workload, plus any closed-loop client option. */
export interface KvRegisterClientOptions extends Partial<Omit<ClosedLoopClientOptions<KvMessage, RegisterInput, unknown>, 'encode' | 'decode'>> {
  /** The keys to use (default `['x']`). */
  readonly keys?: readonly string[];
  /** Operations per client (default 20). */
  readonly operationsPerClient?: number;
}

/**
 * A closed-loop client of the store doing random reads, writes (values 1–5) and
 * compare-and-sets on `keys`: the workload of the linearizability examples.
 *
 * @example
 * const sim = new Simulation<KvMessage, KvRegisterNode>({ seed: 1, nodeIds: ['n1', 'n2', 'n3'], createNode: kvRegister({ staleReads: true }),
 *   clients: { ids: ['c1', 'c2', 'c3'], createClient: kvRegisterClient() } });
 * sim.runFor(3_000);
 * checkLinearizability(registerModel(), sim.history).verdict; // 'illegal' for many seeds: stale reads
 */
export function kvRegisterClient(options: KvRegisterClientOptions = {}): NodeFactory<KvMessage, ClosedLoopClient<KvMessage, RegisterInput, unknown>> {
  const keys = options.keys ?? ['x'];
  return closedLoopClient<KvMessage, RegisterInput, unknown>({
    thinkMs: { minMs: 0, maxMs: 20 },
    timeoutMs: 80,
    maxOperations: options.operationsPerClient ?? 20,
    ...options,
    operations:
      options.operations ??
      (({ rng }) => {
        const key = rng.choice(keys);
        const draw = rng.next();
        if (draw < 0.5) return { f: 'read', key };
        if (draw < 0.85) return { f: 'write', key, value: rng.int(1, 5) };
        return { f: 'cas', key, from: rng.int(1, 5), to: rng.int(1, 5) };
      }),
    key: (input) => input.key,
    encode: (input, { requestId }) => ({ type: 'Request', requestId, input }),
    decode: (m) => {
      if (m.type === 'Reply') return { kind: 'ok', requestId: m.requestId, output: m.output };
      if (m.type === 'NotLeader') return { kind: 'redirect', requestId: m.requestId, leader: m.leader };
      return undefined;
    },
  });
}
