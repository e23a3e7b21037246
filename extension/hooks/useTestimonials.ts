/**
 * React hooks over peer testimonials (docs/DESIGN.md "Peer testimonials"):
 * the cached list from IndexedDB (works offline) and a refresh that reads
 * `GET /api/v1/testimonials` and replaces the cache.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { quotesByEvidence, shownTestimonials, type Testimonial } from '../../shared/testimonials';
import type { CasebookApi } from '../api/client';
import { listCachedTestimonials, replaceCachedTestimonials } from '../db/testimonials';

/** Every cached testimonial, newest first (undefined while the first read runs). */
export function useCachedTestimonials(): Testimonial[] | undefined {
  return useLiveQuery(() => listCachedTestimonials(), []);
}

/** Shown (not hidden) cached testimonials by evidence id; empty until loaded. */
export function useQuotesByEvidence(): ReadonlyMap<string, Testimonial[]> {
  const all = useCachedTestimonials();
  return useMemo(() => quotesByEvidence(shownTestimonials(all ?? [])), [all]);
}

/**
 * Reads the caller's testimonials and requests from the server and replaces
 * the local cache with the testimonials.
 * @returns the server's answer (requests included).
 * @throws ApiError when the server cannot be reached or refuses.
 */
export async function refreshTestimonials(api: CasebookApi) {
  const answer = await api.listTestimonials();
  await replaceCachedTestimonials(answer.testimonials);
  return answer;
}
