/**
 * Gossip's messages (Demers et al. 1987, "Epidemic algorithms for replicated database
 * maintenance"; Karp et al. 2000, "Randomized rumor spreading"): a push carries the rumour; a
 * pull asks for it (and, in push–pull, also carries the asker's rumour); a pull reply answers it.
 */

/** Dissemination style. */
export type GossipMode = 'push' | 'pull' | 'push-pull';

/** Messages between gossip nodes. */
export type GossipMessage =
  | { readonly type: 'Push'; readonly rumor: string }
  | { readonly type: 'Pull'; readonly rumor: string | null }
  | { readonly type: 'PullReply'; readonly rumor: string };

/** Why a message is refused (Spanish, for students), or `undefined` if it is well formed. */
export function gossipMessageProblem(message: unknown): string | undefined {
  const m = message as { type?: unknown; rumor?: unknown } | null;
  if (m === null || typeof m !== 'object') return 'el mensaje no es un objeto';
  if (m.type === 'Push' || m.type === 'PullReply') return typeof m.rumor === 'string' && m.rumor.length > 0 ? undefined : `${m.type} sin rumor (texto)`;
  if (m.type === 'Pull') return m.rumor === null || (typeof m.rumor === 'string' && m.rumor.length > 0) ? undefined : 'Pull con un rumor que no es texto ni null';
  return `tipo de mensaje desconocido: ${JSON.stringify(m.type)}`;
}

/** One trace line per message: `Push bloque-1`, `Pull —`. */
export function formatGossipMessage(message: GossipMessage): string {
  return `${message.type} ${message.rumor ?? '—'}`;
}
