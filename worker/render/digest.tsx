/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
/**
 * The weekly digest: subject, HTML e-mail and plain-text part for one user
 * and one ISO week. Pure: the queue consumer, `POST /digests/preview` and
 * `GET /d/:token` all call `composeDigest` with data they loaded.
 *
 * The HTML uses inline styles only (table layout, max 600 px, no `<style>`
 * block, no images or fonts), colours that read on light and dark
 * backgrounds, and `color-scheme: light dark` so clients and browsers that
 * support it render it dark natively. Every user string goes through JSX
 * escaping. The HTML stays under {@link DIGEST_HTML_BUDGET} bytes (Gmail clips
 * messages above about 102 KB): when a busy week would not fit, claims are
 * dropped, then the item list is capped with a count of what was left out.
 * Private notes never appear (evidence goes through `toCard`).
 */
import type { FC, PropsWithChildren } from 'hono/jsx';
import {
  consistency,
  formatDay,
  formatMonth,
  gaps,
  groupByCompetency,
  KIND_LABELS,
  ROLE_LABELS,
  SOURCE_LABELS,
  untaggedItems,
  weekStreak,
  type CompetencyGap,
  type Consistency,
  type Streak,
} from '../../shared/case';
import type { WeeklyLog } from '../../shared/schemas';
import { DIGEST_FOLLOW_UPS, dueFollowUps } from '../../shared/followup';
import { backfilledInWeek, evidenceOfWeek, isoWeekRange } from '../../shared/week';
import { draftCount, NEEDS_CLAIM } from '../../shared/draft';
import { oneLine } from '../mail/mime';
import { toCard, truncate, WEEKLY_PROMPTS, weekLabel, type EvidenceCard } from './common';
import type { DigestContent, DigestInput } from './types';
import { storyNudgeLine } from './story-nudge';

/** Upper bound of the digest's HTML size in bytes (UTF-8). */
export const DIGEST_HTML_BUDGET = 95_000;

/** Longest claim shown per item, in characters. */
const CLAIM_CHARS = 240;
/** Untagged items listed (newest first) before "and N more". */
const UNTAGGED_SHOWN = 10;

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

/** How much of each item a rendering shows: `full` (claims), `compact` (titles), `capped` (first N titles). */
type Detail = { level: 'full' | 'compact' | 'capped'; limit: number };

/** Everything the digest shows, computed once; both parts render from it. */
interface DigestModel {
  greetingName: string;
  week: string;
  weekTitle: string;
  subject: string;
  /** This week's items grouped by their first rubric competency, rubric order; `also` lists their other competencies. */
  groups: { name: string; items: { card: EvidenceCard; also: string[] }[] }[];
  thisWeekCount: number;
  /** Items added this week for work done before it (a history import): one line, never listed. */
  imported: number;
  /** Live evidence with no claim yet (drafts, marked "Needs claim"). */
  drafts: number;
  /** One line when this week's evidence could join an existing story (shared/story-links.ts), else null. */
  storyNudge: string | null;
  /** Untagged items from before this week (newest first); the renderers show the first few. */
  untagged: EvidenceCard[];
  gaps: CompetencyGap[];
  consistency: Consistency;
  streak: Streak;
  weeklyLog: WeeklyLog | null;
  /** Up to {@link DIGEST_FOLLOW_UPS} items due for an outcome follow-up, each with its link (docs/DESIGN.md "Outcome follow-ups"). */
  followUps: { card: EvidenceCard; href: string }[];
  /** "Sam answered your request." or null (see {@link peerAnswerLine}). */
  peerLine: string | null;
  asOf: string;
  links: DigestInput['links'];
}

/**
 * One line about testimonial answers this week: `Sam answered your request.`,
 * `Sam and Alex answered your requests.`, `Sam, Alex and 2 others answered
 * your requests.`; null when nobody answered.
 */
export function peerAnswerLine(names: readonly string[]): string | null {
  const clean = names.map((n) => oneLine(n).trim()).filter((n) => n !== '');
  if (clean.length === 0) return null;
  if (clean.length === 1) return `${clean[0]} answered your request.`;
  if (clean.length === 2) return `${clean[0]} and ${clean[1]} answered your requests.`;
  const rest = clean.length - 2;
  return `${clean[0]}, ${clean[1]} and ${rest} other${rest === 1 ? '' : 's'} answered your requests.`;
}

function items(n: number): string {
  return n === 1 ? '1 item' : `${n} items`;
}

