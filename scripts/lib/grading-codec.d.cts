// Types for grading-codec.cjs (used by TypeScript tests).
export class PlainDataError extends TypeError {}
export const MAX_DEPTH: number;
export function encode(value: unknown, what?: string): string;
export function decode(text: string, maxBytes?: number): unknown;
export function toJson(value: unknown, path?: string, depth?: number): unknown;
export function fromJson(value: unknown, depth?: number): unknown;
export function syncInto(target: unknown, state: unknown): void;
