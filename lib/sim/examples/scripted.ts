/**
 * Scripted nodes: each node follows a small script (do a local event, send a named message)
 * at given delays after it starts or after it receives a given message. Enough to replay the
 * lecture's examples event by event.
 */
import type { Effect, Input, NodeContext, NodeId, ProtocolNode } from '../types';

/** A scripted message: just its name, e.g. `{ type: 'E2' }`. */
export type ScriptedMessage = { readonly type: string };

/** One step of a script, `afterMs` after its trigger. */
export type ScriptedAction =
  | { readonly afterMs: number; readonly local: string }
  | { readonly afterMs: number; readonly send: string; readonly to: NodeId };

/** What one node does: at start, and when it receives each named message. */
export interface NodeScript {
  readonly atStart?: readonly ScriptedAction[];
  readonly onReceive?: Readonly<Record<string, readonly ScriptedAction[]>>;
}

/** A node that plays a {@link NodeScript}. Local events are outputs labelled with their name. */
export class ScriptedNode implements ProtocolNode<ScriptedMessage> {
  readonly id: NodeId;
  private readonly pending = new Map<string, ScriptedAction>();
  private timers = 0;
  /** The reactions by message name, in a Map so that any name (even 'toString') is just data. */
  private readonly onReceive: ReadonlyMap<string, readonly ScriptedAction[]>;

  constructor(context: NodeContext, private readonly script: NodeScript) {
    this.id = context.id;
    this.onReceive = new Map(Object.entries(script.onReceive ?? {}));
  }

  start(): Effect<ScriptedMessage>[] {
    return this.schedule(this.script.atStart ?? []);
  }

  step(input: Input<ScriptedMessage>): Effect<ScriptedMessage>[] {
    if (input.type === 'message') return this.schedule(this.onReceive.get(input.message.type) ?? []);
    const action = this.pending.get(input.name);
    if (action === undefined) return [];
    this.pending.delete(input.name);
    return 'local' in action ? [{ type: 'output', label: action.local }] : [{ type: 'send', to: action.to, message: { type: action.send } }];
  }

  private schedule(actions: readonly ScriptedAction[]): Effect<ScriptedMessage>[] {
    return actions.map((action) => {
      const name = `paso${++this.timers}`;
      this.pending.set(name, action);
      return { type: 'setTimer', name, afterMs: action.afterMs };
    });
  }
}

/** A node factory playing `scripts` (nodes without a script do nothing but receive). */
export function scripted(scripts: ReadonlyMap<NodeId, NodeScript>): (context: NodeContext) => ScriptedNode {
  return (context) => new ScriptedNode(context, scripts.get(context.id) ?? {});
}