/**
 * The digest's subject line, specific to the week:
 * - items this week and the longest-silent competency:
 *   `3 items this week, nothing on Communication and influence since October`;
 * - items and no gap: `3 items this week across 2 competencies`;
 * - an empty week: a short nudge, `Nothing clipped this week yet: what did you ship?`.
 * Month names carry the year when it is not the year of `asOf`. Always one
 * line of at most {@link SUBJECT_MAX_CHARS} characters: line breaks and other
 * control characters (possible in an imported ladder's competency names)
 * become spaces, so nothing user-written can start a new mail header.
 */
export function digestSubject(
  thisWeekCount: number,
  competencyCount: number,
  firstGap: CompetencyGap | undefined,
  asOf: string,
): string {
  return truncate(
    oneLine(subjectText(thisWeekCount, competencyCount, firstGap, asOf)).replace(/ {2,}/g, ' '),
    SUBJECT_MAX_CHARS,
  );
}

/** Longest digest subject (characters). */
export const SUBJECT_MAX_CHARS = 150;

function subjectText(
  thisWeekCount: number,
  competencyCount: number,
  firstGap: CompetencyGap | undefined,
  asOf: string,
): string {
  if (thisWeekCount === 0) return 'Nothing clipped this week yet: what did you ship?';
  const head = `${items(thisWeekCount)} this week`;
  if (firstGap) {
    return firstGap.lastOn
      ? `${head}, nothing on ${firstGap.name} since ${formatMonth(firstGap.lastOn, asOf)}`
      : `${head}, nothing on ${firstGap.name} yet`;
  }
  return competencyCount > 0
    ? `${head} across ${competencyCount === 1 ? '1 competency' : `${competencyCount} competencies`}`
    : head;
}

function buildModel(input: DigestInput): DigestModel {
  const { end } = isoWeekRange(input.week);
  const today = input.now.slice(0, 10);
  const asOf = today < end ? today : end;
  const live = input.evidence.filter((e) => e.deletedAt === null).map(toCard);
  // This week's evidence: the work happened this week (shared/week.ts, the Week tab's definition too).
  // What was imported or clipped this week for earlier work is one count line, not a list.
  const thisWeek = evidenceOfWeek(input.evidence, input.week).map(toCard);
  const thisWeekIds = new Set(thisWeek.map((c) => c.id));
  const names = new Map(input.rubric.competencies.map((c) => [c.id, c.name]));
  const placed = new Set<string>();
  const groups = groupByCompetency(thisWeek, input.rubric)
    .map((g) => ({
      name: g.name,
      items: g.items
        .filter((c) => {
          if (placed.has(c.id)) return false;
          placed.add(c.id);
          return true;
        })
        .map((card) => ({
          card,
          also: card.competencies
            .filter((id) => id !== g.competencyId && names.has(id))
            .map((id) => names.get(id) ?? id),
        })),
    }))
    .filter((g) => g.items.length > 0);
  const weekGaps = gaps(live, input.rubric, asOf);
  const untaggedThisWeek = untaggedItems(thisWeek, input.rubric);
  if (untaggedThisWeek.length > 0)
    groups.push({ name: 'Untagged', items: untaggedThisWeek.map((card) => ({ card, also: [] })) });
  const greetingName =
    oneLine(input.user.displayName).replace(/ {2,}/g, ' ').trim() || input.user.email.split('@')[0] || 'there';
  return {
    greetingName,
    week: input.week,
    weekTitle: weekLabel(input.week),
    subject: digestSubject(thisWeek.length, groups.filter((g) => g.name !== 'Untagged').length, weekGaps[0], asOf),
    groups,
    thisWeekCount: thisWeek.length,
    imported: backfilledInWeek(input.evidence, input.week),
    drafts: draftCount(input.evidence),
    storyNudge: storyNudgeLine(input, evidenceOfWeek(input.evidence, input.week)),
    untagged: untaggedItems(live, input.rubric).filter((c) => !thisWeekIds.has(c.id)),
    gaps: weekGaps,
    consistency: consistency(live, input.rubric, asOf),
    streak: weekStreak(live, asOf),
    weeklyLog: input.weeklyLog && input.weeklyLog.deletedAt === null ? input.weeklyLog : null,
    followUps: input.links.followUp
      ? dueFollowUps(input.evidence, asOf)
          .slice(0, DIGEST_FOLLOW_UPS)
          .map((e) => ({ card: toCard(e), href: `${input.links.followUp}?id=${encodeURIComponent(e.id)}` }))
      : [],
    peerLine: peerAnswerLine(input.peerAnswers ?? []),
    asOf,
    links: input.links,
  };
}

