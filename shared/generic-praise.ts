/**
 * Specificity guidance for peer testimonials (docs/DESIGN.md "Peer
 * testimonials"): calibration committees discount "great engineer" and
 * "team player"; they weigh what a peer saw and what changed because of it.
 * `checkSpecificity` is run by the worker on every submitted testimonial;
 * text that is too short or nothing but generic praise is sent back to the
 * peer, kept, with an explanation and an example. Pure: no DOM, no Workers API.
 */

/** Fewest characters a testimonial may have (after trimming). */
export const TESTIMONIAL_TEXT_MIN = 40;
/** Most characters a testimonial may have. */
export const TESTIMONIAL_TEXT_MAX = 2000;

/**
 * Generic praise phrases, lower case, words separated by single spaces
 * (matched against the text lower-cased with punctuation removed). A
 * testimonial made only of these (and filler words) says nothing a committee
 * can use.
 */
export const GENERIC_PRAISE: readonly string[] = [
  'great engineer',
  'good engineer',
  'amazing engineer',
  'awesome engineer',
  'excellent engineer',
  'fantastic engineer',
  'strong engineer',
  'solid engineer',
  'talented engineer',
  'rock star',
  'rockstar',
  'ninja',
  '10x engineer',
  'very smart',
  'super smart',
  'really smart',
  'smart',
  'very talented',
  'talented',
  'brilliant',
  'team player',
  'great team player',
  'hard worker',
  'hard working',
  'hardworking',
  'works hard',
  'great to work with',
  'a pleasure to work with',
  'pleasure to work with',
  'easy to work with',
  'fun to work with',
  'great colleague',
  'great person',
  'nice person',
  'good communicator',
  'great communicator',
  'very helpful',
  'always helpful',
  'helpful',
  'very knowledgeable',
  'knowledgeable',
  'very reliable',
  'reliable',
  'dependable',
  'goes above and beyond',
  'above and beyond',
  'gets things done',
  'gets stuff done',
  'does great work',
  'does good work',
  'great work',
  'good job',
  'great job',
  'highly recommend',
  'i highly recommend',
  'deserves a promotion',
  'deserves promotion',
  'ready for promotion',
  'ready for senior',
  'one of the best',
  'the best',
  'asset to the team',
  'an asset to the team',
  'positive attitude',
  'great attitude',
  'self starter',
  'self-starter',
  'detail oriented',
  'detail-oriented',
  'fast learner',
  'quick learner',
  'passionate',
  'dedicated',
  'proactive',
  'amazing',
  'awesome',
  'excellent',
  'great',
  'fantastic',
  'outstanding',
];

/**
 * Words that carry no observation on their own: pronouns, articles,
 * intensifiers, names of the role. Removing them and the generic phrases from
 * a text leaves what is specific.
 */
const FILLER = new Set(
  (
    'a an the and or but so also too very really truly super extremely incredibly always just ' +
    'he she they them their his her him i we you it its is are was were be been being am ' +
    'has have had of to for with in on at by as this that these those who what one ' +
    'engineer developer person colleague coworker co-worker teammate team member guy ' +
    'someone somebody overall definitely absolutely highly most more much lot lots ' +
    'my our your all everyone anyone work working worked'
  ).split(' '),
);

/** Why a testimonial text was sent back: `too_short`, `too_long` or `generic`. */
export type SpecificityProblem = 'too_short' | 'too_long' | 'generic';

/** What `checkSpecificity` found. */
export type SpecificityResult =
  | { ok: true }
  | {
      ok: false;
      problem: SpecificityProblem;
      /** A friendly one-paragraph explanation for the peer. */
      message: string;
      /** The generic phrases found (empty unless `generic`). */
      phrases: string[];
    };

/** An example of a specific testimonial, shown beside the guidance. */
export const SPECIFIC_EXAMPLE =
  'In March they noticed that retries in the billing service were doubling charges across two teams. ' +
  'They wrote the design doc for idempotency keys, got both teams to agree in one review, and paired ' +
  'with two engineers on the rollout. Duplicate charges went from about 40 a week to none.';

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2019']/g, '')
    .replace(/[^a-z0-9-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The generic phrases of {@link GENERIC_PRAISE} found in `text` (longest first, each once). */
export function genericPhrasesIn(text: string): string[] {
  const padded = ` ${normalise(text)} `;
  return [...GENERIC_PRAISE].sort((a, b) => b.length - a.length).filter((p) => padded.includes(` ${p} `));
}

/**
 * The words of `text` left after removing every generic phrase and filler
 * word: what the peer actually observed.
 */
export function specificWords(text: string): string[] {
  let rest = ` ${normalise(text)} `;
  for (const p of [...GENERIC_PRAISE].sort((a, b) => b.length - a.length)) {
    rest = rest.split(` ${p} `).join(' ');
  }
  return rest.split(' ').filter((w) => w.length > 0 && !FILLER.has(w));
}

/**
 * Checks a testimonial's `text` (trimmed first): fewer than
 * {@link TESTIMONIAL_TEXT_MIN} characters is `too_short`; more than
 * {@link TESTIMONIAL_TEXT_MAX} is `too_long`; fewer than 6 words left after
 * removing generic praise and filler words (for example "Sam is a great
 * engineer, very smart and a real team player!") is `generic`. Never throws.
 */
export function checkSpecificity(text: string): SpecificityResult {
  const t = text.trim();
  if (t.length < TESTIMONIAL_TEXT_MIN) {
    return {
      ok: false,
      problem: 'too_short',
      phrases: [],
      message: `A few more words, please: at least ${TESTIMONIAL_TEXT_MIN} characters. Say what you saw them do, and what changed because of it.`,
    };
  }
  if (t.length > TESTIMONIAL_TEXT_MAX) {
    return {
      ok: false,
      problem: 'too_long',
      phrases: [],
      message: `Please keep it under ${TESTIMONIAL_TEXT_MAX.toLocaleString('en-US')} characters (this is ${t.length.toLocaleString('en-US')}). The most specific moment is usually enough.`,
    };
  }
  const phrases = genericPhrasesIn(t);
  if (specificWords(t).length < 6) {
    return {
      ok: false,
      problem: 'generic',
      phrases,
      message:
        'Thank you! Praise like this is kind, but a promotion committee cannot use it: they need to hear what you saw. ' +
        'Could you describe one moment: what they did, who it involved, and what changed because of it?',
    };
  }
  return { ok: true };
}
