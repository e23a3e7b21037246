/** Saves text as a file through a temporary object URL and a download link (no extra permission needed). */

/**
 * Starts a download of `text` as `fileName` with MIME type `type`
 * (`text/markdown`, `application/json`). The object URL is revoked afterwards.
 */
export function downloadText(text: string, fileName: string, type: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
