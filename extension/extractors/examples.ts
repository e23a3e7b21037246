/**
 * The example URLs of every extractor's `detect`, by extractor id (for tests/extractors/detect.test.ts).
 * Not imported by the page side, so the capture content script does not bundle them.
 */
import type { Source } from '../../shared/schemas';
import { examples as confluence } from './confluence';
import { examples as githubPr } from './github-pr';
import { examples as googleDocs } from './google-docs';
import { examples as jira } from './jira';
import { examples as notion } from './notion';
import type { DetectExamples } from './types';
import { examples as web } from './web';

/** `{[source id]: {match, noMatch}}` for every registered extractor. */
export const DETECT_EXAMPLES: Partial<Record<Source, DetectExamples>> = {
  'github-pr': githubPr,
  jira,
  confluence,
  'google-docs': googleDocs,
  notion,
  web,
};
