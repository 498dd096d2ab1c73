/**
 * A tester in the shape of MIT 6.5840's `raft/config.go`, on the simulator: servers can be
 * disconnected (every link cut, as `cfg.disconnect`), crashed and restarted from their fsynced
 * disks (`crash1` / `start1`), commands are started on a server (`Start`) and `one()` waits
 * for agreement; RPCs and their bytes are counted as labrpc counts them. Time is simulated, so
 * "within 5 s" is 5 s of simulated time, and the same seed gives the same run.
 */
import { createRng } from '../../lib/random/index';
import type { Rng } from '../../lib/random/index';
import { LAB_TIMING, LAB_UNRELIABLE_NETWORK, labUnreliable, raftCheckers, raftNode, raftNodeIds } from '../../lib/raft/index';
import type { RaftApply, RaftConfig, RaftMessage, RaftNode } from '../../lib/raft/index';
import { Simulation } from '../../lib/sim/index';
import type { NodeId } from '../../lib/sim/index';

const RPCS: ReadonlySet<string> = new Set(['RequestVote', 'AppendEntries', 'InstallSnapshot']);

/** The 6.5840 tester's election deadline: a leader within 5 s of losing the old one. */
export const ELECTION_DEADLINE_MS = 5_000;

/** Options of {@link makeConfig}. */
export interface TesterOptions {
  readonly servers: number;
  readonly seed: number | string;
  readonly unreliable?: boolean;
  readonly longReordering?: boolean;
  readonly raft?: Partial<RaftConfig>;
}

/** The tester: a simulation plus 6.5840's helpers. */
export class Tester {
  readonly sim: Simulation<RaftMessage, RaftNode>;
  readonly ids: NodeId[];
  readonly rng: Rng;
  readonly seed: number | string;
  rpcs = 0;
  bytes = 0;
  /** What each server applied, by index (from its `apply` outputs; kept across crashes). */
  readonly applied = new Map<NodeId, Map<number, string>>();
  private readonly connected = new Set<NodeId>();
  private cursor = 0;
  private commands = 0;
  private sessions = 0;

  constructor(options: TesterOptions) {
    this.seed = options.seed;
    this.ids = raftNodeIds(options.servers);
    this.rng = createRng(`${options.seed}/tester`);
    this.sim = new Simulation<RaftMessage, RaftNode>({
      seed: options.seed,
      trace: false,
      nodeIds: this.ids,
      createNode: raftNode({ ...LAB_TIMING, ...options.raft }),
      durability: 'fsync',
      checkers: raftCheckers(),
      ...(options.unreliable ? { network: LAB_UNRELIABLE_NETWORK } : { network: { latency: { kind: 'uniform', minMs: 1, maxMs: 5 } } }),
    });
    if (options.unreliable) labUnreliable(this.sim, { seed: options.seed, longReordering: options.longReordering === true });
    this.sim.dropIf(({ message }) => {
      if (RPCS.has(message.type)) {
        this.rpcs++;
        this.bytes += JSON.stringify(message).length;
      }
      return false;
    });
    for (const id of this.ids) this.connected.add(id);
  }

  /** A failure message with the seed, for `expect(…, tester.why('…'))`. */
  why(what: string): string {
    return `${what} (semilla ${String(this.seed)}; ${this.sim.violation?.message ?? 'sin violación'})`;
  }

  /** Runs simulated time forward. */
  sleep(ms: number): void {
    this.sim.runFor(ms);
    this.readApplies();
  }

  /** `cfg.disconnect(i)`: cuts every link of `id`. */
  disconnect(id: NodeId): void {
    this.connected.delete(id);
    for (const other of this.ids) if (other !== id) this.sim.cut(id, other);
  }

  /** `cfg.connect(i)`: restores its links to every connected server. */
  connect(id: NodeId): void {
    this.connected.add(id);
    for (const other of this.connected) if (other !== id) this.sim.restore(id, other);
  }

  isConnected(id: NodeId): boolean {
    return this.connected.has(id);
  }

  /** `cfg.crash1(i)`: the process dies; only its fsynced disk survives. */
  crash(id: NodeId): void {
    if (this.sim.isUp(id)) this.sim.crash(id);
  }

  /** `cfg.start1(i)`: a fresh server on the same disk. */
  restart(id: NodeId): void {
    if (!this.sim.isUp(id)) this.sim.restart(id);
  }

  /** The leaders among connected, live servers. */
  leaders(): RaftNode[] {
    return [...this.sim.nodes.values()].filter((n) => n.role === 'leader' && this.connected.has(n.id));
  }

  /** `checkOneLeader`: after 450–550 ms, exactly one leader in the newest term within 5 s, or `undefined`. */
  checkOneLeader(): NodeId | undefined {
    let found: NodeId | undefined;
    // As the lab's checkOneLeader: first sleep 450–550 ms, so stale leaders hear of newer terms.
    this.sleep(450 + this.rng.int(0, 100));
    this.sim.runUntil(() => {
      const byTerm = new Map<number, NodeId[]>();
      for (const n of this.leaders()) byTerm.set(n.currentTerm, [...(byTerm.get(n.currentTerm) ?? []), n.id]);
      const newest = Math.max(-1, ...byTerm.keys());
      const ids = byTerm.get(newest);
      found = ids !== undefined && ids.length === 1 ? ids[0] : undefined;
      return found !== undefined;
    }, { limitMs: ELECTION_DEADLINE_MS });
    this.readApplies();
    return found;
  }

