/**
 * The page side of a capture (what the content script bundles) must not import zod or the shared
 * schemas' values: it keeps each capture script under its 25 KiB budget. Follows the static imports of
 * extension/capture/run.ts and fails on any that reaches zod.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers';

/** Value imports (not `import type`) of a TypeScript file. */
function valueImports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]!);
}

function closure(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const deps = valueImports(file);
    seen.set(file, deps);
    for (const d of deps) {
      if (!d.startsWith('.')) continue;
      const base = resolve(dirname(file), d);
      const candidates = [`${base}.ts`, resolve(base, 'index.ts')];
      const hit = candidates.find((c) => {
        try {
          readFileSync(c);
          return true;
        } catch {
          return false;
        }
      });
      if (hit) visit(hit);
    }
  };
  visit(entry);
  return seen;
}

describe('capture content script imports', () => {
  it('reaches every extractor and no zod', () => {
    const graph = closure(resolve(ROOT, 'extension/capture/run.ts'));
    const files = [...graph.keys()].map((f) => f.slice(ROOT.length + 1));
    expect(files).toEqual(
      expect.arrayContaining(['extension/extractors/jira/index.ts', 'extension/extractors/confluence/index.ts']),
    );
    const offenders = [...graph.entries()].filter(([, deps]) =>
      deps.some((d) => d === 'zod' || d.startsWith('zod/') || d.endsWith('shared/schemas')),
    );
    expect(offenders.map(([f]) => f.slice(ROOT.length + 1))).toEqual([]);
  });
});
