/**
 * The network model: per-link latency distributions, loss, duplication and reordering,
 * all drawn from the simulation's seeded random stream.
 */
import type { Rng } from '../random/index';
import type { NodeId } from './types';

/** How long a message spends on the wire, in milliseconds. */
export type LatencyModel =
  | { readonly kind: 'constant'; readonly ms: number }
  | { readonly kind: 'uniform'; readonly minMs: number; readonly maxMs: number }
  | { readonly kind: 'exponential'; readonly meanMs: number; readonly minMs?: number }
  /** A normal distribution clipped at zero (a latency is never negative). */
  | { readonly kind: 'normal'; readonly meanMs: number; readonly stdDevMs: number };

/** The behaviour of one directed link (or of every link, as the default). */
export interface LinkModel {
  /** Latency distribution (default: uniform 5–15 ms). */
  readonly latency?: LatencyModel;
  /** Probability that a message is lost (default 0). */
  readonly loss?: number;
  /** Probability that a message is delivered twice (default 0). */
  readonly duplicate?: number;
  /**
   * Probability that a message is held back by an extra uniform delay in
   * `[0, reorderDelayMs)`, so later messages on the same link can overtake it (default 0).
   */
  readonly reorder?: number;
  /** Extra delay range for reordered messages (default 50 ms). */
  readonly reorderDelayMs?: number;
}

/** A per-link override: applies to messages from `from` to `to` (and back, if `bothWays`). */
export interface LinkOverride extends LinkModel {
  readonly from: NodeId;
  readonly to: NodeId;
  readonly bothWays?: boolean;
}

/** The whole network: a default link model plus optional per-link overrides. */
export interface NetworkModel extends LinkModel {
  readonly links?: readonly LinkOverride[];
}

/** Latency model constructors, for readable scenarios: `latency.uniform(5, 15)`. */
export const latency = {
  /** Always `ms` milliseconds. */
  constant: (ms: number): LatencyModel => ({ kind: 'constant', ms }),
  /** Uniform in `[minMs, maxMs)`. */
  uniform: (minMs: number, maxMs: number): LatencyModel => ({ kind: 'uniform', minMs, maxMs }),
  /** `minMs` plus an exponential with mean `meanMs` (a long tail). */
  exponential: (meanMs: number, minMs = 0): LatencyModel => ({ kind: 'exponential', meanMs, minMs }),
  /** Normal, clipped at zero. */
  normal: (meanMs: number, stdDevMs: number): LatencyModel => ({ kind: 'normal', meanMs, stdDevMs }),
};

/** The default latency when none is given: uniform 5–15 ms. */
export const DEFAULT_LATENCY: LatencyModel = { kind: 'uniform', minMs: 5, maxMs: 15 };

/**
 * Throws a `RangeError` for a latency model that could produce a negative or NaN delay (a
 * message cannot arrive before it was sent). A normal model is exempt: its draws are clipped at 0.
 */
export function validateLatency(model: LatencyModel): void {
  const bad = (what: string) => {
    throw new RangeError(`latency ${model.kind}: ${what} (got ${JSON.stringify(model)})`);
  };
  switch (model.kind) {
    case 'constant':
      if (!(model.ms >= 0)) bad('ms must be >= 0');
      break;
    case 'uniform':
      if (!(model.minMs >= 0)) bad('minMs must be >= 0');
      if (!(model.maxMs >= model.minMs)) bad('maxMs must be >= minMs');
      break;
    case 'exponential':
      if (!(model.meanMs >= 0)) bad('meanMs must be >= 0');
      if (!((model.minMs ?? 0) >= 0)) bad('minMs must be >= 0');
      break;
    case 'normal':
      if (!Number.isFinite(model.meanMs) || !(model.stdDevMs >= 0)) bad('meanMs must be finite and stdDevMs >= 0');
      break;
  }
}

/**
 * Draws one latency from `model`. Rejects (with a `RangeError`) a model that could give a
 * negative delay; a normal draw below zero is clipped to 0 instead, as documented on the model.
 */
export function sampleLatency(model: LatencyModel, rng: Rng): number {
  switch (model.kind) {
    case 'constant':
      if (!(model.ms >= 0)) validateLatency(model);
      return model.ms;
    case 'uniform':
      if (!(model.minMs >= 0 && model.maxMs >= model.minMs)) validateLatency(model);
      return model.minMs + (model.maxMs - model.minMs) * rng.next();
    case 'exponential':
      if (!(model.meanMs >= 0 && (model.minMs ?? 0) >= 0)) validateLatency(model);
      return (model.minMs ?? 0) + rng.exponential(model.meanMs);
    case 'normal':
      return Math.max(0, rng.normal(model.meanMs, model.stdDevMs));
  }
}

/** A fully resolved link model (every field present), cached per directed link. */
export interface ResolvedLink {
  readonly latency: LatencyModel;
  readonly loss: number;
  readonly duplicate: number;
  readonly reorder: number;
  readonly reorderDelayMs: number;
}

/** Resolves the model of every directed link once, so the hot path is one Map lookup. */
export class LinkTable {
  private base: ResolvedLink;
  private readonly overrides = new Map<string, ResolvedLink>();
  /** The unresolved override per link, so a new default re-resolves them. */
  private readonly models = new Map<string, LinkModel>();

  constructor(model: NetworkModel = {}) {
    this.base = resolve(model, undefined);
    for (const link of model.links ?? []) {
      this.set(link.from, link.to, link);
      if (link.bothWays) this.set(link.to, link.from, link);
    }
  }

  /** Replaces the model of `from → to` (fields left out take the default); `undefined` removes the override. */
  set(from: NodeId, to: NodeId, model: LinkModel | undefined): void {
    const key = linkKey(from, to);
    if (model === undefined) {
      this.overrides.delete(key);
      this.models.delete(key);
      return;
    }
    this.overrides.set(key, resolve(model, this.base));
    this.models.set(key, model);
  }

  /** Replaces the default model; overrides keep their own fields and take the new default for the rest. */
  setDefault(model: LinkModel): void {
    this.base = resolve(model, undefined);
    for (const [key, link] of this.models) this.overrides.set(key, resolve(link, this.base));
  }

  /** The model of the directed link `from → to`. */
  get(from: NodeId, to: NodeId): ResolvedLink {
    if (this.overrides.size === 0) return this.base;
    return this.overrides.get(linkKey(from, to)) ?? this.base;
  }
}

function resolve(model: LinkModel, base: ResolvedLink | undefined): ResolvedLink {
  const resolved: ResolvedLink = {
    latency: model.latency ?? base?.latency ?? DEFAULT_LATENCY,
    loss: model.loss ?? base?.loss ?? 0,
    duplicate: model.duplicate ?? base?.duplicate ?? 0,
    reorder: model.reorder ?? base?.reorder ?? 0,
    reorderDelayMs: model.reorderDelayMs ?? base?.reorderDelayMs ?? 50,
  };
  validateLatency(resolved.latency);
  if (!(resolved.reorderDelayMs >= 0)) throw new RangeError(`reorderDelayMs must be >= 0, got ${resolved.reorderDelayMs}`);
  for (const p of [resolved.loss, resolved.duplicate, resolved.reorder]) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`probabilities must be in [0, 1], got ${p}`);
  }
  return resolved;
}

/** The key of a directed link in Maps and Sets. */
export function linkKey(from: NodeId, to: NodeId): string {
  return `${from}\u2192${to}`;
}
