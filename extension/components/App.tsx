/**
 * The side panel: seven tabs (Capture, Inbox, Library, Week, Case, Share, Account) over
 * one shared read of the evidence (`CaseDataProvider`). Capture is mounted at
 * once; the others load (code-split) and mount on first visit and then stay
 * mounted while hidden (a half-written claim or weekly log survives a look
 * elsewhere), except Case, which is computed only while shown. The URL hash picks the first tab:
 * `#week` or `#week=2026-W47` (the digest's link), `#followup=<evidence id>`
 * (the Week tab with that outcome follow-up focused), `#inbox`, `#library`, `#case`,
 * `#share`, `#account`. The header carries the sync dot (signed in only); the
 * first-run card sits above the Capture tab until dismissed. Both load in their
 * own chunks after the first paint, like the other tabs, so that the panel's
 * first-paint JS stays within the budget of docs/DESIGN.md (`npm run check:size`).
 */
import { lazy, Suspense, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useSession } from '../hooks/useSession';
import { CaseDataProvider } from '../hooks/useCaseData';
import { CaptureTab } from './CaptureTab';
import { SyncNotice } from './SyncNotice';

// Capture is in the first chunk (clipping must be instant); the other tabs load on first visit.
const LibraryTab = lazy(() => import('./library/LibraryTab').then((m) => ({ default: m.LibraryTab })));
const WeekTab = lazy(() => import('./week/WeekTab').then((m) => ({ default: m.WeekTab })));
const CaseTab = lazy(() => import('./case/CaseTab').then((m) => ({ default: m.CaseTab })));
const InboxTab = lazy(() => import('./inbox/InboxTab').then((m) => ({ default: m.InboxTab })));
const ShareTab = lazy(() => import('./ShareTab').then((m) => ({ default: m.ShareTab })));
const StoryDialog = lazy(() => import('./stories/StoryDialog').then((m) => ({ default: m.StoryDialog })));
const AccountTab = lazy(() => import('./account/AccountTab').then((m) => ({ default: m.AccountTab })));
// The sync dot (signed in only) brings the sync client and the API client: loaded after the first paint.
const SyncDot = lazy(() => import('./SyncDot').then((m) => ({ default: m.SyncDot })));
// The first-run card shows nothing until its stored state is read; its chunk loads alongside that read.
const FirstRunCard = lazy(() => import('./FirstRunCard').then((m) => ({ default: m.FirstRunCard })));

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<p className="muted pad">Loading…</p>}>{children}</Suspense>;
}

/** Tab ids, in display order. `evidence` is the Library (its id predates the name). */
export type TabId = 'capture' | 'inbox' | 'evidence' | 'week' | 'case' | 'share' | 'account';

const TABS: { id: TabId; label: string; hash: string }[] = [
  { id: 'capture', label: 'Capture', hash: 'capture' },
  { id: 'inbox', label: 'Inbox', hash: 'inbox' },
  { id: 'evidence', label: 'Library', hash: 'library' },
  { id: 'week', label: 'Week', hash: 'week' },
  { id: 'case', label: 'Case', hash: 'case' },
  { id: 'share', label: 'Share', hash: 'share' },
  { id: 'account', label: 'Account', hash: 'account' },
];

/**
 * The tab and ISO week named by a URL hash such as `#week=2026-W47`; `#followup=ID`
 * gives the Week tab and the evidence id of a follow-up.
 */
export function parseHash(hash: string): { tab: TabId; week?: string; followUp?: string } {
  const f = /^#?followup=([0-9A-HJKMNP-TV-Z]{26})$/.exec(hash);
  if (f) return { tab: 'week', followUp: f[1] };
  const m = /^#?([a-z]+)(?:=(\d{4}-W\d{2}))?$/.exec(hash);
  const tab = TABS.find((t) => t.hash === m?.[1])?.id ?? 'capture';
  return m?.[2] && tab === 'week' ? { tab, week: m[2] } : { tab };
}

