/**
 * Settings section "Capture diagnostics": one button that copies what the last capture in this panel
 * found about the page's structure (extractor id, facts it missed, markers present as counts and
 * booleans, origin and route shape; see extension/capture/diagnostics.ts), so a user can report a
 * page that changed under us in one paste. No page content is copied.
 */
import { useEffect, useState } from 'react';
import { describeMissing, diagnosticsText, lastDiagnostics, onDiagnostics } from '../../capture/diagnostics';
import { FormStatus } from '../form/FormStatus';
import { Card } from '../common/Card';

/** The "Capture diagnostics" card with its "Copy diagnostics" button and a preview of what it copies. */
export function DiagnosticsSection() {
  const [diag, setDiag] = useState(lastDiagnostics);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useEffect(() => onDiagnostics(() => setDiag(lastDiagnostics())), []);
  const text = diagnosticsText(diag);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <Card titleId="diagnostics-title" title="Capture diagnostics" testId="diagnostics-settings">
      <p className="muted small">
        {diag
          ? `Last page read: ${diag.extractor} (${diag.origin}${diag.route}). ${
              diag.missing.length ? `${describeMissing(diag.missing)}.` : 'Every expected fact was found.'
            }`
          : 'No page read yet in this panel.'}{' '}
        The report names the page structure only: no titles, names or addresses beyond the site.
      </p>
      <div className="actions">
        <button type="button" className="button secondary" data-testid="copy-diagnostics" onClick={() => void copy()}>
          Copy diagnostics
        </button>
        <FormStatus tone="saved" inline message={copied === 'yes' && 'Copied'} />
      </div>
      {copied === 'failed' && (
        <>
          <FormStatus message="The clipboard is not available here. Select the report below and copy it." />
          <textarea className="input" readOnly rows={8} value={text} data-testid="diagnostics-text" />
        </>
      )}
    </Card>
  );
}
