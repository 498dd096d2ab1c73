/**
 * The client's RPC layer: one call with retransmissions under the same xid (what lets the
 * server's duplicate request cache recognise a retry), NFS error answers turned into
 * `NfsError`, and a log of the RPCs each application operation cost.
 */
import { RpcError } from '../rpc/messages';
import { RpcTransportError } from '../rpc/http-client';
import { NfsError, statusName } from './messages';
import type { NfsProcedure } from './messages';
import type { NfsTransport } from './transport';

/** One application-level operation and the RPCs it cost. */
export interface ClientLogEntry {
  readonly tMs: number;
  readonly client: string;
  readonly operation: string;
  /** RPCs sent, in order, `GETATTR`, `READ`, … (a retransmission appears again with `↻`). */
  readonly rpcs: readonly string[];
  readonly result: string;
}

/** The RPC half of an NFS client; {@link NfsClient} adds the file operations and caches. */
export class RetransmittingCaller {
  /** Every operation with the RPCs it sent. */
  readonly log: ClientLogEntry[] = [];
  /** RPC attempts per procedure, retransmissions included. */
  readonly calls = new Map<NfsProcedure, number>();
  /** Retransmissions made after a lost reply or request. */
  retransmissions = 0;
  private nextXid = 1;
  private rpcsOfOperation: string[] = [];
  private depth = 0;

  constructor(
    /** The client's name, sent with every call. */
    readonly name: string,
    private readonly transport: NfsTransport,
    protected readonly clock: () => number,
    private readonly retries: number,
  ) {}

  /** Releases the transport (HTTP sockets). */
  disconnect(): void {
    this.transport.close();
  }

  /** One RPC with retransmissions: the same xid every time, so the server's DRC can tell. */
  async rpc(procedure: NfsProcedure, params: Record<string, unknown>): Promise<unknown> {
    const xid = this.nextXid++;
    for (let attempt = 0; ; attempt++) {
      this.calls.set(procedure, (this.calls.get(procedure) ?? 0) + 1);
      this.rpcsOfOperation.push(attempt === 0 ? procedure : `${procedure}↻`);
      try {
        return await this.transport.call(procedure, { ...params, client: this.name, xid });
      } catch (error) {
        if (error instanceof RpcTransportError && attempt < this.retries) {
          this.retransmissions++;
          continue;
        }
        if (error instanceof RpcError && !(error instanceof NfsError)) {
          const status = statusName(error.code);
          if (status !== undefined) throw new NfsError(status, typeof error.data === 'string' ? error.data : error.message);
        }
        throw error;
      }
    }
  }

  protected async operation<T>(operation: string, run: () => Promise<T>, describe: (value: T) => string): Promise<T> {
    const tMs = this.clock();
    const outer = this.rpcsOfOperation;
    this.rpcsOfOperation = [];
    this.depth++;
    try {
      const value = await run();
      this.log.push({ tMs, client: this.name, operation, rpcs: this.rpcsOfOperation, result: describe(value) });
      return value;
    } catch (error) {
      this.log.push({ tMs, client: this.name, operation, rpcs: this.rpcsOfOperation, result: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      this.depth--;
      this.rpcsOfOperation = this.depth > 0 ? outer.concat(this.rpcsOfOperation) : [];
    }
  }

}
