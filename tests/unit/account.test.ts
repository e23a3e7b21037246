/**
 * extension/db/account.ts: a browser's local store belongs to one account; a
 * different account signing in never inherits (and so never pushes) it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { bindAccount, checkAccountSwitch } from '../../extension/db/account';
import { getDeviceState, setDeviceState } from '../../extension/db/device-state';
import { saveEvidence } from '../../extension/db/write';
import type { CasebookDB } from '../../extension/db/index';
import { freshDb, prEvidence } from './helpers/evidence';

const T0 = Date.parse('2026-11-20T09:15:02.114Z');
const ADA = { id: 'user-ada', email: 'ada@example.com' };
const BOB = { id: 'user-bob', email: 'bob@example.com' };
let db: CasebookDB;

afterEach(async () => {
  await db?.delete();
});

describe('account binding', () => {
  it('the first account adopts evidence captured before sign-in, with its pending changes', async () => {
    db = freshDb();
    const saved = await saveEvidence(prEvidence(), { db, now: () => T0 });
    expect(await checkAccountSwitch(db, ADA.email)).toEqual({ kind: 'same-or-first' });
    expect(await bindAccount(db, ADA)).toBe('adopted');
    expect(await db.evidence.get(saved.id)).toEqual(saved);
    expect(await db.outbox.count()).toBe(1);
    expect(await getDeviceState(db, 'account')).toEqual({ userId: ADA.id, email: ADA.email });
  });

  it('the same account signing in again keeps everything and pulls from the start', async () => {
    db = freshDb();
    await bindAccount(db, ADA);
    const saved = await saveEvidence(prEvidence(), { db, now: () => T0 });
    await setDeviceState(db, 'rev', 42);
    expect(await checkAccountSwitch(db, ' ADA@example.com ')).toEqual({ kind: 'same-or-first' });
    expect(await bindAccount(db, ADA)).toBe('same');
    expect(await db.evidence.get(saved.id)).toEqual(saved);
    expect(await db.outbox.count()).toBe(1);
    expect(await getDeviceState(db, 'rev')).toBe(0);
  });

  it('another account is warned about unsynced changes, and never receives the previous records', async () => {
    db = freshDb();
    await bindAccount(db, ADA);
    await saveEvidence(prEvidence(), { db, now: () => T0 });
    await setDeviceState(db, 'rev', 7);
    await setDeviceState(db, 'lastSeq', 3);

    expect(await checkAccountSwitch(db, BOB.email)).toEqual({ kind: 'switch', previousEmail: ADA.email, pending: 1 });
    expect(await bindAccount(db, BOB)).toBe('switched');
    expect(await db.evidence.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await getDeviceState(db, 'rev')).toBe(0);
    expect(await getDeviceState(db, 'lastSeq')).toBe(0);
    expect(await getDeviceState(db, 'account')).toEqual({ userId: BOB.id, email: BOB.email });
  });
});
