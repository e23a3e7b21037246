/**
 * Inputs of the pure renderers (share page, Markdown packet, digest). Routes
 * load and scope the data; renderers only shape it. Private notes are removed
 * before data reaches a renderer (see `PublicEvidence`).
 */
import type { DigestContent, Evidence, ShareScope, Story, WeeklyLog } from '../../shared/schemas';
import type { Rubric } from '../../shared/rubric';
import type { PublicStory } from '../../shared/story';
import type { PeerQuote } from '../../shared/testimonials';

/** Evidence as shown to someone other than its owner: no private note. */
export type PublicEvidence = Omit<Evidence, 'privateNote'>;

/** Everything `renderSharePage` and `packetMarkdown` need. */
export interface ShareCaseInput {
  /** Owner's display name (falls back to the e-mail's local part). */
  ownerName: string;
  /** The share's label, e.g. "H2 calibration". */
  label: string;
  scope: ShareScope;
  rubric: Rubric;
  /** In-scope, non-deleted evidence, any order. */
  evidence: PublicEvidence[];
  /** In-scope weekly logs, only when the share includes them. */
  weeklyLogs: WeeklyLog[];
  /** ISO time the page was generated (frozen in tests). */
  generatedAt: string;
  /** Absolute URL of the Markdown packet for this share (capability URL). */
  packetUrl: string;
  /**
   * Stories with at least one in-scope evidence item, each listing only
   * those items, without private notes (shared/story.ts `storiesForShare`).
   */
  stories?: PublicStory[];
  /** Shown peer testimonials about in-scope evidence (hidden ones never reach here). */
  testimonials?: PeerQuote[];
}

/** Everything `composeDigest` needs for one user and one ISO week. */
export interface DigestInput {
  user: { displayName: string; email: string };
  /** ISO week being summarised, e.g. `2026-W47`. */
  week: string;
  /** ISO time "now" (frozen in tests); weeks/quarters are computed from it. */
  now: string;
  rubric: Rubric;
  /** All the user's non-deleted evidence (composer picks this week, last 4 weeks, last 4 quarters). */
  evidence: Evidence[];
  /** This week's weekly log, if written. */
  weeklyLog: WeeklyLog | null;
  /** The user's live stories, for the one-line nudge when this week's evidence could join one (none: no nudge). */
  stories?: Story[];
  /** Names of the colleagues who answered a testimonial request this week, oldest first (none: no line). */
  peerAnswers?: string[];
  links: {
    /** Capability link to `/d/:token`. */
    viewInBrowser: string;
    /** One-click unsubscribe URL (RFC 8058 POST target and a GET confirmation page). */
    unsubscribe: string;
    /**
     * Page explaining how to open the side panel's weekly log for this week
     * (`/open/weekly-log?week=...`; mail cannot link into an extension). When
     * absent the digest only says where to find it.
     */
    weeklyLog?: string;
  };
}

export type { DigestContent };
