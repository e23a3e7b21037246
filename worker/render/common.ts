/**
 * Helpers shared by the share page, the Markdown packet and the digest. The
 * evidence cards and labels live in shared/packet.ts, so the panel's exported
 * packet and the worker's pages can never drift; this module adds the
 * worker-only pieces.
 */
import { caseAsOf } from '../../shared/packet';
import type { ShareCaseInput } from './types';

export {
  compactTimeline,
  formatMetric,
  periodLabel,
  shortMonth,
  sourceRef,
  STRENGTH_LABELS,
  toCard,
  WEEKLY_PROMPTS,
  weekLabel,
  type PublicCard,
  type TimelineRow,
} from '../../shared/packet';

/**
 * The "as of" date (`YYYY-MM-DD`) of a share: the end of its period when that
 * is in the past, else the day the page is generated.
 */
export function shareAsOf(input: Pick<ShareCaseInput, 'scope' | 'generatedAt'>): string {
  return caseAsOf(input.scope, input.generatedAt);
}

/** `text` cut to at most `max` characters (on a word boundary when one is near), with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const t = text.trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
