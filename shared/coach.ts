/**
 * The specificity coach: hints on an evidence item's claim ("what you did")
 * and impact ("the outcome"), in the spirit of the advice calibration
 * committees give: say "I drove the API versioning decision", not "I
 * contributed to architecture discussions"; give the outcome in numbers.
 *
 * It only returns hints: it never blocks saving. Plain regular expressions
 * over the text, a few microseconds for a claim of normal length, so the
 * panel can run it on every keystroke. Pure: no DOM, no Workers APIs.
 */

/**
 * One hint. `start`/`end` are character offsets into the text given (UTF-16
 * code units, `end` exclusive) of the flagged phrase, when the hint is about
 * a phrase; absent when it is about the whole text (`no-number`,
 * `too-short`, `not-first-person` without a "we").
 */
export type CoachHint = {
  code: 'vague' | 'no-number' | 'passive' | 'not-first-person' | 'too-short';
  message: string;
  suggestion: string;
  start?: number;
  end?: number;
};

/** Text longer than this is only checked over its first part (a claim is a few sentences). */
const MAX_CHECKED = 5000;
/** Fewer words than this is "too short" for a claim. */
const MIN_CLAIM_WORDS = 5;
/** Fewer words than this is "too short" for an impact. */
const MIN_IMPACT_WORDS = 4;
/** At most this many hints of one code (the first ones in the text). */
const MAX_PER_CODE = 3;

/** Vague phrasing and the stronger wording to use instead. */
const VAGUE_PHRASES: { pattern: string; suggestion: string }[] = [
  {
    pattern: 'contribut(?:ed|ing|e|es) to',
    suggestion:
      'Name your part: "I drove the API versioning decision" rather than "I contributed to architecture discussions".',
  },
  {
    pattern: 'help(?:ed|ing|s)? (?:out )?with',
    suggestion:
      'Say what you did and for whom: "I paired with Sam on the flaky test runner and cut CI time from 25 to 9 minutes".',
  },
  {
    pattern: 'help(?:ed|ing)? out',
    suggestion: 'Say what you did and for whom: "I unblocked Priya by writing the migration script she reused".',
  },
  {
    pattern: 'work(?:ed|ing|s)? on',
    suggestion: 'Use a verb that shows your part: "I designed", "I built", "I led", "I decided".',
  },
  {
    pattern: '(?:was |been |got |am |were )?involved (?:in|with)',
    suggestion: 'Say what you owned: "I wrote the rollout plan and ran the migration of 40 services".',
  },
  {
    pattern: 'particip(?:ated|ating|ate|ates) in',
    suggestion: 'Say what you brought: "I proposed the retry budget that the design review adopted".',
  },
  {
    pattern: 'took part in',
    suggestion: 'Say what you brought: "I proposed the retry budget that the design review adopted".',
  },
  {
    pattern: '(?:was|were|am|been) part of',
    suggestion: 'Say what your piece was: "I owned the billing service changes of the launch".',
  },
  {
    pattern: 'played a (?:key |big |major )?(?:role|part) in',
    suggestion: 'Say what you did: "I led the incident review and wrote the three follow-up fixes".',
  },
  {
    pattern: 'assist(?:ed|ing|s)?(?: (?:with|in))?',
    suggestion: 'Say what you did yourself: "I wrote the load test that found the connection leak".',
  },
  {
    pattern: 'support(?:ed|ing)',
    suggestion: 'Say how: "I reviewed 12 of the team\'s PRs and wrote the testing guide they now follow".',
  },
];

/** Fuzzy amounts that stand in for a number in an impact. */
const FUZZY_AMOUNTS =
  'significantly|greatly|vastly|hugely|drastically|dramatically|substantially|considerably|a lot(?: of)?|lots of|many|several|various|numerous|huge|massive|tons? of';

const VAGUE_RE = new RegExp(`\\b(?:${VAGUE_PHRASES.map((p) => `(${p.pattern})`).join('|')})\\b`, 'gi');
const FUZZY_RE = new RegExp(`\\b(?:${FUZZY_AMOUNTS})\\b`, 'gi');

