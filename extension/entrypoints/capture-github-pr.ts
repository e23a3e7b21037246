/**
 * Capture script of GitHub pull requests (`/capture-github-pr.js`): an unlisted script, in no manifest list, so it is
 * never injected on page load and adds no host permission. The side panel picks it for the page's
 * URL (../capture/scripts.ts) and injects it with `scripting.executeScript({ files })`; WXT returns
 * `main()`'s value (a `CaptureResult`, ../capture/protocol.ts) as the injection result.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { captureWith } from '../capture/run';
import { githubPr } from '../extractors/github-pr';
import { web } from '../extractors/web';

export default defineUnlistedScript(() => captureWith([githubPr, web], window));
