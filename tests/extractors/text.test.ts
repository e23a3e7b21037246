/**
 * extension/extractors/text.ts: markup read with a real HTML parser (DOMParser; in Node the page
 * document's, from linkedom), so every named entity decodes, not only a handful.
 */
import { describe, expect, it } from 'vitest';
import { countWords, markupHeadings, markupText } from '../../extension/extractors/text';
import { parseDocument } from './helpers';

const page = parseDocument('<!DOCTYPE html><html><head></head><body></body></html>');

describe('markupText', () => {
  it('decodes every named entity, not only the common ones', () => {
    expect(markupText('<p>Caf&eacute; cr&egrave;me br&ucirc;l&eacute;e</p>', page)).toBe('Café crème brûlée');
    expect(markupText('<p>&Uuml;ber &szlig; &ntilde; &aring; &oslash;</p>', page)).toBe('Über ß ñ å ø');
    expect(markupText('<p>&euro;5 &copy; &trade; &hearts; &rarr; &frac12; &times; &le;</p>', page)).toBe(
      '€5 © ™ ♥ → ½ × ≤',
    );
    expect(markupText('<p>&ldquo;quoted&rdquo; &mdash; it&rsquo;s&hellip;</p>', page)).toBe('“quoted” — it’s…');
  });

  it('decodes numeric references and keeps unknown names and bare ampersands as written', () => {
    expect(markupText('<p>&#233;t&#xE9; &#x1F4C4; &#39;x&#39;</p>', page)).toBe("été 📄 'x'");
    expect(markupText('<p>R&amp;D &unknownentity; a & b</p>', page)).toBe('R&D &unknownentity; a & b');
  });

  it('keeps CDATA literally (no decoding inside a code block) and reads self-closed macro elements', () => {
    const storage =
      '<p>See <ri:page ri:content-title="Plan" /> and <ac:emoticon ac:name="tick" />done</p>' +
      '<ac:structured-macro ac:name="code"><ac:parameter ac:name="language" />' +
      '<ac:plain-text-body><![CDATA[if (a < b && c) { x = "&eacute;"; }]]></ac:plain-text-body></ac:structured-macro>';
    expect(markupText(storage, page)).toBe('See and done if (a < b && c) { x = "&eacute;"; }');
  });

  it('never runs or loads what the markup holds, and drops scripts and styles', () => {
    const text = markupText(
      '<p>a<script>throw new Error("ran")</script>b<style>p{}</style></p><img src=x onerror=alert(1)>',
      page,
    );
    expect(text).toBe('a b');
  });

  it('counts the words of decoded text', () => {
    expect(countWords(markupText('<p>r&eacute;sum&eacute; &amp; caf&eacute;s</p>', page))).toBe(2);
  });
});

describe('markupHeadings', () => {
  it('gives each heading decoded, in order, blank ones skipped', () => {
    expect(markupHeadings('<h1>Cr&egrave;me</h1><p>x</p><h2> </h2><h3>Na&iuml;ve &amp; fast</h3>', 50, page)).toEqual([
      'Crème',
      'Naïve & fast',
    ]);
  });

  it('stops at max', () => {
    expect(markupHeadings('<h2>a</h2><h2>b</h2><h2>c</h2>', 2, page)).toEqual(['a', 'b']);
  });
});
