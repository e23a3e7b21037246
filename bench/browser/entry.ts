/**
 * Browser bundle for the Chromium benchmarks: exposes the real modules the
 * extension runs (extractors, the write module, Dexie, the library's search
 * module) on `window.CasebookBench`. Built with esbuild by bench/chromium.ts;
 * never shipped.
 */
import Dexie from 'dexie';
import { extractCapture } from '../../extension/extractors';
import { saveEvidence } from '../../extension/db/write';
import { CasebookDB } from '../../extension/db';
import { EvidenceIndex, filterEvidence, NO_FILTERS } from '../../extension/db/search';

export { Dexie, extractCapture, saveEvidence, CasebookDB, EvidenceIndex, filterEvidence, NO_FILTERS };
