// Types for the parts of grading-submission.mjs that TypeScript tests use.
export const SUBMISSION_LIMITS: { depth: number; entries: number; nameBytes: number; pathBytes: number; fileBytes: number; totalBytes: number; regionChars: number };
export function invalidSubmission(dir: string, limits?: typeof SUBMISSION_LIMITS): string | undefined;
