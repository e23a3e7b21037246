/**
 * Browser bundle for the Chromium benchmarks: exposes the real modules the
 * extension runs (extractors, the write module, the inbox's bulk accept, Dexie,
 * the library's search module) on `window.CasebookBench`. Built with esbuild by bench/chromium.ts;
 * never shipped.
 */
import Dexie from 'dexie';
import { extractCapture } from '../../extension/extractors';
import { saveEvidence } from '../../extension/db/write';
import { acceptAsDrafts, addCandidates } from '../../extension/db/candidates';
import { CasebookDB } from '../../extension/db';
import { EvidenceIndex, filterEvidence, NO_FILTERS } from '../../extension/search';

export {
  Dexie,
  extractCapture,
  saveEvidence,
  addCandidates,
  acceptAsDrafts,
  CasebookDB,
  EvidenceIndex,
  filterEvidence,
  NO_FILTERS,
};
