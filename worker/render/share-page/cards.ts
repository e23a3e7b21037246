/**
 * The share page's evidence cards as escaped HTML strings: the page's hot
 * path (500 cards, each under every competency it supports), built as string
 * parts rather than JSX elements. Every user string goes through `esc`; the
 * markup is byte for byte what the JSX card gave.
 */
import { raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { formatDay, KIND_LABELS, ROLE_LABELS, SOURCE_LABELS } from '../../../shared/case';
import type { PublicCard } from '../common';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/;

/** `s` escaped for HTML text and double-quoted attribute values (the same five characters as Hono JSX). */
export function esc(s: string): string {
  return SPECIAL.test(s) ? s.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : s;
}

/** ` · Author · Pull request · GitHub PR`, escaped, by role, kind and source (enums: a few dozen entries at most). */
const kindLines = new Map<string, string>();

/** The escaped role, kind and source labels of `card`'s meta line. */
function kindLine(card: PublicCard): string {
  const key = `${card.role}|${card.kind}|${card.source}`;
  let line = kindLines.get(key);
  if (line === undefined) {
    line = esc(` · ${ROLE_LABELS[card.role]} · ${KIND_LABELS[card.kind]} · ${SOURCE_LABELS[card.source]}`);
    kindLines.set(key, line);
  }
  return line;
}

/** The part of a card that is the same in every section it shows in: title, meta line, claim, impact, metrics, people. */
function cardBody(card: PublicCard): string {
  let h = card.href ? `<h3><a href="${esc(card.href)}">${esc(card.title)}</a></h3>` : `<h3>${esc(card.title)}</h3>`;
  h += `<p class="meta"><time datetime="${esc(card.occurredOn)}">${esc(formatDay(card.occurredOn))}</time>${kindLine(card)}${card.ref ? esc(` · ${card.ref}`) : ''}</p>`;
  if (card.claim || card.impact) {
    h += '<dl>';
    if (card.claim) h += `<dt>Claim</dt><dd>${esc(card.claim)}</dd>`;
    if (card.impact) h += `<dt>Impact</dt><dd>${esc(card.impact)}</dd>`;
    h += '</dl>';
  }
  if (card.metrics.length > 0)
    h += `<ul class="metrics">${card.metrics.map((m) => `<li>${esc(m)}</li>`).join('')}</ul>`;
  if (card.people.length > 0) h += `<p class="people">${esc(`With ${card.people.join(', ')}`)}</p>`;
  return h;
}

/**
 * One evidence card as an HTML string: `<article>` (with its `#ev-ID` anchor
 * when `anchor`), the card body, the "Also under" line naming `also`, then
 * `extra` (escaped markup, e.g. the peer quotes about it).
 */
function cardHtml(body: string, card: PublicCard, anchor: boolean, also: readonly string[], extra: string): string {
  const open = anchor ? `<article class="card" id="ev-${esc(card.id)}">` : '<article class="card">';
  const tail = also.length > 0 ? `<p class="also">${esc(`Also under ${also.join(', ')}`)}</p>` : '';
  return `${open}${body}${tail}${extra}</article>`;
}

/** Renders the cards of one section; see {@link cardRenderer}. */
export type RenderCards = (
  cards: readonly PublicCard[],
  anchor: (card: PublicCard) => boolean,
  also: (card: PublicCard) => readonly string[],
  extra?: (card: PublicCard) => string,
) => HtmlEscapedString;

/**
 * A renderer for the cards of one page: each call gives the cards of one
 * section as one raw (already escaped) fragment; `anchor(card)` says whether
 * the card carries its `#ev-ID` anchor there, `also(card)` names its other
 * competencies, `extra(card)` is escaped markup closing the card (the peer
 * quotes about it). A card's body is built once per page, however many
 * sections show it (a plain Map dropped with the page: a module-wide WeakMap
 * keyed by card objects cost more in garbage collection than it saved).
 */
export function cardRenderer(): RenderCards {
  const bodies = new Map<PublicCard, string>();
  return (cards, anchor, also, extra) => {
    let h = '';
    for (const c of cards) {
      let body = bodies.get(c);
      if (body === undefined) bodies.set(c, (body = cardBody(c)));
      h += cardHtml(body, c, anchor(c), also(c), extra ? extra(c) : '');
    }
    return raw(h);
  };
}
