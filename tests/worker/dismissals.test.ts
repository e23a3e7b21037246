/**
 * `dismissals` is a synced collection (docs/DESIGN.md "History import and the
 * inbox"): the worker accepts, validates, stores and returns dismissed import
 * candidates like any other record, so a PR dismissed on one device is never
 * imported again on another. One user's dismissals never reach another user.
 */
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { ApiError, PullResponse, type Dismissal } from '../../shared/schemas';
import { hlcAt, pull, push, signIn } from './helpers';

const T0 = Date.parse('2026-11-20T09:00:00.000Z');

function dismissal(url: string, hlc: string): Dismissal {
  return { id: ulid(T0), url, dismissedAt: '2026-11-20T09:00:00.000Z', updatedAt: hlc, deletedAt: null };
}

describe('dismissals sync like other records', () => {
  it('a dismissal pushed by one device is pulled by the account and by no one else', async () => {
    const { token } = await signIn('dismiss-a@example.com');
    const d = dismissal('https://github.com/artsy/emission/pull/327', hlcAt(T0, 'devA'));
    const res = await push(token, [
      { seq: 1, collection: 'dismissals', id: d.id, op: 'upsert', hlc: d.updatedAt, data: d },
    ]);
    expect(res.status).toBe(200);
    const pulled = PullResponse.parse(await pull(token, 0));
    expect(pulled.changes).toEqual([
      expect.objectContaining({ collection: 'dismissals', id: d.id, deleted: false, data: d }),
    ]);

    const other = await signIn('dismiss-b@example.com');
    expect(PullResponse.parse(await pull(other.token, 0)).changes).toEqual([]);
  });

  it('refuses a dismissal whose URL is not http(s), with the API error shape', async () => {
    const { token } = await signIn('dismiss-bad@example.com');
    const d = { ...dismissal('javascript:alert(1)', hlcAt(T0, 'devB')) };
    const res = await push(token, [
      { seq: 1, collection: 'dismissals', id: d.id, op: 'upsert', hlc: d.updatedAt, data: d },
    ]);
    expect(res.status).toBe(400);
    expect(ApiError.parse(await res.json()).error.code).toBe('validation_failed');
    expect(PullResponse.parse(await pull(token, 0)).changes).toEqual([]);
  });
});