/** Irregular past participles (the regular ones end in -ed). */
const IRREGULAR_PARTICIPLES =
  'built|rebuilt|written|rewritten|done|redone|made|remade|led|given|taken|undertaken|sent|found|shown|known|seen|overseen|chosen|driven|broken|begun|brought|bought|caught|taught|thought|held|kept|left|lost|met|paid|put|said|set|reset|shut|spent|split|told|understood|won|drawn|grown|thrown|hidden|spoken|stolen|forgotten|gotten|sold|run|rerun|cut|hit|beaten|bitten|dealt|fed|felt|forbidden|frozen|heard|hung|laid|lent|let|meant|sought|shaken|slept|sped|spun|struck|sworn|swept|torn|woken|worn|withdrawn|wound';
/** Words ending in -ed after a be-verb that are adjectives, not passives ("I was interested"). */
const NOT_PASSIVE = new Set(
  'interested excited pleased tired bored concerned involved supposed used based related married worried scared satisfied surprised ashamed qualified experienced skilled detailed advanced limited dedicated sophisticated complicated motivated determined committed prepared engaged focused focussed aligned allowed able need speed seed feed indeed proceed exceed succeed hundred sacred kindred wicked naked rugged ragged'.split(
    ' ',
  ),
);
const PASSIVE_RE = new RegExp(
  `\\b(?:am|is|are|was|were|be|been|being|get|gets|got|gotten|getting)\\s+(?:[a-z]+ly\\s+)?([a-z]{2,}ed|${IRREGULAR_PARTICIPLES})\\b`,
  'gi',
);

