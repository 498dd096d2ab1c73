// Why a check failed, in Spanish: vitest's assertion messages ("expected 2 to be 3 //
// Object.is equality") rewritten for a student. Plain CommonJS with no dependencies, so the
// same code serves the notebook's selfCheck (through reason.ts) and `npm run check` in a
// terminal (scripts/lib/exercises.mjs), which runs under plain Node without TypeScript.
'use strict';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** Each vitest assertion shape and its Spanish sentence. */
const RULES = [
  [/^expected (.+) to be close to (.+?), received difference is (.+?), but expected (.+)$/s, (m) => `se esperaba un valor a menos de ${m[4]} de ${m[2]} y se obtuvo ${m[1]}`],
  [/^expected (.+) to (?:deeply|strictly) equal (.+)$/s, (m) => `se esperaba ${m[2]} (el mismo contenido) y se obtuvo ${m[1]}`],
  [/^expected (.+) not to be (.+?)(?: \/\/ Object\.is equality)?$/s, (m) => `no se esperaba ${m[2]}`],
  [/^expected (.+) to be (NaN|undefined|null|true|false|truthy|falsy)$/s, (m) => `se esperaba ${m[2]} y se obtuvo ${m[1]}`],
  [/^expected (.+) to be greater than or equal to (.+)$/s, (m) => `se esperaba un valor ≥ ${m[2]} y se obtuvo ${m[1]}`],
  [/^expected (.+) to be less than or equal to (.+)$/s, (m) => `se esperaba un valor ≤ ${m[2]} y se obtuvo ${m[1]}`],
  [/^expected (.+) to be greater than (.+)$/s, (m) => `se esperaba un valor mayor que ${m[2]} y se obtuvo ${m[1]}`],
  [/^expected (.+) to be less than (.+)$/s, (m) => `se esperaba un valor menor que ${m[2]} y se obtuvo ${m[1]}`],
  [/^expected (.+) to be an instance of (.+)$/s, (m) => `se esperaba un ${m[2]} y se obtuvo ${m[1]}`],
  [/^expected (.+) to be (.+?)(?: \/\/ Object\.is equality)?$/s, (m) => `se esperaba ${m[2]} y se obtuvo ${m[1]}`],
  [/^expected (.+) to have a length of (.+) but got (.+)$/s, (m) => `se esperaba una longitud de ${m[2]} y es ${m[3]}`],
  [/^expected (.+) to (?:include|contain) (.+)$/s, (m) => `se esperaba que ${m[1]} contuviera ${m[2]}`],
  [/^expected (.+) to have property (.+)$/s, (m) => `se esperaba que ${m[1]} tuviera la propiedad ${m[2]}`],
  [/^expected (.+) to throw(?: an error)?(.*)$/s, () => 'se esperaba que lanzara un error y no lo lanzó'],
  [/^expected (.+) to not throw(?: an error)?(?: but (.+))?$/s, (m) => `no se esperaba un error${m[2] ? `, y lanzó ${m[2]}` : ''}`],
];

/**
 * A failed check's reason in Spanish (see lib/exercises/reason.ts for the documented entry
 * point). Idempotent: a reason already in Spanish comes back as it is.
 * @param {string} reason
 * @returns {string}
 */
function spanishReason(reason) {
  const text = String(reason).replace(ANSI, '').trim();
  if (text === '') return text;
  const split = /^(.*?): (expected .*)$/s.exec(text);
  const [prefix, assertion] = split && !/^expected /.test(text) ? [`${split[1]}: `, split[2]] : ['', text];
  if (!/^expected /.test(assertion)) {
    const thrown = /^(TypeError|RangeError|ReferenceError|SyntaxError|Error)\b/.test(assertion);
    return thrown ? `${prefix}tu código lanzó un error: ${assertion}` : `${prefix}${assertion}`;
  }
  for (const [pattern, spanish] of RULES) {
    const match = pattern.exec(assertion);
    if (match) return `${prefix}${spanish(match)}`;
  }
  return `${prefix}el resultado no es el esperado`;
}

module.exports = { spanishReason };
