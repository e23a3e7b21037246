/**
 * `/open/weekly-log` and `/open/follow-up` (no auth, no token): where the
 * digest's "Write your weekly log" button and "Add the outcome" links lead.
 * For the weekly log: An e-mail cannot open a browser extension's side
 * panel, so this page says honestly how to open it, for the week given in
 * `?week=2026-W47` (shown only when it is a valid ISO week id).
 */
import { Hono } from 'hono';
import { IsoWeek, Ulid } from '../../shared/schemas';
import type { AppEnv } from '../env';
import { capabilityPageHeaders } from '../lib/headers';
import { Layout, renderDocument } from '../pages/layout';
import { weekLabel } from '../render/common';

/**
 * Router mounted at `/open`: `GET /weekly-log` explains how to open the
 * panel's weekly log; `GET /follow-up?id=ULID` how to answer an outcome
 * follow-up (the digest's "Add the outcome" link).
 */
export const open = new Hono<AppEnv>().use('*', capabilityPageHeaders()).get('/follow-up', async (c) => {
  const id = Ulid.safeParse(c.req.query('id'));
  const page = (
    <Layout title="What happened after?">
      <h1>What happened after?</h1>
      <p>
        The outcome of this work lives in the Casebook side panel, in your browser. A link in an e-mail cannot open a
        browser extension, so:
      </p>
      <ol>
        <li>
          Open the Casebook side panel: click the Casebook button in the toolbar, or press <kbd>Alt</kbd>+
          <kbd>Shift</kbd>+<kbd>C</kbd>.
        </li>
        <li>Go to the Week tab. Under "What happened after?", write what came of it, with a number if there is one.</li>
      </ol>
      {id.success ? <p class="muted">{`Item ${id.data}`}</p> : null}
    </Layout>
  );
  return c.html(await renderDocument(page));
});

open.get('/weekly-log', async (c) => {
  const week = IsoWeek.safeParse(c.req.query('week'));
  const which = week.success ? weekLabel(week.data) : 'this week';
  const page = (
    <Layout title="Write your weekly log">
      <h1>Write your weekly log</h1>
      <p>{`Your weekly log for ${which} lives in the Casebook side panel, in your browser. A link in an e-mail cannot open a browser extension, so:`}</p>
      <ol>
        <li>
          Open the Casebook side panel: click the Casebook button in the toolbar (pin it from the puzzle-piece menu if
          you do not see it), or press <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>C</kbd>.
        </li>
        <li>Go to the weekly log and answer the four prompts:</li>
      </ol>
      <ul>
        <li>What did you ship?</li>
        <li>What decisions did you make?</li>
        <li>Who did you help, and how?</li>
        <li>What was the impact?</li>
      </ul>
      <p class="muted">
        Five minutes now saves an afternoon at review time: specific behaviours ("I drove the API versioning decision")
        are what a promotion committee can use.
      </p>
    </Layout>
  );
  return c.html(await renderDocument(page));
});
