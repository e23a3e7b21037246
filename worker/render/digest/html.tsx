/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
/**
 * The weekly digest's HTML part, rendered from its model (./model.ts) with
 * Hono JSX. Inline styles only (table layout, max 600 px, no `<style>`
 * block, no images or fonts), colours that read on light and dark
 * backgrounds, and `color-scheme: light dark` so clients and browsers that
 * support it render it dark natively. Every user string goes through JSX
 * escaping.
 */
import type { FC, PropsWithChildren } from 'hono/jsx';
import { Head } from '../../pages/head';
import { truncate, WEEKLY_PROMPTS, type PublicCard } from '../common';
import {
  CLAIM_CHARS,
  draftsLine,
  gapLine,
  importedLine,
  itemMeta,
  items,
  streakLine,
  UNTAGGED_SHOWN,
  visibleGroups,
  type Detail,
  type DigestModel,
} from './model';

// Colours: no single text colour reaches 4.5:1 on both white and near-black,
// so each is a light/dark pair picked by `light-dark()` from the color-scheme
// (the `color-scheme: light dark` meta below). The body's background and text
// also carry a plain light value first: a client that does not know
// `light-dark()` drops that declaration and shows dark text on white, where
// the other colours (muted, link, warning) fall back to the inherited text
// colour and the default link colour. Every pair is at least 4.5:1 on its
// background and on the 10% grey tint of the section headings (WCAG 2.1 AA,
// checked by axe-core in tests/e2e/a11y.test.ts). Item-level colours carry no
// plain fallback, to keep the 200-item digest within DIGEST_HTML_BUDGET.
/** `prop:light;prop:light-dark(light,dark)`: a declaration with a plain fallback. */
const pair = (prop: string, light: string, dark: string) => `${prop}:${light};${prop}:light-dark(${light},${dark})`;
const BG = pair('background', '#ffffff', '#16171a');
const TEXT = pair('color', '#1e1f22', '#ececec');
const MUTED = (prop = 'color') => `${prop}:light-dark(#5f6470,#a3a9b3)`;
const LINK = (prop = 'color') => `${prop}:light-dark(#2f57c9,#8fb0ff)`;
const LINE = 'rgba(127,127,127,.28)';
const TINT = 'rgba(127,127,127,.10)';
const WARN = 'color:light-dark(#8a5a00,#f0b429)';

const S = {
  body: `${BG};${TEXT};margin:0;padding:0;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5`,
  outer: 'padding:16px 10px',
  inner: 'max-width:600px;width:100%',
  eyebrow: `margin:0;font-size:12px;letter-spacing:.06em;text-transform:uppercase;${MUTED()}`,
  h1: 'margin:4px 0 6px;font-size:22px;line-height:1.3',
  lead: 'margin:0 0 4px;font-size:15px',
  h2: `margin:0;padding:8px 10px;font-size:16px;background:${TINT};border-radius:6px`,
  h3: `margin:12px 0 2px;font-size:13px;letter-spacing:.04em;text-transform:uppercase;${MUTED()}`,
  section: 'padding:18px 0 0',
  item: `padding:8px 0;border-bottom:1px solid ${LINE}`,
  link: `${LINK()};font-weight:600`,
  meta: `font-size:13px;${MUTED()}`,
  claim: 'font-size:14px;margin-top:2px',
  p: 'margin:8px 0;font-size:15px',
  small: `margin:8px 0;font-size:13px;${MUTED()}`,
  th: `padding:4px 6px;font-size:12px;font-weight:600;${MUTED()};text-align:right;border-bottom:1px solid ${LINE}`,
  thName: `padding:4px 6px;font-size:12px;font-weight:600;${MUTED()};text-align:left;border-bottom:1px solid ${LINE}`,
  td: `padding:4px 6px;font-size:13px;text-align:right;border-bottom:1px solid ${LINE}`,
  tdName: `padding:4px 6px;font-size:13px;text-align:left;border-bottom:1px solid ${LINE}`,
  prompt: 'margin:10px 0 0;font-size:14px;font-weight:600',
  answer: 'margin:2px 0 0;font-size:14px;white-space:pre-line',
  empty: `margin:2px 0 0;font-size:14px;${MUTED()};font-style:italic`,
  warn: `${WARN};font-weight:600`,
  footer: `padding:24px 0 8px;font-size:13px;${MUTED()};text-align:center`,
  footLink: `${MUTED()};text-decoration:underline`,
  button: `display:inline-block;padding:8px 14px;border-radius:6px;border:1px solid;${LINK('border-color')};${LINK()};font-weight:600;font-size:14px;text-decoration:none`,
} as const;

