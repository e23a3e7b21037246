/**
 * RFC 5322 / MIME rendering of an {@link OutgoingMail}: the raw message a
 * provider puts on the wire (and the form Cloudflare's `EmailMessage` takes).
 * multipart/alternative with a UTF-8 text part then an HTML part, both
 * base64 (76-character lines); non-ASCII or unsafe header text as RFC 2047
 * encoded words; CRLF line ends. No header value can carry a line break, so
 * user-written text (a display name, a competency name in the subject) can
 * never add a header.
 *
 * Used by the dev outbox's `raw.eml` (the real mailers take the parts, not
 * a message). Base64 is Hono's encoder; the rest stays here rather than in a
 * MIME library because the one on offer (mimetext 3) quotes display names
 * without escaping or RFC 2047 encoding and pulls core-js into the worker,
 * while this builder's header rules are what tests/worker/fuzz-injection
 * checks.
 */
import { encodeBase64 } from 'hono/utils/encode';
import type { OutgoingMail } from './types';

/** Headers the builder writes itself; `mail.headers` may not replace them. */
const RESERVED = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'subject',
  'date',
  'message-id',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
]);

const encoder = new TextEncoder();
const CRLF = '\r\n';

/** Base64 of `bytes` (standard alphabet, padded), by Hono's encoder. */
function base64(bytes: Uint8Array): string {
  // TextEncoder answers a view over its own whole buffer; copy only if that ever changes.
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return encodeBase64((whole ? bytes : bytes.slice()).buffer);
}

/** `text` with every control character, line break and separator replaced by a space. */
export function oneLine(text: string): string {
  // oxlint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
}

/**
 * Header text as-is when it is printable ASCII, else RFC 2047 `=?UTF-8?B?...?=`
 * words of at most 75 characters (split on character boundaries), folded onto
 * continuation lines.
 */
export function encodeHeaderText(text: string): string {
  const line = oneLine(text);
  if (/^[\x20-\x7e]*$/.test(line) && !line.includes('=?')) return line;
  const words: string[] = [];
  let chunk = '';
  for (const ch of line) {
    if (encoder.encode(chunk + ch).length > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${base64(encoder.encode(w))}?=`).join(`${CRLF} `);
}

const ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;

/**
 * An address header value from `Name <addr@host>` or `addr@host`: the name
 * quoted (or encoded) safely, the address checked.
 * @throws Error when the address is not a plain `local@domain`.
 */
export function formatAddress(value: string): string {
  const m = /^\s*(.*?)\s*<([^<>]+)>\s*$/.exec(value);
  const name = m ? m[1]!.replace(/^"(.*)"$/, '$1') : '';
  const address = (m ? m[2]! : value).trim();
  if (!ADDRESS.test(address)) throw new Error('not a valid e-mail address');
  if (!name) return address;
  const encoded = encodeHeaderText(name);
  const quoted = encoded.startsWith('=?') ? encoded : `"${encoded.replace(/(["\\])/g, '\\$1')}"`;
  return `${quoted} <${address}>`;
}

/** The domain of an address header value (for Message-ID), or `localhost`. */
function domainOf(value: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(value)?.[1] ?? 'localhost';
}

/** RFC 5322 date, e.g. `Fri, 20 Nov 2026 16:00:00 +0000`. */
export function rfc5322Date(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

function bodyPart(contentType: string, text: string): string {
  const encoded = base64(encoder.encode(text)).replace(/.{1,76}/g, (l) => l + CRLF);
  return [`Content-Type: ${contentType}; charset=utf-8`, 'Content-Transfer-Encoding: base64', '', encoded].join(CRLF);
}

/** Options of {@link buildMimeMessage}. */
export interface MimeOptions {
  /** Unique id, e.g. a ULID; becomes `<id@domain-of-from>`. Must be `[A-Za-z0-9._-]+`. */
  id: string;
  /** The message's Date header. */
  date: Date;
}

/**
 * The complete message (headers, blank line, body) with CRLF line ends.
 * Extra `mail.headers` are written after the standard ones; their names must
 * be tokens (`[A-Za-z0-9-]+`) and may not replace a header listed in
 * RESERVED; values are made one line and encoded when not printable ASCII.
 * @throws Error when an address, the id or an extra header name is invalid.
 */
export function buildMimeMessage(mail: OutgoingMail, opts: MimeOptions): string {
  if (!/^[A-Za-z0-9._-]+$/.test(opts.id)) throw new Error('invalid message id');
  const boundary = `=_casebook_${crypto.randomUUID().replace(/-/g, '')}`;
  const headers: string[] = [
    `From: ${formatAddress(mail.from)}`,
    `To: ${formatAddress(mail.to)}`,
    `Subject: ${encodeHeaderText(mail.subject)}`,
    `Date: ${rfc5322Date(opts.date)}`,
    `Message-ID: <${opts.id}@${domainOf(mail.from)}>`,
    'MIME-Version: 1.0',
  ];
  for (const [name, value] of Object.entries(mail.headers ?? {})) {
    if (!/^[A-Za-z0-9-]+$/.test(name) || RESERVED.has(name.toLowerCase())) {
      throw new Error(`header ${JSON.stringify(name)} cannot be set`);
    }
    headers.push(`${name}: ${encodeHeaderText(value)}`);
  }
  headers.push(`Content-Type: multipart/alternative; boundary="${boundary}"`);
  return [
    headers.join(CRLF),
    '',
    'This is a multi-part message in MIME format.',
    `--${boundary}`,
    bodyPart('text/plain', mail.text),
    `--${boundary}`,
    bodyPart('text/html', mail.html),
    `--${boundary}--`,
    '',
  ].join(CRLF);
}
