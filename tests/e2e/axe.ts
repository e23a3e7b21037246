/**
 * axe-core in a Playwright page: WCAG 2.1 A and AA rules, violations only.
 * Extension pages forbid inline and remote scripts (strict CSP), so axe's
 * source is evaluated through the DevTools protocol (page.evaluate), which the
 * page's CSP does not govern, rather than added as a script tag.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The rule tags run: WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One failed rule: its id, axe's impact (`minor` … `critical`) and the failing nodes' selectors. */
export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
  /** axe's explanation for the first failing node (for colour contrast: both colours and the ratio). */
  summary: string;
}

/** The slice of axe's API used here (it runs inside the page). */
declare const axe: {
  run(
    ctx: Document,
    opts: object,
  ): Promise<{
    violations: {
      id: string;
      impact?: string | null;
      help: string;
      nodes: { target: unknown[]; failureSummary?: string }[];
    }[];
  }>;
};

/** Runs axe on `page`'s document; returns every WCAG 2.1 A/AA violation. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.map((n) => n.target.map(String).join(' ')),
      summary: v.nodes[0]?.failureSummary ?? '',
    }));
  }, WCAG_TAGS);
}

/** Violations axe rates `serious` or `critical`: the ones a test fails on. */
export const blocking = (vs: AxeViolation[]) => vs.filter((v) => v.impact === 'serious' || v.impact === 'critical');

/** One line per rule: `color-contrast (serious) ×2: .meta, h2`. */
export const describeViolations = (vs: AxeViolation[]) =>
  vs.map(
    (v) =>
      `${v.id} (${v.impact}) ×${v.targets.length}: ${v.targets.slice(0, 4).join(', ')}; ${v.summary.replace(/\s+/g, ' ')}`,
  );