/** The first `limit` items over all groups, with the number left out. */
function visibleGroups(model: DigestModel, detail: Detail): { groups: DigestModel['groups']; hidden: number } {
  if (detail.level !== 'capped') return { groups: model.groups, hidden: 0 };
  let left = detail.limit;
  let hidden = 0;
  const groups = model.groups
    .map((g) => {
      const shown = g.items.slice(0, Math.max(0, left));
      hidden += g.items.length - shown.length;
      left -= shown.length;
      return { name: g.name, items: shown };
    })
    .filter((g) => g.items.length > 0);
  return { groups, hidden };
}

function streakLine(streak: Streak): string {
  if (streak.weeks === 0) return 'No streak yet: one item this week starts one.';
  return streak.weeks === 1 ? '1 week in a row with evidence.' : `${streak.weeks} weeks in a row with evidence.`;
}

/** `412 items imported from your history this week.` */
function importedLine(n: number): string {
  return `${items(n)} imported from your history this week.`;
}

/** `3 items need a claim (Needs claim in your Library).` */
function draftsLine(n: number): string {
  return `${items(n)} ${n === 1 ? 'needs' : 'need'} a claim (marked ${NEEDS_CLAIM} in your Library).`;
}

function gapLine(gap: CompetencyGap): string {
  return gap.lastOn ? `last evidence ${formatDay(gap.lastOn)}` : 'no evidence yet';
}

/** `8 Apr 2019 · Author · Pull request · GitHub PR · owner/repo#N · also X`; `brief` leaves out the kind and the reference. */
function itemMeta(card: EvidenceCard, also: string[], brief = false): string {
  const parts = brief
    ? [formatDay(card.occurredOn), ROLE_LABELS[card.role], SOURCE_LABELS[card.source]]
    : [formatDay(card.occurredOn), ROLE_LABELS[card.role], KIND_LABELS[card.kind], SOURCE_LABELS[card.source]];
  if (card.ref && !brief) parts.push(card.ref);
  if (also.length > 0) parts.push(`also ${also.join(', ')}`);
  return parts.join(' · ');
}

const Section: FC<PropsWithChildren<{ title: string }>> = ({ title, children }) => (
  <tr>
    <td style={S.section}>
      <h2 style={S.h2}>{title}</h2>
      {children}
    </td>
  </tr>
);

const Item: FC<{ card: EvidenceCard; also: string[]; withClaim: boolean }> = ({ card, also, withClaim }) => (
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
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{model.subject}</title>
      </head>
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

/** Indents every line after the first of `text` by `indent`. */
function indentLines(text: string, indent: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '')
    .join(`\n${indent}`);
}

