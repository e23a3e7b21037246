/**
 * Capture content script. Registered at run time only (`registration: 'runtime'`,
 * no `matches`): it is never injected on page load and adds no host permission.
 * The side panel injects it with `browser.scripting.executeScript({ files:
 * ['/content-scripts/capture.js'] })`; WXT returns `main()`'s value (a
 * `CaptureResult`) as the injection result.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { runCapture } from '../capture/run';

export default defineContentScript({
  registration: 'runtime',
  main() {
    return runCapture(window);
  },
});
