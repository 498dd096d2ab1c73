import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script helper, without type declarations.
import { highlightTypeScript } from '../../scripts/lib/highlight.mjs';

const highlight = highlightTypeScript as (source: string) => string;
const strip = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

describe('the book’s syntax highlighting', () => {
  const source = "import { show } from './lib/plot/index';\nconst x = 1_000; // cada <b>\nif (a < b && s === \"</script>\") show(`t=${x}`);\nclass Nodo {}";

  it('keeps the source text exactly, escaped, so no cell can become markup', () => {
    const html = highlight(source);
    expect(strip(html)).toBe(source);
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('</script>');
  });

  it('tags keywords, strings, numbers, comments, calls and type names', () => {
    const html = highlight(source);
    expect(html).toContain('<span class="tok-keyword">import</span>');
    expect(html).toContain(`<span class="tok-string">'./lib/plot/index'</span>`);
    expect(html).toContain('<span class="tok-number">1_000</span>');
    expect(html).toContain('<span class="tok-comment">// cada &lt;b&gt;</span>');
    expect(html).toContain('<span class="tok-call">show</span>(');
    expect(html).toContain('<span class="tok-type">Nodo</span>');
  });
});