function renderText(model: DigestModel, detail: Detail): string {
  const { groups, hidden } = visibleGroups(model, detail);
  const out: string[] = [];
  const heading = (t: string) => out.push('', t.toUpperCase(), '-'.repeat(t.length));
  out.push(
    `Casebook weekly digest: ${model.weekTitle}`,
    '',
    `Hi ${model.greetingName}, here is your week.`,
    `${items(model.thisWeekCount)} this week. ${streakLine(model.streak)}`,
  );
  if (model.imported > 0) out.push(importedLine(model.imported));
  if (model.drafts > 0) out.push(draftsLine(model.drafts));
  if (model.storyNudge) out.push(model.storyNudge);
  if (model.peerLine) out.push(model.peerLine);
  out.push('', `View in browser: ${model.links.viewInBrowser}`);

  heading("This week's evidence");
  if (groups.length === 0)
    out.push(
      'Nothing clipped this week yet. Clip a PR you merged or reviewed, a design doc or a ticket from the Casebook side panel.',
    );
  for (const g of groups) {
    out.push('', g.name);
    for (const { card, also } of g.items) {
      out.push(`- ${card.title}`, `  ${itemMeta(card, also, detail.level !== 'full')}`);
      if (card.href) out.push(`  ${card.href}`);
      if (detail.level === 'full' && card.claim) out.push(`  ${indentLines(truncate(card.claim, CLAIM_CHARS), '  ')}`);
    }
  }
  if (hidden > 0) out.push('', `and ${items(hidden)} more this week in Casebook.`);

  if (model.untagged.length > 0) {
    heading('Still untagged from earlier weeks');
    for (const card of model.untagged.slice(0, UNTAGGED_SHOWN)) {
      out.push(`- ${card.title} (${formatDay(card.occurredOn)})`);
      if (card.href) out.push(`  ${card.href}`);
    }
    if (model.untagged.length > UNTAGGED_SHOWN)
      out.push(`and ${items(model.untagged.length - UNTAGGED_SHOWN)} more untagged in Casebook.`);
  }

  if (model.followUps.length > 0) {
    heading('What happened after?');
    out.push('Work from 1 to 4 months ago whose impact has no number yet.');
    for (const f of model.followUps) out.push(`- ${f.card.title} (${formatDay(f.card.occurredOn)})`, `  ${f.href}`);
  }

  heading('No evidence for 4 weeks or more');
  if (model.gaps.length === 0) out.push('Every competency has evidence from the last 4 weeks.');
  for (const g of model.gaps) out.push(`- ${g.name}: ${gapLine(g)}`);

  heading('Consistency: items per quarter');
  const c = model.consistency;
  const width = Math.max(10, ...c.rows.map((r) => r.name.length));
  out.push(`${'Competency'.padEnd(width)}  ${c.quarters.map((q) => q.padStart(7)).join(' ')}`);
  for (const r of c.rows) out.push(`${r.name.padEnd(width)}  ${r.counts.map((n) => String(n).padStart(7)).join(' ')}`);

  heading('Weekly log');
  if (!model.weeklyLog) out.push('Not written yet. Open the Casebook side panel to answer these four prompts.');
  if (model.links.weeklyLog) out.push(`How to open it: ${model.links.weeklyLog}`);
  for (const p of WEEKLY_PROMPTS) {
    const answer = model.weeklyLog?.[p.key].trim() ?? '';
    out.push(
      '',
      p.label,
      answer ? `  ${indentLines(answer, '  ')}` : model.weeklyLog ? '  No answer.' : '  (your answer)',
    );
  }

  heading('Streak');
  out.push(streakLine(model.streak));
  out.push(
    '',
    '--',
    `View in browser: ${model.links.viewInBrowser}`,
    `Unsubscribe: ${model.links.unsubscribe}`,
    'You get this because the weekly digest is on in your Casebook settings.',
    '',
  );
  return out.join('\n');
}

function renderHtml(model: DigestModel, detail: Detail): string {
  const out = (<DigestHtml model={model} detail={detail} />).toString();
  if (typeof out !== 'string') throw new Error('digest rendered asynchronously');
  return '<!doctype html>' + out;
}

const encoder = new TextEncoder();

/**
 * Composes the weekly digest for `input.user` and ISO week `input.week`.
 * "This week" is evidence whose work happened in the week (`occurredOn`,
 * shared/week.ts `evidenceOfWeek`); items added this week for earlier work (a
 * history import) are one count line, and drafts (no claim yet) another; gaps, consistency (last 4 quarters) and the streak are computed as of
 * the earlier of `input.now` and the week's Sunday. Returns the subject (see
 * {@link digestSubject}), the HTML (under {@link DIGEST_HTML_BUDGET} bytes)
 * and a plain-text part with the same content and links. Deleted evidence
 * and private notes are ignored.
 * @throws Error when `input.week` is not an ISO week id.
 */
export function composeDigest(input: DigestInput): DigestContent {
  const model = buildModel(input);
  const listed = model.groups.flatMap((g) => g.items);
  const total = listed.length;
  // Skip the full rendering when a rough size estimate (bytes per listed item) already exceeds the budget.
  const estimate =
    15_000 + listed.reduce((n, i) => n + 700 + i.card.title.length + Math.min(i.card.claim.length, CLAIM_CHARS), 0);
  const tries: Detail[] = estimate > DIGEST_HTML_BUDGET ? [] : [{ level: 'full', limit: total }];
  tries.push({ level: 'compact', limit: total });
  for (let limit = Math.min(total, 100); limit > 0; limit = Math.floor(limit / 2))
    tries.push({ level: 'capped', limit });
  tries.push({ level: 'capped', limit: 0 });
  for (const detail of tries) {
    const html = renderHtml(model, detail);
    if (encoder.encode(html).length <= DIGEST_HTML_BUDGET || detail.limit === 0) {
      return { subject: model.subject, html, text: renderText(model, detail) };
    }
  }
  throw new Error('unreachable');
}
