/**
 * The weekly digest's plain-text part, rendered from its model (./model.ts):
 * the same sections, counts and links as the HTML part, headings underlined,
 * the consistency table in padded columns.
 */
import { formatDay } from '../../../shared/case';
import { truncate, WEEKLY_PROMPTS } from '../common';
import * as digest from './model';
import type { Detail, DigestModel } from './model';

/** Indents every line after the first of `text` by `indent`. */
function indentLines(text: string, indent: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '')
    .join(`\n${indent}`);
}

/** The digest's text part for `model` at `detail` (the same items the HTML part shows at that detail). */
export function renderText(model: DigestModel, detail: Detail): string {
  const { groups, hidden } = digest.visibleGroups(model, detail);
  const out: string[] = [];
  const heading = (t: string) => out.push('', t.toUpperCase(), '-'.repeat(t.length));
  out.push(
    `Casebook weekly digest: ${model.weekTitle}`,
    '',
    `Hi ${model.greetingName}, here is your week.`,
    `${digest.items(model.thisWeekCount)} this week. ${digest.streakLine(model.streak)}`,
  );
  if (model.imported > 0) out.push(digest.importedLine(model.imported));
  if (model.drafts > 0) out.push(digest.draftsLine(model.drafts));
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
      out.push(`- ${card.title}`, `  ${digest.itemMeta(card, also, detail.level !== 'full')}`);
      if (card.href) out.push(`  ${card.href}`);
      if (detail.level === 'full' && card.claim)
        out.push(`  ${indentLines(truncate(card.claim, digest.CLAIM_CHARS), '  ')}`);
    }
  }
  if (hidden > 0) out.push('', `and ${digest.items(hidden)} more this week in Casebook.`);

  if (model.untagged.length > 0) {
    heading('Still untagged from earlier weeks');
    for (const card of model.untagged.slice(0, digest.UNTAGGED_SHOWN)) {
      out.push(`- ${card.title} (${formatDay(card.occurredOn)})`);
      if (card.href) out.push(`  ${card.href}`);
    }
    if (model.untagged.length > digest.UNTAGGED_SHOWN)
      out.push(`and ${digest.items(model.untagged.length - digest.UNTAGGED_SHOWN)} more untagged in Casebook.`);
  }

  if (model.followUps.length > 0) {
    heading('What happened after?');
    out.push('Work from 1 to 4 months ago whose impact has no number yet.');
    for (const f of model.followUps) out.push(`- ${f.card.title} (${formatDay(f.card.occurredOn)})`, `  ${f.href}`);
  }

  heading('No evidence for 4 weeks or more');
  if (model.gaps.length === 0) out.push('Every competency has evidence from the last 4 weeks.');
  for (const g of model.gaps) out.push(`- ${g.name}: ${digest.gapLine(g)}`);

  heading('Consistency: digest.items per quarter');
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
  out.push(digest.streakLine(model.streak));
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
