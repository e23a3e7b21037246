/**
 * The side panel: four tabs (Capture, Evidence, Share, Account). Panels stay
 * mounted while hidden so a half-written claim survives a look at the list.
 */
import { useState, type KeyboardEvent } from 'react';
import { useSession } from '../hooks/useSession';
import { CaptureTab } from './CaptureTab';
import { EvidenceTab } from './EvidenceTab';
import { ShareTab } from './ShareTab';
import { AccountTab } from './AccountTab';

/** Tab ids, in display order. */
export type TabId = 'capture' | 'evidence' | 'share' | 'account';

const TABS: { id: TabId; label: string }[] = [
  { id: 'capture', label: 'Capture' },
  { id: 'evidence', label: 'Evidence' },
  { id: 'share', label: 'Share' },
  { id: 'account', label: 'Account' },
];

/** Root component of the side panel. */
export function App() {
  const [tab, setTab] = useState<TabId>('capture');
  const session = useSession();

  function onTabKey(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = TABS.findIndex((t) => t.id === tab);
    const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    if (next) {
      setTab(next.id);
      document.getElementById(`tab-${next.id}`)?.focus();
    }
  }

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            C
          </span>
          <span className="brand-name">Casebook</span>
        </div>
        <div className="tabs" role="tablist" aria-label="Casebook sections" onKeyDown={onTabKey}>
          {TABS.map((t) => (
            <button
              key={t.id}
              id={`tab-${t.id}`}
              type="button"
              role="tab"
              className="tab"
              data-testid={`tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`panel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
      </header>
      <main className="app-main">
        <section id="panel-capture" role="tabpanel" aria-labelledby="tab-capture" hidden={tab !== 'capture'}>
          <CaptureTab session={session ?? null} />
        </section>
        <section id="panel-evidence" role="tabpanel" aria-labelledby="tab-evidence" hidden={tab !== 'evidence'}>
          <EvidenceTab />
        </section>
        <section id="panel-share" role="tabpanel" aria-labelledby="tab-share" hidden={tab !== 'share'}>
          <ShareTab session={session ?? null} active={tab === 'share'} onSignIn={() => setTab('account')} />
        </section>
        <section id="panel-account" role="tabpanel" aria-labelledby="tab-account" hidden={tab !== 'account'}>
          <AccountTab session={session} />
        </section>
      </main>
    </div>
  );
}
