/**
 * A tweets-like dataset for the lecture's Twitter example («detectar tendencias»): short Spanish
 * texts whose words and hashtags follow Zipf laws, so a few words are very common and most are
 * rare, as in real text. One JSON object per line, `{"id", "user", "text"}`, the same shape as
 * chapter 04's comments, so chapter 04's MapReduce word count reads it unchanged.
 */
import { createRng } from '../random/index';
import type { Rng } from '../random/index';

/** Content words (no articles or prepositions, so the count's top is about topics). */
export const TWEET_WORDS: readonly string[] = (
  'partido gol final liga equipo árbitro fichaje estadio afición entrenador ' +
  'lluvia calor tormenta verano invierno playa montaña viaje tren vuelo ' +
  'concierto disco canción festival entradas gira cantante escenario público directo ' +
  'elecciones gobierno debate votación ministro congreso encuesta campaña ley reforma ' +
  'móvil aplicación actualización batería cámara pantalla red servidor nube datos ' +
  'serie capítulo temporada película estreno tráiler actor directora guion spoiler ' +
  'café desayuno cena receta tortilla paella mercado precio oferta tienda ' +
  'examen clase universidad beca profesor trabajo oficina reunión proyecto plazo ' +
  'hospital vacuna salud médico gimnasio carrera maratón bicicleta piscina descanso ' +
  'atasco metro autobús huelga tráfico ciudad barrio fiesta noche domingo'
).split(' ');

/** Hashtags, most popular first (the Zipf rank). */
export const TWEET_HASHTAGS: readonly string[] = (
  'ElClásico Elecciones2026 OlaDeCalor FinalDeLiga NuevoDisco Huelga Estreno MundialFemenino ' +
  'Tormenta BlackFriday Maratón Eurovisión Vacunación Oposiciones FeriaDelLibro Apagón ' +
  'Selectividad Nevada Festival SemanaSanta Ciberataque Fichajes Presupuestos Tráfico Metro Rebajas'
).split(' ');

/** A Zipf(s) sampler over ranks 0 … n − 1: P(rank k) ∝ (k + 1)^(−s). */
export function zipfSampler(n: number, s: number): (rng: Rng) => number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n debe ser un entero ≥ 1, y es ${n}`);
  if (!Number.isFinite(s) || s < 0) throw new RangeError(`s debe ser un número ≥ 0, y es ${s}`);
  const cumulative: number[] = [];
  let total = 0;
  for (let k = 0; k < n; k++) cumulative.push((total += (k + 1) ** -s));
  return (rng) => {
    const u = rng.next() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (u < (cumulative[mid] as number)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/** One tweet of the dataset. */
export interface Tweet {
  readonly id: number;
  readonly user: string;
  readonly text: string;
}

/**
 * `count` seeded tweets: 4–11 words drawn Zipf(1,1) over {@link TWEET_WORDS} (their order is
 * shuffled by the seed, so the top words differ per seed) and 0–2 hashtags Zipf(1,2).
 *
 * @example
 * generateTweets({ seed: 1, count: 2 }); // [{ id: 0, user: 'u417', text: 'gol partido … #ElClásico' }, …]
 */
export function generateTweets(options: { seed: number | string; count: number; users?: number }): Tweet[] {
  const { count } = options;
  const users = options.users ?? 2000;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count debe ser un entero ≥ 0, y es ${count}`);
  const rng = createRng(`tweets:${options.seed}`);
  const words = rng.fork('vocabulary').shuffle(TWEET_WORDS);
  const pickWord = zipfSampler(words.length, 1.1);
  const pickTag = zipfSampler(TWEET_HASHTAGS.length, 1.2);
  const draw = rng.fork('tweets');
  const tweets: Tweet[] = [];
  for (let id = 0; id < count; id++) {
    const parts: string[] = [];
    for (let k = draw.int(4, 11); k > 0; k--) parts.push(words[pickWord(draw)] as string);
    for (let k = draw.int(0, 2); k > 0; k--) parts.splice(draw.int(0, parts.length), 0, `#${TWEET_HASHTAGS[pickTag(draw)] as string}`);
    tweets.push({ id, user: `u${draw.int(1, users)}`, text: parts.join(' ') });
  }
  return tweets;
}

/** Tweets as JSON lines (no trailing newline inside a line). */
export function tweetsToLines(tweets: readonly Tweet[]): string[] {
  return tweets.map((t) => JSON.stringify({ id: t.id, user: t.user, text: t.text }));
}
