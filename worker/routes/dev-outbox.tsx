/**
 * `/dev/outbox` (development only, 404 otherwise): every e-mail the dev
 * mailer stored, so a person can open each one as its recipient would.
 * - `GET /outbox` HTML list; `GET /outbox/:id` one message (HTML part in a
 *   sandboxed iframe, text part, headers)
 * - `GET /outbox.json` -> `[{ id, to, from, subject, text, html, headers, createdAt }]`, newest last
 * - `GET /outbox/:id/raw.eml` the message as RFC 5322/MIME (what a provider
 *   would put on the wire), to open in a real mail client
 * - `GET /dead-letters` (HTML) and `/dead-letters.json` (`{ total, items }`):
 *   digests the queue gave up on
 */
import { Hono } from 'hono';
import { listDeadLetters } from '../db/digests';
import { getOutboxMessage, listOutboxMessages } from '../db/outbox';
import type { AppEnv } from '../env';
import { notFound } from '../lib/errors';
import { isDevelopment } from '../lib/limits';
import { buildMimeMessage } from '../mail/mime';
import { Layout, renderDocument } from '../pages/layout';

/** Dev outbox router, mounted at `/dev`; 404 unless ENVIRONMENT is `development`. */
export const devOutbox = new Hono<AppEnv>()
  .use('*', async (c, next) => {
    if (!isDevelopment(c.env)) notFound();
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex, nofollow');
  })
  .get('/outbox.json', async (c) => c.json(await listOutboxMessages(c.env.DB)))
  .get('/outbox', async (c) => {
    const messages = (await listOutboxMessages(c.env.DB)).reverse();
    const page = (
      <Layout title="Dev outbox">
        <h1>Dev outbox</h1>
        <p class="muted">
          {messages.length} e-mail{messages.length === 1 ? '' : 's'}, newest first. Nothing here was really sent.{' '}
          <a href="/dev/outbox.json">JSON</a>
        </p>
        <table>
          <thead>
            <tr>
              <th>When</th>
              <th>To</th>
              <th>Subject</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id}>
                <td>{m.createdAt.replace('T', ' ').slice(0, 19)}</td>
                <td>{m.to}</td>
                <td>
                  <a href={`/dev/outbox/${encodeURIComponent(m.id)}`}>{m.subject}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>
    );
    return c.html(await renderDocument(page));
  })
  .get('/outbox/:id', async (c) => {
    const m = await getOutboxMessage(c.env.DB, c.req.param('id'));
    if (!m) notFound('No such message in the dev outbox.');
    const page = (
      <Layout title={m.subject}>
        <p>
          <a href="/dev/outbox">Back to the outbox</a>
        </p>
        <h1>{m.subject}</h1>
        <table>
          <tbody>
            <tr>
              <th>From</th>
              <td>{m.from}</td>
            </tr>
            <tr>
              <th>To</th>
              <td>{m.to}</td>
            </tr>
            <tr>
              <th>Date</th>
              <td>{m.createdAt}</td>
            </tr>
            {Object.entries(m.headers).map(([name, value]) => (
              <tr key={name}>
                <th>{name}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          <a href={`/dev/outbox/${encodeURIComponent(m.id)}/raw.eml`}>Download as .eml</a> (open it in a mail client)
        </p>
        <h2>HTML part</h2>
        <iframe sandbox="" srcdoc={m.html} title="HTML part"></iframe>
        <h2>Text part</h2>
        <pre>{m.text}</pre>
      </Layout>
    );
    return c.html(await renderDocument(page));
  })
  .get('/outbox/:id/raw.eml', async (c) => {
    const m = await getOutboxMessage(c.env.DB, c.req.param('id'));
    if (!m) notFound('No such message in the dev outbox.');
    const raw = buildMimeMessage(m, { id: m.id, date: new Date(m.createdAt) });
    return c.body(raw, 200, {
      'Content-Type': 'message/rfc822',
      'Content-Disposition': `attachment; filename="${m.id}.eml"`,
    });
  })
  .get('/dead-letters.json', async (c) => c.json(await listDeadLetters(c.env.DB)))
  .get('/dead-letters', async (c) => {
    const { total, items } = await listDeadLetters(c.env.DB);
    const page = (
      <Layout title="Dead letters">
        <h1>Dead-lettered digests</h1>
        <p class="muted">
          {`${total} digest${total === 1 ? '' : 's'} the queue gave up on after every retry. `}
          <a href="/dev/dead-letters.json">JSON</a>
        </p>
        <table>
          <thead>
            <tr>
              <th>Dead since</th>
              <th>User</th>
              <th>Week</th>
              <th>Attempts</th>
              <th>Last error</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={`${d.userId}|${d.isoWeek}`}>
                <td>{d.deadAt.replace('T', ' ').slice(0, 19)}</td>
                <td>{d.userId}</td>
                <td>{d.isoWeek}</td>
                <td>{String(d.attempts)}</td>
                <td>{d.lastError ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Layout>
    );
    return c.html(await renderDocument(page));
  });