/** Singular first person ("I", "I've", "me", "my", "myself"). */
const FIRST_PERSON_RE = /(?:^|[^\p{L}\p{N}_'’])(?:I|I['’](?:m|ve|d|ll)|me|my|myself|mine)(?![\p{L}\p{N}_])/iu;
/** "we", "our", "us", "the team". */
const WE_RE = /\b(?:[Ww]e(?:['’](?:ve|re|d|ll))?|[Oo]ur|us|[Tt]he team)\b/;
/** A claim written resume-style, starting with a past-tense verb ("Drove...", "Led..."): the "I" is implied. */
const IMPLIED_I_RE = new RegExp(
  `^\\s*(?:[A-Za-z]{2,}ed|${IRREGULAR_PARTICIPLES}|drove|wrote|ran|rewrote|took|gave|saw|chose|began|grew|threw|spoke|sold|won)\\b`,
  'i',
);

/** A digit, or a number or ratio written as a word. */
const NUMBER_RE =
  /\d|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|dozen|dozens|half|halved|twice|double|doubled|triple|tripled|quadrupled|tenfold|percent)\b/i;

/** Word count: runs of letters or digits. */
function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
}

function vagueHints(text: string): CoachHint[] {
  const out: CoachHint[] = [];
  VAGUE_RE.lastIndex = 0;
  for (let m = VAGUE_RE.exec(text); m && out.length < MAX_PER_CODE; m = VAGUE_RE.exec(text)) {
    const i = m.slice(1).findIndex((g) => g !== undefined);
    const phrase = VAGUE_PHRASES[i] ?? VAGUE_PHRASES[0];
    out.push({
      code: 'vague',
      message: `"${m[0]}" is vague: it does not say what you did.`,
      suggestion: phrase?.suggestion ?? '',
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  return out;
}

function fuzzyHints(text: string): CoachHint[] {
  const out: CoachHint[] = [];
  FUZZY_RE.lastIndex = 0;
  for (let m = FUZZY_RE.exec(text); m && out.length < MAX_PER_CODE; m = FUZZY_RE.exec(text)) {
    out.push({
      code: 'vague',
      message: `"${m[0]}" is an amount without a number.`,
      suggestion: 'Replace it with the number: "from 800 ms to 450 ms", "3 teams", "about 6 hours a week".',
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  return out;
}

function passiveHints(text: string, suggestion: string): CoachHint[] {
  const out: CoachHint[] = [];
  PASSIVE_RE.lastIndex = 0;
  for (let m = PASSIVE_RE.exec(text); m && out.length < MAX_PER_CODE; m = PASSIVE_RE.exec(text)) {
    const participle = (m[1] ?? '').toLowerCase();
    if (
      NOT_PASSIVE.has(participle) ||
      (participle.endsWith('eed') && participle !== 'agreed' && participle !== 'freed')
    )
      continue;
    out.push({
      code: 'passive',
      message: `"${m[0]}" is passive: it hides who did it.`,
      suggestion,
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  return out;
}

/**
 * `hints` (phrase hints, most important kind first) without those whose span
 * overlaps one kept before it, sorted by position.
 */
function byPosition(hints: CoachHint[]): CoachHint[] {
  const kept: CoachHint[] = [];
  for (const h of hints) {
    const clash = kept.some(
      (k) =>
        h.start !== undefined && k.start !== undefined && h.start < (k.end ?? k.start) && k.start < (h.end ?? h.start),
    );
    if (!clash) kept.push(h);
  }
  return kept.sort((a, b) => (a.start ?? Infinity) - (b.start ?? Infinity));
}

/**
 * Hints for a claim (what you did; first person, specific). Flags, in text
 * order: vague phrasing ("contributed to", "helped with", "worked on",
 * "involved in", "participated in", "assisted", "supported"...), passive
 * voice (a be-verb or "got" followed by a past participle: "was migrated",
 * "got merged"), "we"/"the team" with no "I" (`not-first-person`, on the
 * first "we"); whole-text hints last: no first person at all (unless it
 * starts resume-style with a past-tense verb: "Drove the...") and fewer than
 * 5 words (`too-short`). Empty or blank text: no hints. Never throws.
 */
export function coachClaim(text: string): CoachHint[] {
  if (typeof text !== 'string' || text.trim() === '') return [];
  const t = text.length > MAX_CHECKED ? text.slice(0, MAX_CHECKED) : text;
  const phrases = [
    ...vagueHints(t),
    ...passiveHints(
      t,
      'Put yourself first: "I migrated the billing jobs to the new queue" rather than "The billing jobs were migrated".',
    ),
  ];
  let noFirstPerson: CoachHint | null = null;
  if (!FIRST_PERSON_RE.test(t)) {
    const we = WE_RE.exec(t);
    if (we) {
      phrases.push({
        code: 'not-first-person',
        message: `"${we[0]}" hides your part: the committee needs to know what you did.`,
        suggestion: 'Say "I": "I drove the API versioning decision; the team then shipped it in two sprints".',
        start: we.index,
        end: we.index + we[0].length,
      });
    } else if (!IMPLIED_I_RE.test(t)) {
      noFirstPerson = {
        code: 'not-first-person',
        message: 'The claim does not say what you did.',
        suggestion:
          'Write it in the first person: "I drove the API versioning decision and wrote the migration guide".',
      };
    }
  }
  const hints = byPosition(phrases);
  if (noFirstPerson) hints.push(noFirstPerson);
  if (wordCount(t) < MIN_CLAIM_WORDS)
    hints.push({
      code: 'too-short',
      message: 'The claim is very short.',
      suggestion:
        'Say what you did, on what, and why it mattered: "I drove the API versioning decision for the payments API".',
    });
  return hints;
}

/**
 * Hints for an impact (the outcome; numbers where possible). Flags, in text
 * order: vague phrasing (as for a claim) and fuzzy amounts ("significantly",
 * "a lot", "many"...) as `vague`, passive voice; whole-text hints last: no
 * number at all (no digit and no number word such as "twice" or "halved":
 * `no-number`), fewer than 4 words (`too-short`). Empty or blank text: no
 * hints. Never throws.
 */
export function coachImpact(text: string): CoachHint[] {
  if (typeof text !== 'string' || text.trim() === '') return [];
  const t = text.length > MAX_CHECKED ? text.slice(0, MAX_CHECKED) : text;
  const hints = byPosition([
    ...vagueHints(t),
    ...fuzzyHints(t),
    ...passiveHints(
      t,
      'Name what made the difference: "The new cache cut p95 latency from 800 ms to 450 ms" rather than "Latency was reduced".',
    ),
  ]);
  if (!NUMBER_RE.test(t))
    hints.push({
      code: 'no-number',
      message: 'The impact has no number.',
      suggestion:
        'Measure it: "Cut p95 latency from 800 ms to 450 ms", "Saved 3 engineers about 6 hours a week", "Unblocked 2 teams".',
    });
  if (wordCount(t) < MIN_IMPACT_WORDS)
    hints.push({
      code: 'too-short',
      message: 'The impact is very short.',
      suggestion:
        'Say who benefited and by how much: "Cut p95 checkout latency from 800 ms to 450 ms for all EU users".',
    });
  return hints;
}
