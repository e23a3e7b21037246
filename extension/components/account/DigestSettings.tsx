/**
 * The weekly digest in the panel (signed in): schedule (day, hour, time zone,
 * on/off) through `PATCH /api/v1/me/settings`, "preview this week's digest",
 * and the digests sent so far. A digest is shown in a sandboxed frame (no
 * scripts, no same-origin access), or as its plain-text part.
 * The schedule is also cached in `browser.storage.local` for the toolbar badge.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { storage } from 'wxt/utils/storage';
import type { AccountSettings, DigestContent } from '../../../shared/schemas';
import { createApi } from '../../api/session';
import type { DigestSummary } from '../../api/client';
import { DIGEST_SCHEDULE_KEY, type DigestSchedule } from '../../db/badge';
import { errorMessage } from '../format';
import { weekLabel } from '../week/WeekTab';
import { FormStatus } from '../form/FormStatus';
import { SelectField, type Choice } from '../form/SelectField';
import { Card } from '../common/Card';
import { Checkbox } from '../form/Checkbox';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Digest days: 0 is Sunday, as `AccountSettings.digestDay`. */
const DAY_CHOICES: readonly Choice<number>[] = DAYS.map((label, value) => ({ value, label }));
/** Digest hours 0 to 23, shown as `09:00`. */
const HOUR_CHOICES: readonly Choice<number>[] = Array.from({ length: 24 }, (_, h) => ({
  value: h,
  label: `${String(h).padStart(2, '0')}:00`,
}));

/** The day and hour selects of the schedule (both off while the digest is off). */
const SCHEDULE_FIELDS = [
  { key: 'digestDay', label: 'Day', testId: 'digest-day', options: DAY_CHOICES },
  { key: 'digestHour', label: 'Hour', testId: 'digest-hour', options: HOUR_CHOICES },
] as const;

/** The time zones this browser knows (with `current` first when it does not), as choices. */
function timeZones(current: string): Choice<string>[] {
  let zones: string[] = [];
  try {
    zones = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  } catch {
    zones = [];
  }
  return (zones.includes(current) ? zones : [current, ...zones]).map((z) => ({
    value: z,
    label: z.replace(/_/g, ' '),
  }));
}

/** Caches the schedule for the background's badge. */
async function cacheSchedule(s: AccountSettings): Promise<void> {
  const value: DigestSchedule = { digestDay: s.digestDay, timezone: s.timezone, digestEnabled: s.digestEnabled };
  await storage.setItem(`local:${DIGEST_SCHEDULE_KEY}`, value);
}

/** Digest card of the Account tab. */
export function DigestSettings() {
  const api = useMemo(() => createApi(), []);
  const [settings, setSettings] = useState<AccountSettings | null>(null);
  const [form, setForm] = useState<AccountSettings | null>(null);
  const [digests, setDigests] = useState<DigestSummary[] | null>(null);
  const [viewing, setViewing] = useState<{ title: string; content: DigestContent } | null>(null);
  const [asText, setAsText] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let alive = true;
    api.me().then(
      (me) => {
        if (!alive) return;
        const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
        const s: AccountSettings = {
          displayName: me.settings.displayName ?? '',
          timezone: me.settings.timezone ?? browserZone,
          digestDay: me.settings.digestDay ?? 5,
          digestHour: me.settings.digestHour ?? 16,
          digestEnabled: me.settings.digestEnabled ?? true,
        };
        setSettings(s);
        setForm(s);
        void cacheSchedule(s);
      },
      (err: unknown) => alive && setError(errorMessage(err)),
    );
    api.listDigests().then(
      (list) => alive && setDigests(list),
      (err: unknown) => alive && setError(errorMessage(err)),
    );
    return () => {
      alive = false;
    };
  }, [api]);

  const zones = useMemo(() => timeZones(form?.timezone ?? 'UTC'), [form?.timezone]);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const next = await api.updateAccountSettings({
        displayName: form.displayName.trim(),
        timezone: form.timezone,
        digestDay: form.digestDay,
        digestHour: form.digestHour,
        digestEnabled: form.digestEnabled,
      });
      setSettings(next);
      setForm(next);
      await cacheSchedule(next);
      setMessage('Saved');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function show(load: () => Promise<DigestContent>, title: string) {
    setBusy(true);
    setError(null);
    try {
      setViewing({ title, content: await load() });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const dirty = JSON.stringify(form) !== JSON.stringify(settings);

  return (
    <Card titleId="digest-title" title="Weekly digest" testId="digest-settings">
      {!form ? (
        !error && <p className="muted small">Loading…</p>
      ) : (
        <form onSubmit={(e) => void save(e)}>
          <Checkbox
            testId="digest-enabled"
            checked={form.digestEnabled}
            onChange={(digestEnabled) => setForm({ ...form, digestEnabled })}
          >
            E-mail me a digest every week
          </Checkbox>
          <div className="row">
            {SCHEDULE_FIELDS.map((f) => (
              <SelectField
                key={f.key}
                label={f.label}
                testId={f.testId}
                value={form[f.key]}
                options={f.options}
                disabled={!form.digestEnabled}
                onChange={(n) => setForm({ ...form, [f.key]: n })}
              />
            ))}
          </div>
          <div className="row">
            <SelectField
              label="Time zone"
              fieldClassName="grow"
              testId="digest-timezone"
              value={form.timezone}
              options={zones}
              onChange={(timezone) => setForm({ ...form, timezone })}
            />
          </div>
          <div className="actions">
            <button type="submit" className="button secondary" data-testid="digest-save" disabled={busy || !dirty}>
              Save schedule
            </button>
            <button
              type="button"
              className="button secondary"
              data-testid="digest-preview"
              disabled={busy}
              onClick={() => void show(() => api.previewDigest(), "This week's digest (preview, not sent)")}
            >
              Preview this week's digest
            </button>
            <FormStatus tone="saved" inline message={message} />
          </div>
        </form>
      )}

      {viewing && (
        <div className="digest-view" data-testid="digest-view">
          <div className="digest-view-head">
            <p className="small">
              <strong>{viewing.title}</strong>
              <br />
              <span className="muted" data-testid="digest-subject">
                Subject: {viewing.content.subject}
              </span>
            </p>
            <div className="actions">
              <button type="button" className="link-button small" onClick={() => setAsText(!asText)}>
                {asText ? 'Show HTML' : 'Show plain text'}
              </button>
              <button type="button" className="link-button small" onClick={() => setViewing(null)}>
                Close
              </button>
            </div>
          </div>
          {asText ? (
            <pre className="digest-text">{viewing.content.text}</pre>
          ) : (
            <iframe
              className="digest-frame"
              title={viewing.title}
              sandbox=""
              referrerPolicy="no-referrer"
              srcDoc={viewing.content.html}
            />
          )}
        </div>
      )}

      <h3 className="subhead">Past digests</h3>
      {digests === null ? (
        !error && <p className="muted small">Loading…</p>
      ) : digests.length === 0 ? (
        <p className="muted small" data-testid="digests-empty">
          None sent yet. The first one arrives on your digest day.
        </p>
      ) : (
        <ul className="digest-list" data-testid="digest-list">
          {digests.map((d) => (
            <li key={d.isoWeek}>
              <button
                type="button"
                className="link-button digest-link"
                onClick={() => void show(() => api.getDigest(d.isoWeek), `Week of ${weekLabel(d.isoWeek)}`)}
              >
                {d.subject}
              </button>
              <span className="muted small">{weekLabel(d.isoWeek)}</span>
            </li>
          ))}
        </ul>
      )}
      <FormStatus message={error} />
    </Card>
  );
}
