/**
 * The messages between HDFS's NameNode and DataNodes (DatanodeProtocol and the data
 * transfer), named after HDFS's own calls, and the check of a received one.
 */

/** A copy the NameNode asks a DataNode to make (DNA_TRANSFER in a heartbeat reply). */
export interface TransferCommand {
  readonly block: string;
  readonly targets: readonly string[];
}

/** Every message of the simulated HDFS. */
export type DfsMessage =
  /** DataNode → NameNode every 3 s: alive, and how many copies it is sending now. */
  | { readonly type: 'Heartbeat'; readonly xmitsInProgress: number }
  /** NameNode → DataNode: the commands queued for it; `reRegister` asks for a block report. */
  | { readonly type: 'HeartbeatReply'; readonly commands: readonly TransferCommand[]; readonly reRegister: boolean }
  /** DataNode → NameNode: every block on its disk (at start, and when asked). */
  | { readonly type: 'BlockReport'; readonly blocks: readonly string[] }
  /** DataNode → DataNode: a block's data (its size stands for the bytes). */
  | { readonly type: 'TransferBlock'; readonly block: string; readonly sizeBytes: number }
  /** DataNode → NameNode: it stored a new replica, copied from `source` (incremental block report). */
  | { readonly type: 'BlockReceived'; readonly block: string; readonly source: string };

/** The message types, for filters. */
export const DFS_MESSAGE_TYPES: readonly DfsMessage['type'][] = ['Heartbeat', 'HeartbeatReply', 'BlockReport', 'TransferBlock', 'BlockReceived'];

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isTextList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isText);

/**
 * Checks a received message: the message itself, or a Spanish reason why it is malformed (a
 * node answers that with a `rejected` output and carries on, never a crash).
 *
 * @example
 * parseDfsMessage({ type: 'BlockReport', blocks: 'blk_1' }); // 'BlockReport: blocks debe ser una lista de ids'
 */
export function parseDfsMessage(m: unknown): DfsMessage | string {
  if (m === null || typeof m !== 'object') return `mensaje que no es un objeto: ${JSON.stringify(m)}`;
  const r = m as Record<string, unknown>;
  switch (r.type) {
    case 'Heartbeat':
      return Number.isInteger(r.xmitsInProgress) && (r.xmitsInProgress as number) >= 0 ? (m as DfsMessage) : 'Heartbeat: xmitsInProgress debe ser un entero ≥ 0';
    case 'HeartbeatReply':
      if (typeof r.reRegister !== 'boolean') return 'HeartbeatReply: reRegister debe ser true o false';
      if (!Array.isArray(r.commands) || !r.commands.every((c) => c !== null && typeof c === 'object' && isText((c as TransferCommand).block) && isTextList((c as TransferCommand).targets))) return 'HeartbeatReply: commands debe ser una lista de { block, targets }';
      return m as DfsMessage;
    case 'BlockReport':
      return isTextList(r.blocks) ? (m as DfsMessage) : 'BlockReport: blocks debe ser una lista de ids';
    case 'TransferBlock':
      return isText(r.block) && Number.isFinite(r.sizeBytes) && (r.sizeBytes as number) >= 0 ? (m as DfsMessage) : 'TransferBlock: block debe ser un id y sizeBytes un número ≥ 0';
    case 'BlockReceived':
      return isText(r.block) && isText(r.source) ? (m as DfsMessage) : 'BlockReceived: block y source deben ser ids';
    default:
      return `tipo de mensaje desconocido: ${JSON.stringify(r.type)}`;
  }
}

/** One line per message for traces (`Heartbeat xmits=0`, `HeartbeatReply 2 órdenes`…). */
export function formatDfsMessage(m: DfsMessage): string {
  switch (m.type) {
    case 'Heartbeat': return `Heartbeat xmits=${m.xmitsInProgress}`;
    case 'HeartbeatReply': return `HeartbeatReply ${m.commands.map((c) => `${c.block}→${c.targets.join('+')}`).join(' ') || 'sin órdenes'}${m.reRegister ? ' (reRegister)' : ''}`;
    case 'BlockReport': return `BlockReport ${m.blocks.length} bloques`;
    case 'TransferBlock': return `TransferBlock ${m.block}`;
    case 'BlockReceived': return `BlockReceived ${m.block} (de ${m.source})`;
    default: return JSON.stringify(m);
  }
}
