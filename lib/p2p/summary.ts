/**
 * Chapter 04's comparison row for P2P, written from a run's own data: the real TCP chat and,
 * if given, the simulated fan-out experiment.
 */
import { formatNumber, formatPercent } from '../plot/format';
import type { PatternSummary } from '../patterns/comparison';
import type { ChatRun } from './chat';
import type { FanoutRow } from './experiment';

/** What {@link summarizeP2P} reads: the TCP chat run and, optionally, the fan-out rows. */
export interface P2PRun {
  readonly chat: ChatRun;
  readonly fanout?: readonly FanoutRow[];
}

/**
 * The P2P row of chapter 04's comparison table.
 *
 * @example
 * const resumenP2P = summarizeP2P({ chat: await runTcpChat(), fanout: fanoutExperiment({ seed: 1, fanouts: [2, 'all'], seeds: 3 }) });
 */
export function summarizeP2P(run: P2PRun): PatternSummary {
  const { chat } = run;
  const dead = chat.errors.filter((e) => e.kind === 'deadPeer');
  const deadPeers = [...new Set(dead.map((e) => /: (\S+) no responde/.exec(e.text)?.[1] ?? '?'))];
  const detectors = [...new Set(dead.map((e) => e.peer))].sort();
  const after = chat.steps.find((step) => deadPeers.length > 0 && deadPeers.every((d) => !step.live.includes(d)));
  const counts = [...chat.timesShown.values()].flatMap((m) => [...m.values()]);
  const exactlyOnce = counts.length > 0 && counts.every((n) => n === 1);
  const whenANodeDies = deadPeers.length === 0
    ? 'ningún par murió en esta ejecución'
    : `${deadPeers.join(', ')} murió sin avisar: ${detectors.join(' y ')} lo detectaron al escribirle y lo quitaron de sus vecinos; el mensaje siguiente (${after?.messageId ?? '?'}) llegó a ${after?.shownBy.length ?? 0} de ${after?.live.length ?? 0} pares vivos`;
  const clean = run.fanout?.find((r) => r.condition === 'sin fallos' && r.fanout === 'all');
  const gossip = run.fanout?.find((r) => r.condition === 'pérdida 10 %' && r.fanout === 2);
  const scaling = clean === undefined
    ? `inundar cuesta un envío por enlace y sentido; aquí ${chat.peers.length} pares`
    : `inundar a todos: ${formatNumber(clean.sentPerMessage, { maxDecimals: 0 })} envíos por mensaje y ${formatNumber(clean.duplicatesPerPeer, { maxDecimals: 1 })} duplicados por par` +
      (gossip ? `; con fan-out 2 y 10 % de pérdida llega al ${formatPercent(gossip.coverage, { maxDecimals: 0 })}` : '');
  const malformed = chat.errors.filter((e) => e.kind === 'malformed' || e.kind === 'tooLarge').length;
  const measured = `${chat.steps.length} mensajes por TCP real: ${exactlyOnce ? 'cada par vivo mostró cada uno exactamente 1 vez' : 'ALGÚN par mostró un mensaje 0 o 2 veces'}; ${malformed === 1 ? '1 trama basura rechazada' : `${malformed} tramas basura rechazadas`} sin caerse; ${chat.handlesLeft === 1 ? '1 socket abierto' : `${chat.handlesLeft} sockets abiertos`} al final`;
  return {
    pattern: 'P2P',
    coordinator: `nadie: ${chat.peers.length} pares iguales, cada uno servidor y cliente TCP, que se conocen por una lista de arranque`,
    whenANodeDies,
    scaling,
    measured,
  };
}
