/**
 * Self-hosted GitHub Enterprise, Jira and Confluence origins, kept in the
 * synced `settings` record, each with its host permission on this device.
 */
import { useRef, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { saveSettings } from '../../db/write';
import { useCaseData } from '../../hooks/useCaseData';
import { errorMessage } from '../format';
import { Card } from '../common/Card';
import { OutcomeStatus, type Outcome } from '../form/OutcomeStatus';
import { OriginForm, readOrigin } from './OriginForm';

/** The host-permission pattern of an origin: `https://x.example` -> `https://x.example/*`. */
export function originPattern(origin: string): string {
  return `${origin}/*`;
}

/**
 * Self-hosted GitHub Enterprise, Jira or Confluence origins the user allows
 * Casebook to read: each is added only after its host permission is granted
 * (requested in the click), and removing one gives the permission back.
 */
export function OriginsSettings() {
  const { settings } = useCaseData();
  const origins = settings?.selfHostedOrigins ?? [];
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<Outcome | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  function add(e: FormEvent) {
    e.preventDefault();
    const origin = readOrigin(value, setMessage);
    if (origin === null) return;
    if (origins.includes(origin)) {
      setMessage({ ok: true, text: `${origin} is already allowed.` });
      return;
    }
    // Synchronously in the handler: the permission prompt needs the user gesture.
    void browser.permissions
      .request({ origins: [originPattern(origin)] })
      .catch(() => false)
      .then(async (ok) => {
        if (!ok) {
          setMessage({ ok: false, text: `Permission for ${origin} was not granted; nothing was added.` });
          return;
        }
        try {
          await saveSettings({ selfHostedOrigins: [...origins, origin] });
          setValue('');
          setMessage({ ok: true, text: `Casebook can now read pages on ${origin}.` });
          inputRef.current?.focus();
        } catch (err) {
          setMessage({ ok: false, text: errorMessage(err) });
        }
      });
  }

  async function remove(origin: string) {
    setMessage(null);
    try {
      await browser.permissions.remove({ origins: [originPattern(origin)] }).catch(() => false);
      await saveSettings({ selfHostedOrigins: origins.filter((o) => o !== origin) });
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(err) });
    }
  }

  return (
    <Card
      titleId="origins-title"
      title="Self-hosted tools"
      testId="origins-settings"
      intro={
        <>
          GitHub Enterprise, Jira or Confluence on your company's own domain. Casebook asks your browser for access to
          each one you add, and to nothing else.
        </>
      }
    >
      {origins.length > 0 && (
        <ul className="origin-list">
          {origins.map((o) => (
            <li key={o}>
              <span className="mono">{o}</span>
              <button
                type="button"
                className="link-button small"
                aria-label={`Remove ${o}`}
                onClick={() => void remove(o)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <OriginForm kind="self-hosted" value={value} onChange={setValue} onSubmit={add} inputRef={inputRef} />
      <OutcomeStatus outcome={message} />
    </Card>
  );
}
