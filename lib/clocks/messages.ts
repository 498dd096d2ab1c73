/**
 * Messages of the clock-synchronisation protocols, named after the papers.
 */

/** Cristian (1989): a client asks the time server; the server answers with its clock. */
export type CristianMessage =
  | { readonly type: 'TimeRequest'; readonly requestSentMs: number }
  | { readonly type: 'TimeReply'; readonly requestSentMs: number; readonly serverTimeMs: number };

/** Berkeley (Gusella & Zatti 1989): the master polls, followers report, the master sends deltas. */
export type BerkeleyMessage =
  | { readonly type: 'TimeQuery'; readonly querySentMs: number }
  | { readonly type: 'TimeReport'; readonly querySentMs: number; readonly clockMs: number }
  | { readonly type: 'Adjust'; readonly deltaMs: number };
