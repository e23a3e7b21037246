/**
 * Importing a company ladder in the real panel (headless Chromium, e2e build):
 * the ladder parser and its libraries (csv-parse's browser build,
 * jsonc-parser) are a lazily loaded chunk that must load and run under the
 * extension pages' CSP; a bad file is reported line by line, a good one
 * becomes the chosen rubric, with the accented name made into a clean id.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchWithExtension } from './browser';

describe('ladder import in Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    const profile = resolve(inject('outDir'), 'ladder-profile');
    rmSync(profile, { recursive: true, force: true });
    const b = await launchWithExtension(inject('extensionDir'), profile);
    context = b.context;
    await context.route(
      (url) => /^https?:/.test(url.href) && !url.href.startsWith(inject('server')),
      (route) => route.abort('blockedbyclient'),
    );
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`chrome-extension://${b.extensionId}/sidepanel.html#account`);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('reports a broken CSV by line, then imports a good one and selects it', async () => {
    await page.getByTestId('ladder-import-open').click();
    await page.getByTestId('ladder-name').fill('Crème Brûlée L5');
    await page
      .getByTestId('ladder-text')
      .fill('id,name,description,signals\ncraft,Craft,Builds well,"Writes tests\nteam,Team');
    await page.getByTestId('ladder-import').click();
    const report = page.getByTestId('ladder-errors');
    await report.waitFor();
    expect(await report.textContent()).toMatch(/Line 2: A quoted field is never closed/);

    await page
      .getByTestId('ladder-text')
      .fill(
        'id,name,description,signals\ncraft,Craft,"Builds well, tests first",Writes tests;Reviews designs\n,Team Impact,,Mentors',
      );
    await page.getByTestId('ladder-import').click();
    await expect.poll(() => page.getByTestId('rubric-select').inputValue()).toBe('custom-creme-brulee-l5');
    expect(await page.getByTestId('rubric-settings').textContent()).toContain('2 competencies: Craft, Team Impact.');
    expect(errors).toEqual([]);
  });
});
