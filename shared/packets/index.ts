/**
 * Packet formats (docs/DESIGN.md "Stories", company presets): the default
 * senior-rubric packet (shared/packet.ts), Google-style, Amazon-style and
 * Meta-style, each a pure function of the same input. One entry point for
 * the panel's export and the share link's `packet.md?format=`.
 */
import { renderPacketMarkdown, type PacketMarkdownInput } from '../packet';
import { amazonPacket } from './amazon';
import { PACKET_FORMATS, type PacketFormat, type PacketOptions } from './common';
import { googlePacket } from './google';
import { metaPacket } from './meta';

export { PACKET_FORMATS, type PacketFormat, type PacketOptions } from './common';

/** Display names of the formats. */
export const PACKET_FORMAT_LABELS: Record<PacketFormat, string> = {
  senior: 'Senior rubric',
  google: 'Google-style',
  amazon: 'Amazon-style',
  meta: 'Meta-style',
};

/** `value` as a packet format, or `senior` when absent or unknown. */
export function parsePacketFormat(value: string | null | undefined): PacketFormat {
  return (PACKET_FORMATS as readonly string[]).includes(value ?? '') ? (value as PacketFormat) : 'senior';
}

/** The case as Markdown in `format` (see each format's function). */
export function renderPacket(format: PacketFormat, input: PacketMarkdownInput, opts: PacketOptions = {}): string {
  switch (format) {
    case 'google':
      return googlePacket(input);
    case 'amazon':
      return amazonPacket(input);
    case 'meta':
      return metaPacket(input, opts);
    default:
      return renderPacketMarkdown(input);
  }
}
