/// <reference types="vite/client" />
/**
 * The real fixtures the renderer tests use, imported through Vite so they
 * load inside workerd (no file system there). Provenance: tests/fixtures/SOURCES.md.
 */
import pr3257Html from '../fixtures/github/github-pr--merged-files-tab-2019.html?raw';
import pr327 from '../fixtures/github/rest-pull-merged-artsy-emission-327.json';
import pr671 from '../fixtures/github/rest-pull-merged-github3py-671.json';
import reviews671 from '../fixtures/github/rest-pull-reviews-github3py-671.json';
import jiraTes41 from '../fixtures/jira/webhook-cloud-issue-updated-story-done-TES-41.json';
import type { RenderFixtures } from './render-fixtures';

/** The parsed fixture files, ready for `sampleShare` / `sampleDigest`. */
export const fixtures: RenderFixtures = {
  pr3257Html,
  pr671: pr671 as RenderFixtures['pr671'],
  reviews671: reviews671 as RenderFixtures['reviews671'],
  pr327: pr327 as RenderFixtures['pr327'],
  jiraTes41: jiraTes41 as RenderFixtures['jiraTes41'],
};

/** One element matched by {@link select}: its attributes and its raw (still escaped) inner text. */
export interface Selected {
  attrs: Record<string, string>;
  text: string;
}

/**
 * Elements of `html` matching the CSS `selector`, parsed by the Workers
 * runtime's own HTMLRewriter. `text` is the HTML source text inside the
 * element (entities not decoded, so escaping can be asserted on).
 */
export async function select(html: string, selector: string): Promise<Selected[]> {
  const out: Selected[] = [];
  const open: Selected[] = [];
  await new HTMLRewriter()
    .on(selector, {
      element(el) {
        const found: Selected = { attrs: Object.fromEntries(el.attributes), text: '' };
        out.push(found);
        try {
          el.onEndTag(() => {
            open.splice(open.indexOf(found), 1);
          });
          open.push(found);
        } catch {
          // A void element (<meta>, <br>): it has no end tag and no content.
        }
      },
      text(chunk) {
        for (const o of open) o.text += chunk.text;
      },
    })
    .transform(new Response(html))
    .text();
  return out;
}
