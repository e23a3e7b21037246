/**
 * Diagnostics script: an unlisted script (`/diagnostics.js`) like the capture script. The side panel
 * injects it after a capture with `browser.scripting.executeScript({ files: ['/diagnostics.js'] })` and
 * WXT returns `main()`'s value (a `MarkersResult`: structural markers, no page content).
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { collectMarkers } from '../capture/markers';

export default defineUnlistedScript(() => collectMarkers(window));
