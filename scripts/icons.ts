/**
 * `npm run icons`: renders the one icon source, extension/icon.svg, to
 * the PNG sizes the manifests and stores use (extension/public/icon/<size>.png:
 * 16, 32, 48, 96, 128) with resvg (no browser, no network). The PNGs are
 * committed, so builds never need this script; run it after editing the SVG.
 * The manifest keys that list them are in wxt.config.ts (`icons`,
 * `action.default_icon`, Firefox's `sidebar_action.default_icon`).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { ROOT } from './lib/env';

/** Square sizes in pixels: toolbar (16, 32), extensions page (48), store and install dialog (128), Firefox HiDPI (96). */
export const ICON_SIZES = [16, 32, 48, 96, 128] as const;

/** Renders `svg` to a PNG `size` pixels square, transparent outside the shape. */
export function renderIcon(svg: string, size: number): Buffer {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng();
}

function main(): void {
  const svg = readFileSync(resolve(ROOT, 'extension/icon.svg'), 'utf8');
  const dir = resolve(ROOT, 'extension/public/icon');
  mkdirSync(dir, { recursive: true });
  for (const size of ICON_SIZES) {
    const png = renderIcon(svg, size);
    writeFileSync(resolve(dir, `${size}.png`), png);
    console.log(`extension/public/icon/${size}.png  ${png.length} bytes`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
