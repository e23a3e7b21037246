/**
 * Diagnostics content script. Registered at run time only (`registration: 'runtime'`, no `matches`),
 * like the capture script: the side panel injects it after a capture with
 * `browser.scripting.executeScript({ files: ['/content-scripts/diagnostics.js'] })` and WXT returns
 * `main()`'s value (a `MarkersResult`: structural markers, no page content).
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { collectMarkers } from '../capture/markers';

export default defineContentScript({
  registration: 'runtime',
  main() {
    return collectMarkers(window);
  },
});
