/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
/**
 * The colleague's page behind a testimonial request (`GET`/`POST /t/:token`,
 * docs/DESIGN.md "Peer testimonials"): who is asking, the evidence they asked
 * about (title, date, role, claim; never private notes), one question and a
 * form; the thank-you page; the problem pages. Server-rendered with Hono JSX,
 * no JavaScript; the share page's stylesheet (light and dark, phone width)
 * plus a few form rules. Every user string goes through JSX escaping.
 */
import type { Child, FC } from 'hono/jsx';
import { formatDay, ROLE_LABELS } from '../../shared/case';
import type { PublicCard } from '../../shared/packet';
import {
  TESTIMONIAL_NAME_MAX,
  TESTIMONIAL_QUESTION,
  TESTIMONIAL_RELATIONSHIP_MAX,
  TESTIMONIAL_TEXT_MAX,
  TESTIMONIAL_TEXT_MIN,
} from '../../shared/testimonials';
import { CapabilityPage } from '../pages/head';
import { CSS as SHARE_CSS } from './share-page';

/* Constant, never built from user data. */
const PEER_CSS = `
.lede{font-size:1.05rem;margin:.5rem 0 1.25rem}
.ask{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem;margin:0 0 1.5rem}
.ask .own{margin:.5rem 0 0;padding:.5rem .8rem;border-left:3px solid var(--accent);background:var(--chip);border-radius:0 6px 6px 0;white-space:pre-line;overflow-wrap:anywhere}
form{margin:0}
.field{display:block;margin:0 0 1rem}
.field .l{display:block;font-weight:600;margin:0 0 .25rem}
.field .h{display:block;color:var(--muted);font-size:.85rem;margin:0 0 .35rem}
input[type=text],textarea{width:100%;font:inherit;color:var(--fg);background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.55rem .7rem}
textarea{min-height:11rem;resize:vertical;line-height:1.5}
input[type=text]:focus,textarea:focus{outline:2px solid var(--accent);outline-offset:1px;border-color:transparent}
.two{display:grid;grid-template-columns:1fr 1fr;gap:0 1rem}
fieldset{border:0;padding:0;margin:0 0 1rem}
legend{font-weight:600;padding:0;margin:0 0 .35rem}
.checks{display:flex;flex-wrap:wrap;gap:.4rem}
.checks label{display:inline-flex;align-items:center;gap:.35rem;background:var(--chip);border-radius:999px;padding:.25rem .7rem;font-size:.88rem}
button{font:inherit;font-weight:600;background:var(--accent);color:var(--bg);border:0;border-radius:8px;padding:.65rem 1.3rem;cursor:pointer}
.notice{border-radius:10px;padding:.8rem 1rem;margin:0 0 1.25rem;border:1px solid var(--warn);background:color-mix(in srgb,var(--warn) 10%,var(--card))}
.notice p{margin:.2rem 0}
.notice .ex{border-left:3px solid var(--good);padding:.1rem 0 .1rem .8rem;margin:.6rem 0 0;font-style:italic}
.ok{border-color:var(--good);background:color-mix(in srgb,var(--good) 10%,var(--card))}
.privacy{color:var(--muted);font-size:.85rem;margin:1.25rem 0 0}
.card .claim{margin:.3rem 0 0;white-space:pre-line;overflow-wrap:anywhere}
blockquote{margin:0 0 1rem;padding:.6rem 1rem;border-left:3px solid var(--good);background:var(--card);border-radius:0 8px 8px 0;white-space:pre-line;overflow-wrap:anywhere}
@media (max-width:30rem){.two{grid-template-columns:1fr}button{width:100%}}
`;

const PEER_PAGE_CSS = SHARE_CSS + PEER_CSS;

const Doc: FC<{ title: string; children?: Child }> = ({ title, children }) => (
  <CapabilityPage title={title} css={PEER_PAGE_CSS}>
    {children}
  </CapabilityPage>
);

/** The form's values, as the peer typed them (kept when the text is sent back). */
export interface PeerFormValues {
  name: string;
  relationship: string;
  text: string;
  competencies: string[];
}

/** Everything the peer's form page shows. */
export interface PeerPageInput {
  /** The engineer's display name. */
  ownerName: string;
  /** The name the engineer gave the colleague. */
  peerName: string;
  /** The engineer's own note or question, if any. */
  question: string | null;
  /** The evidence asked about, as public cards (no private notes can be on them). */
  evidence: PublicCard[];
  /** The owner's rubric competencies the peer may tick (id, name). */
  competencies: { id: string; name: string }[];
  values: PeerFormValues;
  /** The stored testimonial's `updated_at` (the form's version), or '' before the first answer. */
  version: string;
  /** ISO time the link expires. */
  expiresAt: string;
  /** True when the peer already answered (the form edits it). */
  editing: boolean;
  /** Guidance or a problem to show above the form. */
  notice?: { message: string; example?: string };
}

const EvidenceItem: FC<{ card: PublicCard }> = ({ card }) => (
  <article class="card">
    <h3>{card.href ? <a href={card.href}>{card.title}</a> : card.title}</h3>
    <p class="meta">
      <time datetime={card.occurredOn}>{formatDay(card.occurredOn)}</time>
      {` · ${ROLE_LABELS[card.role]}`}
      {card.ref ? ` · ${card.ref}` : ''}
    </p>
    {card.claim ? <p class="claim">{card.claim}</p> : null}
  </article>
);

