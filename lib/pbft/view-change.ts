/**
 * The new primary's computation of NEW-VIEW (Castro & Liskov 1999, §4.4), as a pure function
 * so that backups run the same code to check it: from 2f + 1 VIEW-CHANGE messages, the
 * pre-prepares of the new view — for every sequence number between the latest stable
 * checkpoint (min-s) and the highest prepared one (max-s), the request prepared in the highest
 * view, or the null request if none was prepared.
 */
import type { PreparedProof, ViewChangeMessage } from './messages';
import { digestOf } from './messages';

/** The new view's pre-prepares and the checkpoint it starts from. */
export interface NewViewPlan {
  readonly minSeq: number;
  readonly maxSeq: number;
  readonly prePrepares: readonly PreparedProof[];
  /** The view-change message carrying the state at `minSeq` (its sender's stable checkpoint). */
  readonly checkpointFrom: ViewChangeMessage | undefined;
}

/** Computes O of NEW-VIEW from the view-change set V for `view`. */
export function planNewView(view: number, viewChanges: readonly ViewChangeMessage[]): NewViewPlan {
  const minSeq = Math.max(0, ...viewChanges.map((vc) => vc.stableSeq));
  const checkpointFrom = viewChanges.find((vc) => vc.stableSeq === minSeq);
  const best = new Map<number, PreparedProof>();
  let maxSeq = minSeq;
  for (const vc of viewChanges) {
    for (const p of vc.prepared) {
      if (p.seq <= minSeq) continue;
      maxSeq = Math.max(maxSeq, p.seq);
      const known = best.get(p.seq);
      if (known === undefined || p.view > known.view) best.set(p.seq, p);
    }
  }
  const prePrepares: PreparedProof[] = [];
  for (let seq = minSeq + 1; seq <= maxSeq; seq++) {
    const p = best.get(seq);
    prePrepares.push(p === undefined ? { seq, view, digest: digestOf(null), request: null } : { seq, view, digest: p.digest, request: p.request });
  }
  return { minSeq, maxSeq, prePrepares, checkpointFrom };
}

/** True when a NEW-VIEW's pre-prepares are exactly what {@link planNewView} computes from its V. */
export function newViewIsValid(view: number, viewChanges: readonly ViewChangeMessage[], prePrepares: readonly PreparedProof[], quorum: number): boolean {
  const senders = new Set(viewChanges.filter((vc) => vc.view === view).map((vc) => vc.replica));
  if (senders.size < quorum || senders.size !== viewChanges.length) return false;
  const plan = planNewView(view, viewChanges);
  return plan.prePrepares.length === prePrepares.length && plan.prePrepares.every((p, i) => prePrepares[i]?.seq === p.seq && prePrepares[i]?.digest === p.digest && digestOf(prePrepares[i]!.request) === p.digest);
}
