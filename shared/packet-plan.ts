/**
 * The packet's "Goals" and "Signals shown" sections (the panel's export; see
 * shared/packet.ts for the rest of the packet): the goals agreed with the
 * manager, and each rubric signal the user linked evidence to (tag
 * `signal:<competency id>:<signal index>` on the evidence, extension/db/bulk.ts).
 * User text is escaped as everywhere in the packet.
 */
import type { Evidence, Goal } from './schemas';
import type { Rubric } from './rubric';
import { formatDay } from './dates';
import { escapeMarkdownInline } from './packet';
import { competencyNames } from './competency-names';

const STATUS: Record<Goal['status'], string> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

/**
 * Markdown lines (ending with a blank line) for the live `goals`, grouped in
 * rubric order, and the signals of `rubric` with the titles of the live
 * `evidence` linked to each; `''` when there is neither.
 */
export function goalsAndSignalsMarkdown(
  rubric: Rubric,
  goals: readonly Goal[],
  evidence: readonly Pick<Evidence, 'title' | 'occurredOn' | 'tags' | 'deletedAt'>[],
): string {
  const out: string[] = [];
  const names = competencyNames(rubric);
  const live = goals.filter((g) => g.deletedAt === null && names.has(g.competency));
  if (live.length > 0) {
    out.push('## Goals', '');
    const order = rubric.competencies.map((c) => c.id);
    for (const g of [...live].sort((a, b) => order.indexOf(a.competency) - order.indexOf(b.competency))) {
      const due = g.dueOn ? `, due ${formatDay(g.dueOn)}` : '';
      out.push(
        `- ${escapeMarkdownInline(g.description)} (${escapeMarkdownInline(names.get(g.competency) ?? g.competency)}; ${STATUS[g.status]}${due})`,
      );
    }
    out.push('');
  }
  const linked = new Map<string, string[]>();
  for (const e of evidence) {
    if (e.deletedAt !== null) continue;
    for (const t of e.tags) {
      if (!t.startsWith('signal:')) continue;
      const list = linked.get(t) ?? [];
      list.push(`${escapeMarkdownInline(e.title)} (${formatDay(e.occurredOn)})`);
      linked.set(t, list);
    }
  }
  const shown = rubric.competencies.flatMap((c) =>
    c.signals.flatMap((signal, i) => {
      const items = linked.get(`signal:${c.id}:${i}`);
      return items ? [{ competency: c.name, signal, items }] : [];
    }),
  );
  if (shown.length > 0) {
    out.push('## Signals shown', '');
    for (const s of shown) {
      out.push(`- **${escapeMarkdownInline(s.competency)}:** ${escapeMarkdownInline(s.signal)}`);
      for (const item of s.items) out.push(`  - ${item}`);
    }
    out.push('');
  }
  return out.join('\n');
}