const Section: FC<PropsWithChildren<{ title: string }>> = ({ title, children }) => (
  <tr>
    <td style={S.section}>
      <h2 style={S.h2}>{title}</h2>
      {children}
    </td>
  </tr>
);

const Item: FC<{ card: PublicCard; also: string[]; withClaim: boolean }> = ({ card, also, withClaim }) => (
  <div style={S.item}>
    {card.href ? (
      <a href={card.href} style={S.link}>
        {card.title}
      </a>
    ) : (
      <strong>{card.title}</strong>
    )}
    <div style={S.meta}>{itemMeta(card, also, !withClaim)}</div>
    {withClaim && card.claim ? <div style={S.claim}>{truncate(card.claim, CLAIM_CHARS)}</div> : null}
  </div>
);

const DigestHtml: FC<{ model: DigestModel; detail: Detail }> = ({ model, detail }) => {
  const { groups, hidden } = visibleGroups(model, detail);
  const untaggedShown = model.untagged.slice(0, UNTAGGED_SHOWN);
  const c = model.consistency;
  const preheader =
    model.thisWeekCount > 0
      ? `${items(model.thisWeekCount)} this week. ${model.weeklyLog ? 'Weekly log written.' : 'Weekly log not written yet.'}`
      : 'Five minutes: what you shipped, decided, who you helped and the impact.';
  return (
    <html lang="en">
      <Head title={model.subject} colorScheme emailColorSchemes />
      <body style={S.body}>
        <div style="display:none;max-height:0;overflow:hidden;opacity:0">{preheader}</div>
        <table role="presentation" width="100%" cellpadding={0} cellspacing={0} border={0}>
          <tr>
            <td align="center" style={S.outer}>
              <table role="presentation" width="100%" cellpadding={0} cellspacing={0} border={0} style={S.inner}>
                <tr>
                  <td style="text-align:left">
                    <p style={S.eyebrow}>{`Casebook weekly digest · ${model.weekTitle}`}</p>
                    <h1 style={S.h1}>{`Hi ${model.greetingName}, here is your week`}</h1>
                    <p style={S.lead}>{`${items(model.thisWeekCount)} this week. ${streakLine(model.streak)}`}</p>
                    {model.imported > 0 ? <p style={S.small}>{importedLine(model.imported)}</p> : null}
                    {model.drafts > 0 ? <p style={S.small}>{draftsLine(model.drafts)}</p> : null}
                    {model.storyNudge ? <p style={S.small}>{model.storyNudge}</p> : null}
                    {model.peerLine ? <p style={S.p}>{model.peerLine}</p> : null}
                    <p style={S.small}>
                      <a href={model.links.viewInBrowser} style={S.footLink}>
                        View in browser
                      </a>
                    </p>
                  </td>
                </tr>
                <Section title="This week's evidence">
                  {groups.length === 0 ? (
                    <p style={S.p}>
                      Nothing clipped this week yet. Open a PR you merged or reviewed, a design doc or a ticket and clip
                      it from the Casebook side panel.
                    </p>
                  ) : (
                    groups.map((g) => (
                      <>
                        <h3 style={S.h3}>{g.name}</h3>
                        {g.items.map((i) => (
                          <Item key={i.card.id} card={i.card} also={i.also} withClaim={detail.level === 'full'} />
                        ))}
                      </>
                    ))
                  )}
                  {hidden > 0 ? <p style={S.small}>{`and ${items(hidden)} more this week in Casebook.`}</p> : null}
                </Section>
                {model.untagged.length > 0 ? (
                  <Section title="Still untagged from earlier weeks">
                    <p style={S.small}>Map these to a competency so they count in your case.</p>
                    {untaggedShown.map((card) => (
                      <Item key={card.id} card={card} also={[]} withClaim={false} />
                    ))}
                    {model.untagged.length > untaggedShown.length ? (
                      <p
                        style={S.small}
                      >{`and ${items(model.untagged.length - untaggedShown.length)} more untagged in Casebook.`}</p>
                    ) : null}
                  </Section>
                ) : null}
                {model.followUps.length > 0 ? (
                  <Section title="What happened after?">
                    <p style={S.small}>Work from 1 to 4 months ago whose impact has no number yet.</p>
                    {model.followUps.map((f) => (
                      <div key={f.card.id} style={S.item}>
                        <strong>{f.card.title}</strong>
                        <div style={S.meta}>{itemMeta(f.card, [], true)}</div>
                        <a href={f.href} style={S.link}>
                          Add the outcome
                        </a>
                      </div>
                    ))}
                  </Section>
                ) : null}
                <Section title="No evidence for 4 weeks or more">
                  {model.gaps.length === 0 ? (
                    <p style={S.p}>Every competency has evidence from the last 4 weeks.</p>
                  ) : (
                    model.gaps.map((g) => (
                      <p key={g.competencyId} style={S.p}>
                        <span style={S.warn}>{g.name}</span>
                        <span style={`${MUTED()}`}>{`: ${gapLine(g)}`}</span>
                      </p>
                    ))
                  )}
                </Section>
                <Section title="Consistency: items per quarter">
                  <table
                    role="presentation"
                    width="100%"
                    cellpadding={0}
                    cellspacing={0}
                    border={0}
                    style="border-collapse:collapse;margin-top:6px"
                  >
                    <tr>
                      <th style={S.thName}>Competency</th>
                      {c.quarters.map((q) => (
                        <th key={q} style={S.th}>{`${q.slice(5)} ${q.slice(0, 4)}`}</th>
                      ))}
                    </tr>
                    {c.rows.map((r) => (
                      <tr key={r.competencyId}>
                        <td style={S.tdName}>{r.name}</td>
                        {r.counts.map((n, i) => (
                          <td key={c.quarters[i]} style={n === 0 ? `${S.td};${MUTED()}` : `${S.td};font-weight:600`}>
                            {String(n)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </table>
                </Section>
                <Section title="Weekly log">
                  {model.weeklyLog ? null : (
                    <p style={S.small}>Not written yet. Open the Casebook side panel to answer these four prompts.</p>
                  )}
                  {model.links.weeklyLog ? (
                    <p style={S.p}>
                      <a href={model.links.weeklyLog} style={S.button}>
                        {model.weeklyLog ? 'Open your weekly log' : 'Write your weekly log'}
                      </a>
                    </p>
                  ) : null}
                  {WEEKLY_PROMPTS.map((p) => {
                    const answer = model.weeklyLog?.[p.key].trim() ?? '';
                    return (
                      <>
                        <p style={S.prompt}>{p.label}</p>
                        {answer ? (
                          <p style={S.answer}>{answer}</p>
                        ) : (
                          <p style={S.empty}>{model.weeklyLog ? 'No answer.' : 'Your answer here.'}</p>
                        )}
                      </>
                    );
                  })}
                </Section>
                <tr>
                  <td style={S.footer}>
                    <p style="margin:0 0 6px">{`Streak: ${streakLine(model.streak)}`}</p>
                    <p style="margin:0">
                      <a href={model.links.viewInBrowser} style={S.footLink}>
                        View in browser
                      </a>
                      {' · '}
                      <a href={model.links.unsubscribe} style={S.footLink}>
                        Unsubscribe
                      </a>
                    </p>
                    <p style="margin:6px 0 0">
                      You get this because the weekly digest is on in your Casebook settings.
                    </p>
                  </td>
                </tr>
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>
  );
};

/**
 * The digest's HTML document (`<!doctype html>…`) for `model` at `detail`.
 * @throws Error if a component ever renders asynchronously (none does).
 */
export function renderHtml(model: DigestModel, detail: Detail): string {
  const out = (<DigestHtml model={model} detail={detail} />).toString();
  if (typeof out !== 'string') throw new Error('digest rendered asynchronously');
  return '<!doctype html>' + out;
}
