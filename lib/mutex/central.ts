/**
 * The lecture's central coordinator: one node is the arbiter; a process asks it (REQUEST),
 * it grants (GRANT) if the resource is free or queues the request, and the holder gives it
 * back (RELEASE), which lets the coordinator grant the next in the queue. Three messages per
 * entry and two hops of synchronisation delay; the coordinator is a single point of failure,
 * and a coordinator that restarts forgets who holds the lock.
 */
import type { Effect, NodeContext, NodeFactory, NodeId } from '../sim/types';
import { send } from '../sim/types';
import type { CentralMessage } from './messages';
import { intField, MutexNode } from './node';
import type { MutexWorkload } from './node';

/** Options of {@link centralCoordinator}. */
export interface CentralOptions extends MutexWorkload {
  /** The coordinator (default: the first node id); it does not ask for the section itself. */
  readonly coordinator?: NodeId;
}

/** A node of the central-coordinator algorithm: a client, and on one node the coordinator too. */
export class CentralNode extends MutexNode<CentralMessage> {
  readonly coordinator: NodeId;
  /** Coordinator state: who holds the lock (and for which request), and who waits, in order. */
  holder: { readonly node: NodeId; readonly seq: number } | undefined;
  readonly queue: { readonly node: NodeId; readonly seq: number }[] = [];
  /** Client state: the number of this node's current request. */
  private seq = 0;
  private readonly lastSeq = new Map<NodeId, number>();

  constructor(context: NodeContext, options: CentralOptions) {
    const coordinator = options.coordinator ?? (context.nodeIds[0] as NodeId);
    super(context, options, context.nodeIds.filter((id) => id !== coordinator));
    if (!context.nodeIds.includes(coordinator)) throw new RangeError(`centralCoordinator: el coordinador ${coordinator} no está en el grupo`);
    this.coordinator = coordinator;
  }

  protected requestAccess(): Effect<CentralMessage>[] {
    this.seq++;
    return [send(this.coordinator, { type: 'Request', seq: this.seq })];
  }

  protected releaseAccess(): Effect<CentralMessage>[] {
    return [send(this.coordinator, { type: 'Release', seq: this.seq })];
  }

  protected onMessage(from: NodeId, message: CentralMessage): Effect<CentralMessage>[] {
    const seq = intField(message, 'seq');
    if (seq === undefined) return this.reject(from, message, 'mensaje sin número de petición');
    switch (message.type) {
      case 'Request':
        return this.id === this.coordinator ? this.onRequest(from, seq) : this.reject(from, message, 'no soy el coordinador');
      case 'Release':
        return this.id === this.coordinator ? this.onRelease(from, seq) : this.reject(from, message, 'no soy el coordinador');
      case 'Grant':
        if (from !== this.coordinator) return this.reject(from, message, `${from} no es el coordinador`);
        // A duplicate or late GRANT for an older request must not let this node in.
        if (this.phase !== 'WANTED' || seq !== this.seq) return this.reject(from, message, 'GRANT de una petición que ya no está pendiente');
        return this.enter();
      default:
        return this.reject(from, message, 'tipo de mensaje desconocido');
    }
  }

  /** Step 2: grant if free, else queue. A request seen before (a duplicate) is ignored. */
  private onRequest(from: NodeId, seq: number): Effect<CentralMessage>[] {
    if (seq <= (this.lastSeq.get(from) ?? 0)) return this.reject(from, { type: 'Request' }, 'petición repetida o antigua');
    this.lastSeq.set(from, seq);
    if (this.holder === undefined) {
      this.holder = { node: from, seq };
      return [send(from, { type: 'Grant', seq })];
    }
    this.queue.push({ node: from, seq });
    return [];
  }

  /** Step 4: the holder gives the lock back; the next in the queue gets it. */
  private onRelease(from: NodeId, seq: number): Effect<CentralMessage>[] {
    if (this.holder === undefined || this.holder.node !== from || this.holder.seq !== seq) {
      return this.reject(from, { type: 'Release' }, `liberación sin permiso: ${from} no tiene el recurso`);
    }
    this.holder = this.queue.shift();
    return this.holder === undefined ? [] : [send(this.holder.node, { type: 'Grant', seq: this.holder.seq })];
  }
}

/**
 * A factory of {@link CentralNode}s.
 *
 * @example
 * const sim = new Simulation({ seed: 1, nodeIds: ['c', 'n1', 'n2', 'n3'], createNode: centralCoordinator({ coordinator: 'c' }), checkers: [mutualExclusion] });
 * sim.runFor(5_000); // n1…n3 take turns; 3 messages per entry
 */
export function centralCoordinator(options: CentralOptions = {}): NodeFactory<CentralMessage, CentralNode> {
  return (context) => new CentralNode(context, options);
}
