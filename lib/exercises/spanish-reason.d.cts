// Types for spanish-reason.cjs (the shared translation of vitest's failure messages).
export function spanishReason(reason: string): string;
