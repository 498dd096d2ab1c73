// @real-io: launches node processes and controls them with signals and IPC.
/**
 * The launcher: starts a cluster of node processes from a module and a factory name, and
 * plays the faults on real processes: `kill` (SIGKILL), `restart`, `pause`/`resume`
 * (SIGSTOP/SIGCONT), `partition`/`heal` (each node refuses the other side, both ways, like a
 * firewall), and `inject`. It collects every node's records, so a real run can be drawn with
 * `spaceTimeDiagram(cluster.trace())` and its outputs checked like a simulated one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OutputRecord } from '../sim/checkers';
import type { TraceEvent } from '../sim/trace';
import type { NodeId } from '../sim/types';
import { FileDurableStore } from './file-store';
import type { ReadonlyFileStore } from './file-store';
import { NodeSlot } from './node-slot';
import type { ClusterContext, NodeStatus } from './node-slot';
import { recordsToJsonLines, toTraceEvents } from './records';
import type { RuntimeRecord } from './records';
import { encodeValue } from './codec';
import { validateLaunchOptions } from './launch-options';
import { HistoryRecorder } from './requests';
import { waitUntil } from './wait-until';
import type { RequestOptions } from './requests';
import type { Operation } from '../linearizability/history';
import type { ExternalMessage, LaunchOptions, RuntimeError } from './launch-options';

let clusterCount = 0;

/**
 * Starts one OS process per node (loopback TCP between them, files for durable state) and
 * resolves once every node has called `start`. A module that fails to load, a missing
 * factory, or a node that does not come up in time rejects with a clear error, and every
 * process already started is killed.
 *
 * @example
 * const cluster = await launchCluster({ module: './lib/sim/examples/ping-pong', factory: 'pingPong', args: [3], nodeIds: ['n1', 'n2'] });
 * await cluster.waitFor((c) => c.trace().filter((e) => e.kind === 'deliver').length >= 6);
 * spaceTimeDiagram(cluster.trace());
 * await cluster.stop();
 */
