// @real-io: one node's OS process, its lives, signals and IPC.
/**
 * One node of a launched cluster: its current process (if any), its lives, its status, and
 * the IPC messages to and from it.
 */
import type { ChildProcess } from 'node:child_process';
import type { NodeId } from '../sim/types';
import { decodeValue } from './codec';
import { signalGroup, startNodeProcess, track } from './processes';
import type { LaunchOptions } from './launch-options';
import type { RuntimeRecord } from './records';
import { CONFIG_ENV } from './wire';
import type { ControlMessage, NodeProcessConfig, ReportMessage } from './wire';

/** Whether a node's process is running, stopped by SIGSTOP, or not there (killed, died, not started). */
export type NodeStatus = 'running' | 'paused' | 'crashed';

/** What a slot needs from its cluster. */
export interface ClusterContext {
  readonly nodeIds: readonly NodeId[];
  readonly tag: string;
  readonly epochNs: bigint;
  readonly options: Omit<LaunchOptions, 'nodeIds' | 'dataDir'>;
  nowMs(): number;
  nodeDir(id: NodeId): string;
  push(record: RuntimeRecord<unknown>): void;
  wake(): void;
}

const MAX_LOG_LINES = 500;

/** One node of a cluster, across its lives. */
export class NodeSlot {
  status: NodeStatus = 'crashed';
  port: number | undefined;
  readonly logs: string[] = [];
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private life = 0;
  private killing = false;
  private nextAck = 0;
  private readonly acks = new Map<number, () => void>();

  constructor(readonly id: NodeId, private readonly cluster: ClusterContext) {}

  /** The OS pid of the current process. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts a new life of this node; resolves once it listens (before `start`). */
  spawn(): Promise<void> {
    const { options } = this.cluster;
    this.life++;
    const config: NodeProcessConfig = {
      id: this.id,
      nodeIds: this.cluster.nodeIds,
      module: options.module,
      factory: options.factory,
      ...(options.args === undefined ? {} : { args: options.args }),
      dataDir: this.cluster.nodeDir(this.id),
      durability: options.durability ?? 'immediate',
      seed: String(options.seed ?? 'runtime'),
      life: this.life,
      epochNs: this.cluster.epochNs.toString(),
      maxFrameBytes: options.maxFrameBytes ?? 16 * 1024 * 1024,
    };
    const env = { ...process.env, ...options.env, [CONFIG_ENV]: JSON.stringify(config) };
    const child = startNodeProcess({ tag: this.cluster.tag, id: this.id, env, nodeArgs: options.nodeArgs });
    track(child);
    this.child = child;
    this.status = 'running';
    this.port = undefined;
    this.killing = false;
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (text: string) => {
        for (const line of text.split('\n')) if (line !== '') this.logs.push(line);
        if (this.logs.length > MAX_LOG_LINES) this.logs.splice(0, this.logs.length - MAX_LOG_LINES);
      });
    }
    let onReady: (error?: Error) => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      onReady = (error) => (error ? reject(error) : resolve());
    });
    const timeoutMs = options.startTimeoutMs ?? 20_000;
    const timer = setTimeout(() => onReady(new Error(`el nodo ${this.id} no arrancó en ${timeoutMs} ms${this.stderrTail()}`)), timeoutMs);
    const settle = (error?: Error) => {
      clearTimeout(timer);
      onReady(error);
      onReady = () => undefined;
    };
    child.on('error', (error) => settle(new Error(`no se pudo arrancar el proceso del nodo ${this.id}: ${error.message}`)));
    child.on('message', (text: unknown) => {
      let report: ReportMessage;
      let records: RuntimeRecord<unknown>[] = [];
      try {
        // Protocol code shares the process: a stray process.send must not crash the launcher.
        report = JSON.parse(String(text)) as ReportMessage;
        if (report.type === 'records') records = report.lines.map((line) => decodeValue(line) as RuntimeRecord<unknown>);
      } catch (error) {
        this.logs.push(`(launcher) ignored a malformed IPC message: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      switch (report.type) {
        case 'ready':
          if (this.child === child) this.port = report.port;
          return settle();
        case 'records':
          for (const record of records) this.cluster.push(record);
          return this.cluster.wake();
        case 'ack':
          this.acks.get(report.ack)?.();
          return;
        case 'fatal':
          this.cluster.push({ kind: 'error', timeMs: this.cluster.nowMs(), node: this.id, message: report.message, fatal: true });
          settle(new Error(`nodo ${this.id}: ${report.message}`));
          return this.cluster.wake();
      }
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        settle(new Error(`el proceso del nodo ${this.id} terminó al arrancar (${signal ?? `código ${code}`})${this.stderrTail()}`));
        if (this.child === child) {
          this.child = undefined;
          this.status = 'crashed';
          this.port = undefined;
          // A death nobody asked for (an exception in its code, a signal from outside) is a crash too.
          if (!this.killing) this.cluster.push({ kind: 'crash', timeMs: this.cluster.nowMs(), node: this.id });
        }
        for (const ack of [...this.acks.values()]) ack();
        this.cluster.wake();
        resolve();
      });
    });
    return ready;
  }

  /** Sends a control message (ignored when there is no process). */
  control(message: ControlMessage): void {
    const child = this.child;
    if (child === undefined || !child.connected) return;
    child.send(JSON.stringify(message), (error) => {
      if (error) this.logs.push(`(launcher) could not send ${message.type}: ${error.message}`);
    });
  }

  /** Installs this node's firewall; resolves when it acknowledges (at once if it is paused or gone). */
  block(peers: readonly NodeId[]): Promise<void> {
    if (this.child === undefined) return Promise.resolve();
    const ack = this.nextAck++;
    const applied = new Promise<void>((resolve) => this.acks.set(ack, resolve)).then(() => void this.acks.delete(ack));
    this.control({ type: 'block', peers, ack });
    return this.status === 'paused' ? Promise.resolve() : applied;
  }

  /** SIGKILLs the process group and waits for the exit; records a crash unless `quiet`. */
  async kill(options: { quiet?: boolean } = {}): Promise<void> {
    const child = this.child;
    if (child === undefined) return;
    this.killing = true;
    if (!options.quiet) this.cluster.push({ kind: 'crash', timeMs: this.cluster.nowMs(), node: this.id });
    signalGroup(child, 'SIGKILL');
    await this.exited;
  }

  /** Pauses (SIGSTOP) or resumes (SIGCONT) the process group. */
  signal(signal: 'SIGSTOP' | 'SIGCONT', kind: 'pause' | 'resume'): void {
    if (this.child === undefined) throw new Error(`${kind}: el nodo ${this.id} no está en marcha`);
    if ((kind === 'pause') !== (this.status === 'running')) return;
    signalGroup(this.child, signal);
    this.status = kind === 'pause' ? 'paused' : 'running';
    this.cluster.push({ kind, timeMs: this.cluster.nowMs(), node: this.id });
  }

  private stderrTail(): string {
    const tail = this.logs.slice(-15).join('\n');
    return tail === '' ? '' : `\nsalida del proceso:\n${tail}`;
  }
}
