/** The runtime's record of one actor (a "cell", as Akka calls it) and how an address finds it. */
import type { Rng } from '../random/index';
import { parseAddress } from './address';
import type { ActorAddress } from './address';
import type { AnyBehavior } from './behavior';
import type { Queue } from './queue';
import type { SupervisorStrategy } from './supervision';

/** A message waiting in a mailbox, with who sent it. */
export interface Mail {
  readonly message: unknown;
  readonly sender?: ActorAddress;
}

/** One actor as the runtime holds it: behaviour, state, mailbox, children, supervision. */
export interface Cell {
  readonly name: string;
  readonly address: ActorAddress;
  readonly parent: Cell | undefined;
  readonly behavior: AnyBehavior;
  readonly strategy: SupervisorStrategy;
  state: unknown;
  incarnation: number;
  restartTimesMs: readonly number[];
  readonly mailbox: Queue<Mail>;
  readonly children: Map<string, Cell>;
  stopped: boolean;
  queued: boolean;
  rng: Rng;
}

/** The live actor at `address` on `host`, walking the tree of names from the top-level actors. */
export function lookupCell(top: ReadonlyMap<string, Cell>, host: string, address: ActorAddress): Cell | undefined {
  const parsed = parseAddress(address);
  if (typeof parsed === 'string' || parsed.host !== host) return undefined;
  let cells: ReadonlyMap<string, Cell> = top;
  let cell: Cell | undefined;
  for (const name of parsed.path) {
    cell = cells.get(name);
    if (cell === undefined) return undefined;
    cells = cell.children;
  }
  return cell;
}

