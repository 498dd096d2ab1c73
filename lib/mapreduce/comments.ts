/**
 * The lecture's comments: a seeded generator of Spanish product comments (one JSON object per
 * line), the lexicon the sentiment count uses, and the parser that tells a comment from a
 * malformed line.
 */
import { createRng } from '../random/index';
import type { Seed } from '../random/index';

/** One comment, as stored in a JSON-lines file. */
export interface Comment {
  readonly id: number;
  readonly user: string;
  readonly text: string;
}

/** Words that make a comment positive (the lexicon of the sentiment count). */
export const POSITIVE_WORDS: readonly string[] = [
  'excelente', 'genial', 'bueno', 'buena', 'perfecto', 'rápido', 'recomiendo', 'encanta', 'feliz', 'fantástico', 'útil', 'barato',
];
/** Words that make a comment negative. */
export const NEGATIVE_WORDS: readonly string[] = [
  'malo', 'mala', 'terrible', 'lento', 'roto', 'odio', 'decepcionante', 'caro', 'horrible', 'inútil', 'tarde', 'peor',
];
const NEUTRAL_WORDS = [
  'el', 'la', 'producto', 'envío', 'servicio', 'pedido', 'paquete', 'precio', 'tienda', 'caja', 'app', 'soporte', 'es', 'fue',
  'llegó', 'muy', 'bastante', 'un', 'poco', 'y', 'pero', 'con', 'de', 'hoy', 'otra', 'vez', 'me', 'parece', 'todo', 'nada',
];

/**
 * Generates `count` comments from `seed`: same seed, same comments, byte for byte. About half
 * lean positive, a third negative, the rest neutral; some carry a «no» before a sentiment word.
 *
 * @example
 * generateComments({ seed: 2026, count: 3 }).map((c) => c.text);
 */
export function generateComments(options: { seed: Seed; count: number }): Comment[] {
  if (!Number.isInteger(options.count) || options.count < 0) throw new RangeError(`count debe ser un entero ≥ 0, es ${options.count}`);
  const rng = createRng(options.seed);
  const out: Comment[] = [];
  for (let id = 0; id < options.count; id++) {
    const mood = rng.uniform();
    const words: string[] = [];
    const length = rng.int(4, 12);
    for (let w = 0; w < length; w++) {
      const r = rng.uniform();
      if (r < 0.22) {
        const lexicon = rng.uniform() < (mood < 0.5 ? 0.85 : mood < 0.83 ? 0.15 : 0.5) ? POSITIVE_WORDS : NEGATIVE_WORDS;
        if (rng.bernoulli(0.08)) words.push('no');
        words.push(rng.choice(lexicon));
      } else {
        // Skewed towards the first words (density 1/(2√x)), so a word count has a clear top.
        words.push(NEUTRAL_WORDS[Math.floor(NEUTRAL_WORDS.length * rng.uniform() ** 2)]!);
      }
    }
    out.push({ id, user: `u${rng.int(1, 500)}`, text: words.join(' ') });
  }
  return out;
}

/** Comments as JSON lines (what the dataset file and the map tasks' input hold). */
export function commentsToLines(comments: readonly Comment[]): string[] {
  return comments.map((c) => JSON.stringify(c));
}

/** A line that is not a comment: its line number and why, in Spanish. */
export interface MalformedLine {
  /** Line number in the input, counted from 1 (as an editor shows it). */
  readonly line: number;
  readonly reason: string;
}

/** Parses one JSON line: the comment's text, or why the line is not a comment (Spanish). */
export function parseCommentLine(line: string): { text: string } | { reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { reason: 'no es JSON' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { reason: 'no es un objeto' };
  const text = (value as { text?: unknown }).text;
  if (typeof text !== 'string') return { reason: 'falta el campo text (texto)' };
  return { text };
}

/** The words of a text: lower case, split on anything that is not a letter or a digit. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

const POSITIVE = new Set(POSITIVE_WORDS);
const NEGATIVE = new Set(NEGATIVE_WORDS);

/** The sentiment of a text: lexicon words +1 / −1, a «no» right before one flips it. */
export function sentimentOf(text: string): 'positivo' | 'negativo' | 'neutro' {
  let score = 0;
  let negate = false;
  for (const word of wordsOf(text)) {
    const value = POSITIVE.has(word) ? 1 : NEGATIVE.has(word) ? -1 : 0;
    if (value !== 0) score += negate ? -value : value;
    negate = word === 'no';
  }
  return score > 0 ? 'positivo' : score < 0 ? 'negativo' : 'neutro';
}
