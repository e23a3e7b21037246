/**
 * Evidence inputs for unit tests, built from a real GitHub REST answer
 * (tests/fixtures/github/rest-pull-merged-artsy-emission-327.json, see SOURCES.md).
 */
import { readFileSync } from 'node:fs';
import { afterEach } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { EvidenceInput } from '../../../extension/db/write';
import { CasebookDB } from '../../../extension/db/index';

interface RestPull {
  html_url: string;
  title: string;
  number: number;
  merged_at: string;
  additions: number;
  deletions: number;
  changed_files: number;
  commits: number;
  user: { login: string };
  merged_by: { login: string };
  base: { repo: { full_name: string } };
}

const pr = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../../fixtures/github/rest-pull-merged-artsy-emission-327.json', import.meta.url)),
    'utf8',
  ),
) as RestPull;

/** The fixture PR as evidence (`n` > 0 makes a distinct copy: different URL and title). */
export function prEvidence(n = 0): EvidenceInput {
  return {
    source: 'github-pr',
    kind: 'pull-request',
    role: 'author',
    url: n ? `${pr.html_url.replace(/\/\d+$/, '')}/${pr.number + n}` : pr.html_url,
    title: n ? `${pr.title} (${n})` : pr.title,
    occurredOn: pr.merged_at.slice(0, 10),
    claim: 'I drove the Gene view controller design and split it into metadata and trending artists.',
    impact: 'Shipped the Gene page on iOS for the October release.',
    metrics: [
      { label: 'Lines added', value: pr.additions },
      { label: 'Lines deleted', value: pr.deletions },
    ],
    competencies: ['ownership', 'technical-leadership'],
    tags: [],
    people: [pr.merged_by.login],
    meta: {
      repo: pr.base.repo.full_name,
      number: pr.number + n,
      state: 'merged',
      author: pr.user.login,
      mergedAt: pr.merged_at,
      additions: pr.additions,
      deletions: pr.deletions,
      changedFiles: pr.changed_files,
      commits: pr.commits,
    },
    privateNote: 'Ask Orta for a peer review quote.',
  };
}

let counter = 0;
/** A fresh, empty database with a unique name. */
export function freshDb(): CasebookDB {
  counter++;
  return new CasebookDB(`casebook-test-${counter}-${Math.random().toString(36).slice(2)}`);
}

/**
 * For a test file: `newDb()` gives a fresh database (see `freshDb`), and each
 * one is deleted after the test that made it (registers an `afterEach`).
 */
export function freshDbsPerTest(): () => CasebookDB {
  const dbs: CasebookDB[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.delete();
  });
  return () => {
    const db = freshDb();
    dbs.push(db);
    return db;
  };
}