  /** `checkTerms`: the term every connected server agrees on, or −1 if they disagree. */
  checkTerms(): number {
    const terms = new Set([...this.sim.nodes.values()].filter((n) => this.connected.has(n.id)).map((n) => n.currentTerm));
    return terms.size === 1 ? ([...terms][0] as number) : -1;
  }

  /** `Start(command)` on `id`: appends if it leads; returns the index it expects, or −1. */
  start(id: NodeId, value = this.freshValue()): { index: number; term: number; isLeader: boolean; value: string } {
    const node = this.sim.node(id);
    if (node === undefined || node.role !== 'leader') return { index: -1, term: node?.currentTerm ?? 0, isLeader: false, value };
    const index = node.lastLogIndex + 1;
    // Each command its own client session, so commands started concurrently are never deduplicated.
    this.sim.inject(id, { type: 'ClientRequest', requestId: `t${++this.sessions}:1`, op: { f: 'put', key: 'x', value } }, { from: 'tester' });
    this.sim.runFor(0.5);
    return { index, term: node.currentTerm, isLeader: true, value };
  }

  /** A command value never used before in this run. */
  freshValue(): string {
    return `v${++this.commands}`;
  }

  /** `nCommitted(index)`: how many servers applied `index`, and what (undefined if none). */
  nCommitted(index: number): { count: number; value: string | undefined } {
    this.readApplies();
    let count = 0;
    let value: string | undefined;
    for (const map of this.applied.values()) {
      const v = map.get(index);
      if (v === undefined) continue;
      count++;
      value = v;
    }
    return { count, value };
  }

  /**
   * `one(cmd, expectedServers, retry)`: start `value` on a leader and wait until at least
   * `expected` servers applied it; tries for 10 s. Returns the index, or −1 on failure.
   */
  one(expected: number, retry = true, value = this.freshValue()): number {
    const deadline = this.sim.nowMs + 10_000;
    let startedOnce = false;
    while (this.sim.nowMs < deadline) {
      let index = -1;
      for (const id of this.ids) {
        if (!this.sim.isUp(id) || !this.connected.has(id)) continue;
        if (startedOnce && !retry) break;
        const r = this.start(id, value);
        if (r.isLeader) {
          index = r.index;
          startedOnce = true;
          break;
        }
      }
      if (index !== -1) {
        const until = this.sim.nowMs + 2_000;
        while (this.sim.nowMs < until) {
          const at = this.indexOf(value);
          if (at !== undefined && this.nCommitted(at).count >= expected) return at;
          this.sleep(20);
        }
        if (!retry) return -1;
      } else {
        this.sleep(50);
      }
    }
    return -1;
  }

  /** The index at which some server applied `value`. */
  indexOf(value: string): number | undefined {
    this.readApplies();
    const needle = `"${value}"`;
    for (const map of this.applied.values()) for (const [index, command] of map) if (command.endsWith(needle)) return index;
    return undefined;
  }

  /** `wait(index, n, startTerm)`: waits up to ~10 s for `n` servers to apply `index`. */
  wait(index: number, n: number): string | undefined {
    const deadline = this.sim.nowMs + 10_000;
    while (this.sim.nowMs < deadline) {
      const { count, value } = this.nCommitted(index);
      if (count >= n) return value;
      this.sleep(20);
    }
    return undefined;
  }

  /** Entries each server keeps in its durable log (after its snapshot): 6.5840's `LogSize`. */
  maxLogEntries(): number {
    return Math.max(...this.ids.map((id) => RaftLogEntries(this.sim, id)));
  }

  private snapshotInstalled(node: NodeId, index: number): void {
    installInto(this.applied, node, index);
  }

  private readApplies(): void {
    const outputs = this.sim.outputs;
    for (; this.cursor < outputs.length; this.cursor++) {
      const record = outputs[this.cursor];
      if (record !== undefined && record.label === 'installSnapshot') this.snapshotInstalled(record.node, (record.data as { index: number }).index);
      if (record === undefined || record.label !== 'apply') continue;
      const apply = record.data as RaftApply;
      let map = this.applied.get(record.node);
      if (map === undefined) this.applied.set(record.node, (map = new Map()));
      map.set(apply.index, apply.command);
    }
  }
}

/**
 * As the lab's applier for a snapshot: the server now holds every entry up to `index`; the
 * commands are those other servers applied there (State Machine Safety, checked by the
 * simulation's checkers, says they are the same).
 */
function installInto(applied: Map<NodeId, Map<number, string>>, node: NodeId, index: number): void {
  let map = applied.get(node);
  if (map === undefined) applied.set(node, (map = new Map()));
  for (const [other, theirs] of applied) {
    if (other === node) continue;
    for (const [i, command] of theirs) if (i <= index && !map.has(i)) map.set(i, command);
  }
}

function RaftLogEntries(sim: Simulation<RaftMessage, RaftNode>, id: NodeId): number {
  const node = sim.node(id);
  return node === undefined ? 0 : node.log.entries.length;
}

/** `make_config(servers, unreliable)`. */
export function makeConfig(options: TesterOptions): Tester {
  return new Tester(options);
}

/** How many seeds/iterations a test runs: small in `npm test`, `RAFT_SCALE=10` for ten times more. */
export function scaled(n: number): number {
  const scale = Number(process.env.RAFT_SCALE ?? 1);
  return Math.max(1, Math.round(n * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}