/** Root component of the side panel. */
export function App({ hash = typeof location === 'undefined' ? '' : location.hash }: { hash?: string }) {
  const [initial] = useState(() => parseHash(hash));
  const [tab, setTab] = useState<TabId>(initial.tab);
  const [visited, setVisited] = useState<ReadonlySet<TabId>>(() => new Set([initial.tab]));
  const session = useSession();

  function open(id: TabId) {
    setTab(id);
    if (!visited.has(id)) setVisited(new Set([...visited, id]));
  }

  function onTabKey(e: KeyboardEvent<HTMLDivElement>) {
    const i = TABS.findIndex((t) => t.id === tab);
    let next: (typeof TABS)[number] | undefined;
    if (e.key === 'ArrowRight') next = TABS[(i + 1) % TABS.length];
    else if (e.key === 'ArrowLeft') next = TABS[(i + TABS.length - 1) % TABS.length];
    else if (e.key === 'Home') next = TABS[0];
    else if (e.key === 'End') next = TABS[TABS.length - 1];
    if (!next) return;
    e.preventDefault();
    open(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  }

  // The packet's heading: the display name from Settings (CaseTab), else this neutral word, never the e-mail.
  const ownerName = 'Me';

  return (
    <CaseDataProvider>
      <Suspense fallback={null}>
        <StoryDialog />
      </Suspense>
      <div className="app">
        <header className="app-header">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              C
            </span>
            <span className="brand-name">Casebook</span>
            {session && (
              <Suspense fallback={null}>
                <SyncDot />
              </Suspense>
            )}
          </div>
          {/* Roving tabindex: the tab buttons take focus; the list handles the arrow keys. */}
          {/* oxlint-disable-next-line jsx-a11y/interactive-supports-focus */}
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
                onClick={() => open(t.id)}
              >
                {t.label}
              </button>
            ))}
          </div>
        </header>
        <main className="app-main">
          <SyncNotice onReview={() => open('account')} />
          <section id="panel-capture" role="tabpanel" aria-labelledby="tab-capture" hidden={tab !== 'capture'}>
            <Suspense fallback={null}>
              <FirstRunCard />
            </Suspense>
            <CaptureTab session={session ?? null} />
          </section>
          <section id="panel-inbox" role="tabpanel" aria-labelledby="tab-inbox" hidden={tab !== 'inbox'}>
            {visited.has('inbox') && (
              <Lazy>
                <InboxTab onOpenConnections={() => open('account')} />
              </Lazy>
            )}
          </section>
          <section id="panel-evidence" role="tabpanel" aria-labelledby="tab-evidence" hidden={tab !== 'evidence'}>
            {visited.has('evidence') && (
              <Lazy>
                <LibraryTab active={tab === 'evidence'} onCapture={() => open('capture')} />
              </Lazy>
            )}
          </section>
          <section id="panel-week" role="tabpanel" aria-labelledby="tab-week" hidden={tab !== 'week'}>
            {visited.has('week') && (
              <Lazy>
                <WeekTab initialWeek={initial.week} followUp={initial.followUp} />
              </Lazy>
            )}
          </section>
          <section id="panel-case" role="tabpanel" aria-labelledby="tab-case" hidden={tab !== 'case'}>
            {tab === 'case' && (
              <Lazy>
                <CaseTab ownerName={ownerName} onOpenLibrary={() => open('evidence')} />
              </Lazy>
            )}
          </section>
          <section id="panel-share" role="tabpanel" aria-labelledby="tab-share" hidden={tab !== 'share'}>
            {visited.has('share') && (
              <Lazy>
                <ShareTab session={session ?? null} active={tab === 'share'} onSignIn={() => open('account')} />
              </Lazy>
            )}
          </section>
          <section id="panel-account" role="tabpanel" aria-labelledby="tab-account" hidden={tab !== 'account'}>
            {visited.has('account') && (
              <Lazy>
                <AccountTab session={session} />
              </Lazy>
            )}
          </section>
        </main>
      </div>
    </CaseDataProvider>
  );
}
