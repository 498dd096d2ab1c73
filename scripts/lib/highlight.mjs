// A small TypeScript/JavaScript syntax highlighter for the book: one left-to-right scan
// that tags comments, strings (template literals included), numbers, keywords, literals
// and type names with <span class="tok-…">. No dependency, and the output is the escaped
// source with spans added, so nothing a cell contains can become markup.

const KEYWORDS = new Set([
  'as', 'async', 'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'declare', 'default', 'delete', 'do',
  'else', 'enum', 'export', 'extends', 'finally', 'for', 'from', 'function', 'if', 'implements', 'import', 'in',
  'instanceof', 'interface', 'keyof', 'let', 'new', 'of', 'private', 'protected', 'public', 'readonly', 'return',
  'satisfies', 'static', 'switch', 'throw', 'try', 'type', 'typeof', 'var', 'void', 'while', 'yield',
]);
const LITERALS = new Set(['true', 'false', 'null', 'undefined', 'this', 'NaN', 'Infinity']);

const TOKEN = new RegExp(
  [
    String.raw`(?<comment>\/\/[^\n]*|\/\*[\s\S]*?\*\/)`,
    String.raw`(?<string>'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|\`(?:\\[\s\S]|[^\`\\])*\`)`,
    String.raw`(?<number>\b(?:0[xXbBoO][\da-fA-F_]+|\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?)n?\b)`,
    String.raw`(?<word>[A-Za-z_$][\w$]*)`,
  ].join('|'),
  'g',
);

const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const span = (kind, text) => `<span class="tok-${kind}">${escapeHtml(text)}</span>`;

/** The HTML of `source` with TypeScript tokens wrapped in `<span class="tok-KIND">`. */
export function highlightTypeScript(source) {
  let html = '';
  let last = 0;
  for (const match of source.matchAll(TOKEN)) {
    html += escapeHtml(source.slice(last, match.index));
    last = match.index + match[0].length;
    const { comment, string, number, word } = match.groups;
    if (comment !== undefined) html += span('comment', comment);
    else if (string !== undefined) html += span('string', string);
    else if (number !== undefined) html += span('number', number);
    else if (KEYWORDS.has(word)) html += span('keyword', word);
    else if (LITERALS.has(word)) html += span('literal', word);
    else if (/^[A-Z]/.test(word)) html += span('type', word);
    else if (source[last] === '(') html += span('call', word);
    else html += escapeHtml(word);
  }
  return html + escapeHtml(source.slice(last));
}
