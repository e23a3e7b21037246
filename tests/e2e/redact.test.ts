import { describe, expect, it } from 'vitest';
import { redactTokens } from '../../scripts/lib/env';

describe('redactTokens', () => {
  it('removes share, digest and unsubscribe tokens from wrangler request lines', () => {
    const token = 'RPaRnqFnq1aiuKO7nzVYTAz6WAUqHn12gxYFjxssWBY';
    expect(redactTokens(`[wrangler:info] GET /s/${token} 200 OK (3ms)`)).toBe(
      '[wrangler:info] GET /s/[token] 200 OK (3ms)',
    );
    expect(redactTokens(`GET /s/${token}/packet.md 200`)).toBe('GET /s/[token]/packet.md 200');
    expect(redactTokens(`GET /d/${token} 200`)).toBe('GET /d/[token] 200');
    expect(redactTokens(`POST /unsubscribe/${token} 200`)).toBe('POST /unsubscribe/[token] 200');
    expect(redactTokens('GET /api/v1/shares 200')).toBe('GET /api/v1/shares 200');
  });
});
