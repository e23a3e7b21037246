/**
 * Link unfurlers: the bots chat apps and search engines send to preview a
 * URL someone pasted. Their fetches of a share link are not views by a
 * person, so `/s/:token` does not count them (worker/routes/public-share.tsx).
 * The one list of them, matched case-insensitively as substrings of the
 * `User-Agent` header.
 */

/** User-Agent substrings of known link unfurlers and crawlers. */
export const LINK_UNFURLER_AGENTS: readonly string[] = [
  'Slackbot', // Slackbot-LinkExpanding 1.0, Slackbot 1.0
  'Slack-ImgProxy',
  'Twitterbot',
  'facebookexternalhit',
  'Facebot',
  'LinkedInBot',
  'Discordbot',
  'WhatsApp',
  'TelegramBot',
  'Googlebot',
  'Google-InspectionTool',
  'bingbot',
  'BingPreview',
  'SkypeUriPreview', // Skype and Microsoft Teams previews (`... SkypeUriPreview Preview/0.5`)
  'MicrosoftPreview',
  'redditbot',
  'Mastodon',
  'Applebot',
  'iMessageLinkPreviews',
  'Embedly',
  'Iframely',
  'Pinterestbot',
  'vkShare',
  'Mattermost-Bot',
];

const lowered = LINK_UNFURLER_AGENTS.map((a) => a.toLowerCase());

/** True when `userAgent` is one of {@link LINK_UNFURLER_AGENTS} (absent or empty: false). */
export function isLinkUnfurler(userAgent: string | null | undefined): boolean {
  if (!userAgent) return false;
  const ua = userAgent.toLowerCase();
  return lowered.some((a) => ua.includes(a));
}
