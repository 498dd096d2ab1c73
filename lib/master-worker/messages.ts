/**
 * The messages between the master and a worker thread (plain objects through `postMessage`),
 * the faults a test or the notebook can plant in a worker, and the master's check of what a
 * worker answers: a worker may answer garbage, and the master must say so, not crash.
 */
import type { Fragment, VideoSpec } from './video';

/** A fault planted in the worker that renders `fragment` on its `attempt`-th try (1 = first). */
export interface PlantedFault {
  readonly fragment: number;
  /** Default 1: only the first try fails, so the reassigned fragment renders. */
  readonly attempt?: number;
  /**
   * `'throw'`: the worker throws half-way through the fragment (its thread dies);
   * `'hang'`: it stops half-way and never answers; `'terminate'`: the master's chaos agent
   * kills the thread half-way (`worker.terminate()`); `'corrupt'`: it answers bytes that do
   * not match their hash; `'garbage'`: it answers something that is not a protocol message.
   */
  readonly kind: FaultKind;
}

/** The kinds of {@link PlantedFault}. */
export type FaultKind = 'throw' | 'hang' | 'terminate' | 'corrupt' | 'garbage';

/** Every fault kind, for validation and sweeps. */
export const FAULT_KINDS: readonly FaultKind[] = ['throw', 'hang', 'terminate', 'corrupt', 'garbage'];

/** Master → worker: render this fragment (with the fault to act out, if any). */
export interface RenderRequest {
  readonly type: 'Render';
  readonly video: VideoSpec;
  readonly fragment: Fragment;
  readonly attempt: number;
  readonly fault?: FaultKind;
}

/** Master → worker: run exported function `fn` of `module` on `arg` (for `poolMap`). */
export interface CallRequest {
  readonly type: 'Call';
  readonly module: string;
  readonly fn: string;
  readonly index: number;
  readonly arg: unknown;
}

/** Worker → master messages. */
export type WorkerMessage =
  | { readonly type: 'Ready' }
  | { readonly type: 'Progress'; readonly fragment: number; readonly attempt: number; readonly framesDone: number }
  | { readonly type: 'Rendered'; readonly fragment: number; readonly attempt: number; readonly bytes: Uint8Array; readonly sha256: string; readonly workMs: number }
  | { readonly type: 'Called'; readonly index: number; readonly result: unknown }
  | { readonly type: 'CallFailed'; readonly index: number; readonly message: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** What {@link parseWorkerMessage} returns for a message that is not valid: a Spanish description. */
export interface InvalidWorkerMessage {
  readonly type: 'Invalid';
  readonly error: string;
}

/**
 * Checks a message a worker sent; returns it typed, or an `Invalid` record with a Spanish
 * description of what is wrong (the master reports it and treats the worker as faulty).
 */
export function parseWorkerMessage(value: unknown): WorkerMessage | InvalidWorkerMessage {
  // The summary is built only for a bad message: serialising a good `Rendered` (its bytes as
  // a Uint8Array become one JSON key per byte) cost ~20 ms of the master's thread per 200 KB.
  const shown = (): string => {
    try {
      return JSON.stringify(value)?.slice(0, 80) ?? String(value);
    } catch {
      return String(value);
    }
  };
  const bad = (why: string): InvalidWorkerMessage => ({ type: 'Invalid', error: `mensaje no válido del trabajador (${why}): ${shown()}` });
  if (!isRecord(value)) return bad('no es un objeto');
  switch (value.type) {
    case 'Ready':
      return { type: 'Ready' };
    case 'Progress':
      if (!isCount(value.fragment) || !isCount(value.attempt) || !isCount(value.framesDone)) return bad('Progress sin fragment/attempt/framesDone enteros');
      return { type: 'Progress', fragment: value.fragment, attempt: value.attempt, framesDone: value.framesDone };
    case 'Rendered':
      if (!isCount(value.fragment) || !isCount(value.attempt)) return bad('Rendered sin fragment/attempt enteros');
      if (!(value.bytes instanceof Uint8Array)) return bad('bytes no es un Uint8Array');
      if (typeof value.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(value.sha256)) return bad('sha256 no es un hash hexadecimal');
      return { type: 'Rendered', fragment: value.fragment, attempt: value.attempt, bytes: value.bytes, sha256: value.sha256, workMs: typeof value.workMs === 'number' ? value.workMs : 0 };
    case 'Called':
      if (!isCount(value.index)) return bad('Called sin index entero');
      return { type: 'Called', index: value.index, result: value.result };
    case 'CallFailed':
      if (!isCount(value.index)) return bad('CallFailed sin index entero');
      return { type: 'CallFailed', index: value.index, message: String(value.message) };
    default:
      return bad('tipo desconocido');
  }
}

/** Checks the planted faults (known kinds, integer fragment and attempt ≥ 1). */
export function validateFaults(faults: readonly PlantedFault[], fragments: number): void {
  if (!Array.isArray(faults)) throw new TypeError('faults debe ser una lista de fallos { fragment, kind, attempt? }');
  for (const fault of faults) {
    if (!isRecord(fault) || !FAULT_KINDS.includes(fault.kind as FaultKind)) {
      throw new RangeError(`fallo no válido ${JSON.stringify(fault)}: kind debe ser uno de ${FAULT_KINDS.join(', ')}`);
    }
    if (!isCount(fault.fragment) || fault.fragment >= fragments) throw new RangeError(`fallo no válido: el fragmento ${String(fault.fragment)} no existe (hay ${fragments})`);
    if (fault.attempt !== undefined && (!isCount(fault.attempt) || fault.attempt < 1)) throw new RangeError(`fallo no válido: attempt debe ser un entero ≥ 1, es ${String(fault.attempt)}`);
  }
}