export async function launchCluster<M = unknown>(options: LaunchOptions): Promise<Cluster<M>> {
  const cluster = new Cluster<M>(options);
  try {
    await Promise.all(cluster.nodeIds.map((id) => cluster.slot(id).spawn()));
    cluster.broadcastPorts();
    for (const id of cluster.nodeIds) cluster.slot(id).control({ type: 'start' });
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}

/** A running cluster of node processes (see {@link launchCluster}). */
export class Cluster<M = unknown> implements ClusterContext {
  readonly nodeIds: readonly NodeId[];
  /** Every record so far, in arrival order (see `trace()` for time order). */
  readonly records: RuntimeRecord<M>[] = [];
  /** Every `output` effect so far, in arrival order. */
  readonly outputs: OutputRecord[] = [];
  /** Messages nodes sent to ids outside the cluster (clients), as received by the launcher. */
  readonly external: ExternalMessage<M>[] = [];
  /** Errors reported so far: protocol exceptions (fatal: the node died) and refused connections. */
  readonly errors: RuntimeError[] = [];
  /** This cluster's mark on its processes' command lines (`<launcher pid>.<n>`, see `runtimeProcesses`). */
  readonly tag: string;
  /** The folder of the nodes' durable files, one subfolder per node. */
  readonly dataDir: string;
  /** Time zero of the run: the launcher's `process.hrtime.bigint()` (a clock every process on the machine shares). */
  readonly epochNs = process.hrtime.bigint();
  /** The options, checked, with `module` as an absolute path. */
  readonly options: LaunchOptions & { readonly module: string };
  private readonly slots = new Map<NodeId, NodeSlot>();
  private readonly ownsDataDir: boolean;
  private readonly waiters = new Set<() => void>();
  private blocks = new Map<NodeId, NodeId[]>();
  private injected = 0;
  private stopped = false;
  private readonly recorder = new HistoryRecorder();

  constructor(options: LaunchOptions) {
    this.options = validateLaunchOptions(options);
    const ids = options.nodeIds;
    this.nodeIds = [...ids];
    this.tag = `${process.pid}.${clusterCount++}`;
    this.ownsDataDir = options.dataDir === undefined;
    this.dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'dsk-runtime-'));
    for (const id of ids) this.slots.set(id, new NodeSlot(id, this as ClusterContext));
  }

  /** Milliseconds since the cluster was launched (the time base of every record). */
  nowMs(): number {
    return Number(process.hrtime.bigint() - this.epochNs) / 1e6;
  }

  /** The run as lib/sim trace events, in time order (for `spaceTimeDiagram`, `formatTrace`, metrics). */
  trace(): TraceEvent<M>[] {
    return toTraceEvents(this.records);
  }

  /** Every record as JSON lines. */
  jsonLines(): string {
    return recordsToJsonLines(this.records);
  }

  /** Whether `id` is running, paused or crashed. */
  status(id: NodeId): NodeStatus {
    return this.slot(id).status;
  }

  /** The OS process id of node `id` (undefined while crashed). */
  pid(id: NodeId): number | undefined {
    return this.slot(id).pid;
  }

  /** The TCP port node `id` listens on, on 127.0.0.1 (undefined while crashed). */
  port(id: NodeId): number | undefined {
    return this.slot(id).port;
  }

  /** What node `id` printed (stdout and stderr), last lines. */
  logs(id: NodeId): readonly string[] {
    return this.slot(id).logs;
  }

  /** A read-only view of node `id`'s durable files as they are on disk now (also while it is crashed). */
  durable(id: NodeId): ReadonlyFileStore {
    return new FileDurableStore(this.nodeDir(id), { readOnly: true });
  }

  /** Kills node `id` with SIGKILL (no cleanup runs in it: only what it persisted survives) and waits until it is gone. */
  async kill(id: NodeId): Promise<void> {
    await this.slot(id).kill();
    this.broadcastPorts();
  }

  /** Starts a new process for node `id` (killing the running one first): fresh memory, the same durable files. */
  async restart(id: NodeId): Promise<void> {
    const slot = this.slot(id);
    if (slot.status !== 'crashed') await slot.kill();
    await slot.spawn();
    slot.control({ type: 'block', peers: this.blocks.get(id) ?? [], ack: -1 });
    this.broadcastPorts();
    slot.control({ type: 'start' });
  }

  /** Stops node `id` with SIGSTOP: it keeps its sockets and memory but runs nothing (a long GC pause, a frozen VM). */
  pause(id: NodeId): void {
    this.slot(id).signal('SIGSTOP', 'pause');
  }

  /** Resumes a paused node with SIGCONT; its overdue timers fire and queued messages arrive. */
  resume(id: NodeId): void {
    this.slot(id).signal('SIGCONT', 'resume');
  }

  /**
   * Splits the network: nodes in different groups refuse each other's connections, both ways,
   * until {@link heal} (a node in no group keeps talking to everyone). Replaces an earlier
   * partition. Resolves once every running node has applied it.
   */
  async partition(...groups: (readonly NodeId[])[]): Promise<void> {
    for (const group of groups) for (const id of group) this.slot(id);
    const blocks = new Map<NodeId, NodeId[]>();
    for (const group of groups) {
      for (const id of group) {
        const others = groups.filter((g) => !g.includes(id)).flat();
        blocks.set(id, [...new Set([...(blocks.get(id) ?? []), ...others])]);
      }
    }
    this.push({ kind: 'partition', timeMs: this.nowMs(), groups: groups.map((g) => [...g]) });
    await this.applyBlocks(blocks);
  }

  /** Ends the partition: every node accepts every peer again. */
  async heal(): Promise<void> {
    this.push({ kind: 'heal', timeMs: this.nowMs() });
    await this.applyBlocks(new Map());
  }

  /**
   * Delivers `message` to node `to` as if sent by `from` (default `'client'`): how a test or a
   * notebook starts an operation. Dropped if `to` is crashed or refuses `from`.
   */
  inject(to: NodeId, message: M, from: NodeId = 'client'): void {
    const slot = this.slot(to);
    const key = `inject.${this.injected++}`;
    const sentAtMs = this.nowMs();
    const text = encodeValue(message, 'inject: message');
    this.push({ kind: 'send', timeMs: sentAtMs, from, to, key, message });
    if (slot.status === 'crashed') this.push({ kind: 'drop', timeMs: sentAtMs, from, to, key, message, sentAtMs, reason: 'crashed' });
    else slot.control({ type: 'inject', from, message: text, key, sentAtMs });
  }

  /**
   * A client operation: sends `message` to `to` as `options.client` (default `'client'`),
   * waits for the reply `options.isReply` recognises, and records the operation in
   * {@link history}. Resolves with the reply, or `undefined` when none came within
   * `timeoutMs` (the operation is then `info`: it may or may not have taken effect).
   *
   * @example
   * await cluster.request('n1', { type: 'Write', value: 3 }, { input: { f: 'write', value: 3 }, isReply: (m) => m.type === 'WriteOk' });
   * checkLinearizability(registerModel(), cluster.history()).verdict; // 'ok'
   */
  request(to: NodeId, message: M, options: RequestOptions<M>): Promise<M | undefined> {
    return this.recorder.request(this, to, message, options);
  }

  /** The client operations made with {@link request}, in invoke order, as a lib/linearizability history. */
  history(): Operation[] {
    return this.recorder.history();
  }

  /**
   * Resolves when `predicate(cluster)` holds (checked now and after every batch of records);
   * rejects after `timeoutMs` (default 10 s) with the last events, when a node dies of an
   * exception in its code while waiting, or when the cluster is stopped.
   */
  waitFor(predicate: (cluster: this) => boolean, options: { timeoutMs?: number } = {}): Promise<void> {
    return waitUntil(this, () => predicate(this), { timeoutMs: options.timeoutMs ?? 10_000, waiters: this.waiters, stopped: () => this.stopped });
  }

  /** Kills every node process, waits until they are gone, and removes the temp data folder it created. Idempotent. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.slots.values()].map((slot) => slot.kill({ quiet: true })));
    for (const check of [...this.waiters]) check();
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  // ----- used by NodeSlot -----

  /** The folder of node `id`'s durable files. */
  nodeDir(id: NodeId): string {
    return join(this.dataDir, encodeURIComponent(id));
  }

  /** @internal Adds a record and wakes the waiters. */
  push(record: RuntimeRecord<unknown>): void {
    const r = record as RuntimeRecord<M>;
    this.records.push(r);
    if (r.kind === 'error') this.errors.push({ node: r.node, message: r.message, fatal: r.fatal, timeMs: r.timeMs });
    if (r.kind === 'output') this.outputs.push(r.data === undefined ? { timeMs: r.timeMs, node: r.node, label: r.label } : { timeMs: r.timeMs, node: r.node, label: r.label, data: r.data });
    if (r.kind === 'send' && !this.slots.has(r.to) && r.key.startsWith(`${r.from}.`)) {
      // A message to a client: the launcher is that client's network end.
      const timeMs = this.nowMs();
      this.records.push({ kind: 'deliver', timeMs, from: r.from, to: r.to, key: r.key, message: r.message, sentAtMs: r.timeMs });
      this.external.push({ timeMs, from: r.from, to: r.to, message: r.message });
    }
  }

  /** @internal Runs the waiters' checks (after a batch of records or a node's death). */
  wake(): void {
    for (const check of [...this.waiters]) check();
  }

  /** @internal Tells every node the current ports of its peers. */
  broadcastPorts(): void {
    const ports: Record<NodeId, number> = {};
    for (const [id, slot] of this.slots) if (slot.port !== undefined && slot.status !== 'crashed') ports[id] = slot.port;
    for (const slot of this.slots.values()) slot.control({ type: 'peers', ports });
  }

  /** @internal The slot of `id`; throws a clear error for an unknown id. */
  slot(id: NodeId): NodeSlot {
    const slot = this.slots.get(id);
    if (slot === undefined) throw new Error(`nodo desconocido "${id}" (nodos: ${this.nodeIds.join(', ')})`);
    return slot;
  }

  private async applyBlocks(blocks: Map<NodeId, NodeId[]>): Promise<void> {
    this.blocks = blocks;
    await Promise.all([...this.slots.values()].map((slot) => slot.block(blocks.get(slot.id) ?? [])));
  }
}