/** The form page (GET, and POST when the text is sent back). */
export const PeerFormPage: FC<{ input: PeerPageInput }> = ({ input }) => {
  const { ownerName, values } = input;
  const n = input.evidence.length;
  return (
    <Doc title={`${ownerName} asked for your view`}>
      <header>
        <p class="eyebrow">Casebook · a colleague asks</p>
        <h1>{`${ownerName} asked for your view`}</h1>
        <p class="lede">
          {`Hi ${input.peerName}. ${ownerName} is preparing a promotion case and would value a few sentences from you about the work below. Specific beats glowing: one moment you saw is worth more than any adjective.`}
        </p>
      </header>
      <main>
        {input.question ? (
          <div class="ask">
            <strong>{`${ownerName} writes:`}</strong>
            <p class="own">{input.question}</p>
          </div>
        ) : null}
        <section aria-labelledby="ev-h">
          <h2 id="ev-h">
            The work <span class="count">{n === 1 ? '1 item' : `${n} items`}</span>
          </h2>
          <p class="desc">{`What ${ownerName} says they did. Your view may differ; say so.`}</p>
          {n === 0 ? <p class="empty">These items are no longer in the case.</p> : null}
          {input.evidence.map((card) => (
            <EvidenceItem key={card.id} card={card} />
          ))}
        </section>
        <section aria-labelledby="form-h">
          <h2 id="form-h">{TESTIMONIAL_QUESTION}</h2>
          <p class="desc">
            Describe something you saw: what they did, who it involved, and what changed because of it. A number or a
            before-and-after helps.
          </p>
          {input.notice ? (
            <div class="notice" role="alert" id="notice">
              <p>{input.notice.message}</p>
              {input.notice.example ? <p class="ex">{`For example: “${input.notice.example}”`}</p> : null}
            </div>
          ) : input.editing ? (
            <div class="notice ok" role="status">
              <p>You have already answered. You can change your words below until the link expires.</p>
            </div>
          ) : null}
          <form method="post">
            <input type="hidden" name="version" value={input.version} />
            <label class="field">
              <span class="l">Your answer</span>
              <span class="h">{`${TESTIMONIAL_TEXT_MIN} to ${TESTIMONIAL_TEXT_MAX.toLocaleString('en-US')} characters.`}</span>
              <textarea
                name="text"
                required
                minlength={TESTIMONIAL_TEXT_MIN}
                maxlength={TESTIMONIAL_TEXT_MAX}
                aria-describedby={input.notice ? 'notice' : undefined}
                autofocus={input.notice !== undefined}
              >
                {values.text}
              </textarea>
            </label>
            <div class="two">
              <label class="field">
                <span class="l">Your name</span>
                <input
                  type="text"
                  name="name"
                  required
                  maxlength={TESTIMONIAL_NAME_MAX}
                  value={values.name}
                  autocomplete="name"
                />
              </label>
              <label class="field">
                <span class="l">How you work together</span>
                <input
                  type="text"
                  name="relationship"
                  required
                  maxlength={TESTIMONIAL_RELATIONSHIP_MAX}
                  value={values.relationship}
                  placeholder="Staff engineer on Payments"
                />
              </label>
            </div>
            {input.competencies.length > 0 ? (
              <fieldset>
                <legend>
                  What did it show? <span class="count">(optional)</span>
                </legend>
                <div class="checks">
                  {input.competencies.map((c) => (
                    <label key={c.id}>
                      <input
                        type="checkbox"
                        name="competencies"
                        value={c.id}
                        checked={values.competencies.includes(c.id)}
                      />
                      {c.name}
                    </label>
                  ))}
                </div>
              </fieldset>
            ) : null}
            <button type="submit">{input.editing ? 'Update my answer' : 'Send my answer'}</button>
          </form>
          <p class="privacy">
            {`Your answer goes to ${ownerName} only, with your name and relationship. They may show it on a read-only page for their manager and promotion committee, and can hide it. If this link reached you by e-mail, your address was used once to send it and is not kept. You can edit your answer through this link until ${formatDay(input.expiresAt.slice(0, 10))}.`}
          </p>
        </section>
      </main>
    </Doc>
  );
};

/** The thank-you page after a stored answer. */
export const PeerThanksPage: FC<{ ownerName: string; text: string; expiresAt: string; updated: boolean }> = ({
  ownerName,
  text,
  expiresAt,
  updated,
}) => (
  <Doc title="Thank you">
    <header>
      <p class="eyebrow">Casebook · a colleague asks</p>
      <h1>{updated ? 'Your answer is updated' : 'Thank you'}</h1>
      <p class="lede">{`${ownerName} will see what you wrote:`}</p>
    </header>
    <main>
      <blockquote>{text}</blockquote>
      <p>
        {`Changed your mind about a word? Open the same link again to edit it until ${formatDay(expiresAt.slice(0, 10))}.`}
      </p>
      <p class="privacy">Nothing else is kept about you: no e-mail address, no cookie.</p>
    </main>
  </Doc>
);

/** A problem page (unknown, revoked or expired link; a refused form). */
export const PeerProblemPage: FC<{ title: string; message: string }> = ({ title, message }) => (
  <Doc title={title}>
    <header>
      <p class="eyebrow">Casebook</p>
      <h1>{title}</h1>
    </header>
    <main>
      <p class="lede">{message}</p>
    </main>
  </Doc>
);

/** Renders a page element to a complete HTML document string. */
export function renderPeerDocument(element: Child): string {
  const out = (element as { toString(): string | Promise<string> }).toString();
  if (typeof out !== 'string') throw new Error('peer page rendered asynchronously');
  return '<!doctype html>' + out;
}
