/**
 * The one-line summary of a capture's metadata shown under its title, e.g.
 * `#3257 · sourcegraph/sourcegraph · merged · +12 −3` for a GitHub PR.
 */
import { DocMeta, GithubPrMeta, JiraMeta, type CaptureDraft, type Evidence } from '../../shared/schemas';

/** Minus sign used in diff stats (U+2212). */
const MINUS = '\u2212';

/**
 * The chips of a draft or piece of evidence: per-source metadata (PR number, repo,
 * state (`state unknown` when the page did not show it), +additions −deletions; Jira key, type, status, story points; doc owner,
 * word count, last edit), else the URL's host.
 */
export function metaChips(item: Pick<CaptureDraft | Evidence, 'source' | 'url' | 'meta'>): string[] {
  const chips: string[] = [];
  if (item.source === 'github-pr') {
    const m = GithubPrMeta.safeParse(item.meta);
    if (m.success) {
      chips.push(`#${m.data.number}`, m.data.repo, m.data.state ?? 'state unknown');
      if (m.data.additions !== undefined || m.data.deletions !== undefined) {
        chips.push(`+${m.data.additions ?? 0} ${MINUS}${m.data.deletions ?? 0}`);
      }
      if (m.data.changedFiles !== undefined)
        chips.push(`${m.data.changedFiles} file${m.data.changedFiles === 1 ? '' : 's'}`);
      return chips;
    }
  }
  if (item.source === 'jira') {
    const m = JiraMeta.safeParse(item.meta);
    if (m.success) {
      chips.push(m.data.key);
      if (m.data.issueType) chips.push(m.data.issueType);
      if (m.data.status) chips.push(m.data.status);
      if (m.data.storyPoints != null) chips.push(`${m.data.storyPoints} pts`);
      return chips;
    }
  }
  if (item.source === 'confluence' || item.source === 'google-docs' || item.source === 'notion') {
    const m = DocMeta.safeParse(item.meta);
    if (m.success) {
      if (m.data.owner) chips.push(m.data.owner);
      if (m.data.wordCount !== undefined) chips.push(`${m.data.wordCount.toLocaleString('en-US')} words`);
      if (m.data.lastEditedAt) chips.push(`edited ${m.data.lastEditedAt.slice(0, 10)}`);
    }
  }
  if (chips.length === 0 && item.url) {
    try {
      chips.push(new URL(item.url).host);
    } catch {
      // no host to show
    }
  }
  return chips;
}
