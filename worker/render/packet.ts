/**
 * The Markdown packet behind a share link (`GET /s/:token/packet.md`): the
 * same case as the share page, as CommonMark/GFM to paste into a promotion
 * document. A thin call into the one packet renderer in shared/packet.ts,
 * which the side panel's export uses too, so the two never drift. User text
 * is escaped there; private notes cannot appear (evidence goes through
 * `toCard`, which picks public fields one by one).
 */
import { renderPacket, type PacketFormat, type PacketOptions } from '../../shared/packets/index';
import type { ShareCaseInput } from './types';

export { escapeMarkdownBlock, escapeMarkdownInline } from '../../shared/packet';

/**
 * The share's case as Markdown (UTF-8 text ending in a newline): title with
 * owner and label; rubric, period and item count; the calibration summary
 * (each answer with up to 5 items); a coverage table; one `##` section per
 * competency in rubric order (restricted to the share's competencies when
 * scoped) with one bullet per evidence item (title linked when its URL is
 * http(s), date, role, kind, source, then claim, impact, metrics and people
 * as sub-bullets); "Untagged"; weekly logs when given; a monthly timeline.
 * Stories (in-scope items only, no private notes) come first. `format`
 * picks the framing (shared/packets/: `senior` default, `google`, `amazon`,
 * `meta` with `opts.wordBudget`). See `renderPacketMarkdown` in shared/packet.ts.
 */
export function packetMarkdown(
  input: ShareCaseInput,
  format: PacketFormat = 'senior',
  opts: PacketOptions = {},
): string {
  return renderPacket(
    format,
    {
      ownerName: input.ownerName,
      label: input.label,
      scope: input.scope,
      rubric: input.rubric,
      evidence: input.evidence,
      weeklyLogs: input.weeklyLogs,
      generatedAt: input.generatedAt,
      stories: input.stories ?? [],
      ...(input.testimonials ? { testimonials: input.testimonials } : {}),
    },
    opts,
  );
}
