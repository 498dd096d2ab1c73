/**
 * How an NFS client reaches a server: one `call` per procedure that resolves with the result,
 * rejects with `RpcError` (the server answered an error) or `RpcTransportError` (no answer).
 * Two implementations: in the same process (for fast sweeps) and over real HTTP (`http.ts`).
 */
import { request, RpcError } from '../rpc/messages';
import { RpcTransportError, validateResponse } from '../rpc/http-client';
import type { NfsProcedure } from './messages';
import type { NfsServer } from './server';
import type { Rng } from '../random/index';

/** A client's path to a server. */
export interface NfsTransport {
  /** Sends one call; the params already carry the client's name and the call's xid. */
  call(procedure: NfsProcedure, params: Record<string, unknown>): Promise<unknown>;
  /** Releases sockets (HTTP); a no-op in process. */
  close(): void;
}

/**
 * A transport that hands the JSON text of each call to a server in the same process and
 * parses its JSON answer: the wire format is exercised, the network is not. A reply the
 * server's fault injector drops becomes `RpcTransportError('reset')`, as over HTTP.
 *
 * @example
 * const t = inProcessTransport(server);
 * await t.call('MNT', { client: 'A', xid: 1 }); // { handle: 'fh:1:1:1' }
 */
export function inProcessTransport(server: NfsServer): NfsTransport {
  let id = 0;
  return {
    async call(procedure, params) {
      const { reply, lost } = server.handleText(JSON.stringify(request(procedure, params, ++id)));
      const answer = await reply;
      if (lost) throw new RpcTransportError('reset', 'conexión cortada: la respuesta se perdió', true);
      const response = validateResponse(JSON.parse(JSON.stringify(answer ?? null)));
      if ('error' in response) throw new RpcError(response.error.code, response.error.message, response.error.data);
      return response.result;
    },
    close() {},
  };
}

/** Loss rates of a {@link lossyTransport}. */
export interface LossOptions {
  /** Probability that a call never reaches the server. */
  requestLossRate: number;
  /** Probability that the server's answer never comes back (the call ran). */
  replyLossRate: number;
}

/**
 * Wraps a transport with seeded message loss, as UDP (NFS's original transport) loses
 * datagrams: a lost request never runs; a lost reply ran on the server but the client only
 * sees a timeout. Either way the client cannot tell which, so it retransmits.
 */
export function lossyTransport(inner: NfsTransport, rng: Rng, loss: LossOptions): NfsTransport {
  for (const rate of [loss.requestLossRate, loss.replyLossRate]) {
    if (!(rate >= 0 && rate < 1)) throw new RangeError(`lossyTransport: una tasa de pérdida debe estar en [0, 1) (llegó ${rate})`);
  }
  const timeout = () => new RpcTransportError('timeout', 'sin respuesta (mensaje perdido)', true);
  return {
    async call(procedure, params) {
      if (rng.bernoulli(loss.requestLossRate)) throw timeout();
      let outcome: { kind: 'ok'; value: unknown } | { kind: 'error'; error: unknown };
      try {
        outcome = { kind: 'ok', value: await inner.call(procedure, params) };
      } catch (error) {
        outcome = { kind: 'error', error };
      }
      if (rng.bernoulli(loss.replyLossRate)) throw timeout();
      if (outcome.kind === 'error') throw outcome.error;
      return outcome.value;
    },
    close: () => inner.close(),
  };
}
