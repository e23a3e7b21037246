/**
 * Capture script: an unlisted script (`/capture.js`, in no manifest list, so it is never injected on page
 * load and adds no host permission). The side panel injects it with
 * `browser.scripting.executeScript({ files: ['/capture.js'] })`; WXT returns `main()`'s value (a
 * `CaptureResult`) as the injection result. An unlisted script rather than a runtime-registered content
 * script: it runs the same way but without WXT's content-script context (about 2.5 KB), which the
 * capture script's 40 KB budget needs.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { runCapture } from '../capture/run';

export default defineUnlistedScript(() => runCapture(window));
