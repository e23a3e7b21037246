/**
 * `npm run store:images`: the store tile and screenshots, composed from the
 * icon (extension/icon.svg) and the screenshots `npm run demo` and the e2e
 * tests write to docs/screenshots/ (side-panel.png, library.png at 400 px wide;
 * share-page.png at 1200 px wide). Rendered with resvg, offline; the PNGs in
 * docs/store/ are committed. Sizes are the Chrome Web Store's: small promo
 * tile 440 × 280, screenshots 1280 × 800 (addons.mozilla.org takes the same).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { ROOT } from './lib/env';

const ACCENT = '#2f57c9';
const BG = '#f6f6f3';
const TEXT = '#1e1f22';
const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';

/** The icon's inner markup (its 128 × 128 drawing), for nesting in a larger SVG. */
function iconMarkup(): string {
  const svg = readFileSync(resolve(ROOT, 'extension/icon.svg'), 'utf8');
  return svg.replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
}

/** A docs/screenshots PNG as a data: URL, with its pixel size (from the IHDR chunk). */
function shot(name: string): { href: string; width: number; height: number } {
  const png = readFileSync(resolve(ROOT, 'docs/screenshots', name));
  return {
    href: `data:image/png;base64,${png.toString('base64')}`,
    width: png.readUInt32BE(16),
    height: png.readUInt32BE(20),
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function render(svg: string, file: string): void {
  const png = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
  writeFileSync(resolve(ROOT, 'docs/store', file), png);
  console.log(`docs/store/${file}  ${(png.length / 1024).toFixed(0)} KiB`);
}

/** Small promo tile, 440 × 280: the icon and the name on the accent colour. */
function tile(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="440" height="280" viewBox="0 0 440 280">
  <rect width="440" height="280" fill="${ACCENT}"/>
  <g transform="translate(32 76)"><rect x="0" y="0" width="128" height="128" rx="30" fill="#ffffff" opacity=".12"/>${iconMarkup()}</g>
  <text x="186" y="118" font-family="${FONT}" font-size="38" font-weight="700" fill="#ffffff">Casebook</text>
  <text x="186" y="152" font-family="${FONT}" font-size="16" fill="#ffffff">Evidence for your</text>
  <text x="186" y="174" font-family="${FONT}" font-size="16" fill="#ffffff">promotion case, clipped</text>
  <text x="186" y="196" font-family="${FONT}" font-size="16" fill="#ffffff">while you work.</text>
</svg>`;
}

/** A 1280 × 800 screenshot: a caption on the left, one or two screenshots cropped to fit on the right. */
function screenshot(caption: string[], images: { name: string; width: number }[]): string {
  let x = 1280 - 40;
  const parts: string[] = [];
  for (const img of [...images].reverse()) {
    const s = shot(img.name);
    const scale = img.width / s.width;
    const h = Math.min(720, s.height * scale);
    x -= img.width;
    parts.unshift(
      `<svg x="${x}" y="40" width="${img.width}" height="${h}" viewBox="0 0 ${s.width} ${h / scale}"><image href="${s.href}" width="${s.width}" height="${s.height}"/></svg>` +
        `<rect x="${x}" y="40" width="${img.width}" height="${h}" fill="none" stroke="#c9c9c3"/>`,
    );
    x -= 32;
  }
  const lines = caption
    .map(
      (l, i) =>
        `<text x="56" y="${300 + i * 44}" font-family="${FONT}" font-size="34" font-weight="${i === 0 ? 700 : 400}" fill="${TEXT}">${esc(l)}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="800" viewBox="0 0 1280 800">
  <rect width="1280" height="800" fill="${BG}"/>
  <g transform="translate(56 150) scale(.75)">${iconMarkup()}</g>
  ${lines}
  ${parts.join('\n  ')}
</svg>`;
}

render(tile(), 'tile-440x280.png');
render(
  screenshot(
    ['Clip a pull request', 'in seconds: title, role,', 'date and size are read', 'from the page.'],
    [{ name: 'side-panel.png', width: 440 }],
  ),
  'screenshot-1-capture.png',
);
render(
  screenshot(
    ['Your library,', 'mapped to a senior', 'rubric, searchable', 'and offline.'],
    [{ name: 'library.png', width: 440 }],
  ),
  'screenshot-2-library.png',
);
render(
  screenshot(
    ['A read-only case page', 'for your manager,', 'with an expiry you', 'can revoke.'],
    [{ name: 'share-page.png', width: 640 }],
  ),
  'screenshot-3-share.png',
);
