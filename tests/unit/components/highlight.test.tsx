// @vitest-environment happy-dom
/**
 * Search matches highlighted in the Library results: EvidenceCard marks the
 * query terms in the title, claim, impact and tags with `<mark>` (case and
 * accent insensitive), as text nodes (markup in a record stays text); and the
 * LibraryTab passes the typed query down.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EvidenceCard } from '../../../extension/components/library/EvidenceCard';
import { LibraryTab } from '../../../extension/components/library/LibraryTab';
import { queryTerms } from '../../../extension/search';
import { seedEvidence } from '../helpers/seed';
import { renderPanel, resetDb, seed } from './helpers';

const [base] = seedEvidence(1);

beforeEach(async () => {
  await resetDb();
});
afterEach(() => {
  cleanup();
});

function card(terms: readonly string[], patch: Partial<typeof base> = {}) {
  const item = { ...base!, url: '', competencies: ['communication'], ...patch };
  const noop = vi.fn<() => void>();
  return render(
    <EvidenceCard
      item={item}
      competencies={item.competencies}
      names={new Map([['communication', 'Communication']])}
      selected={false}
      onSelect={noop}
      onEdit={noop}
      onDelete={noop}
      terms={terms}
    />,
  );
}

const marks = (root: HTMLElement) => [...root.querySelectorAll('mark')].map((m) => m.textContent);

describe('search highlighting', () => {
  it('marks the terms in the title, claim, impact and tags, keeping case and accents', () => {
    const { container } = card(queryTerms('tracing resume'), {
      title: 'Adopted OpenTracing',
      claim: 'Rewrote the Résumé screen',
      impact: 'p99 tracing overhead down 40%',
      tags: ['tracing-rollout', 'signal:tracing'],
    });
    expect(marks(container)).toEqual(['Tracing', 'Résumé', 'tracing', 'tracing']);
    expect(container.querySelector('.item-title')!.textContent).toBe('Adopted OpenTracing');
    expect(container.querySelector('.item-claim')!.innerHTML).toBe('Rewrote the <mark>Résumé</mark> screen');
  });

  it('renders markup in a record as text, also inside a match', () => {
    const { container } = card(queryTerms('script'), { title: '<img src=x onerror=alert(1)><script>x</script>' });
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(marks(container)).toEqual(['script', 'script']);
    expect(container.querySelector('.item-title')!.textContent).toBe('<img src=x onerror=alert(1)><script>x</script>');
  });

  it('marks nothing without a query', () => {
    const { container } = card([], { title: 'Adopted OpenTracing' });
    expect(container.querySelector('mark')).toBeNull();
  });

  it('highlights what the Library search box matched', async () => {
    const user = userEvent.setup();
    await seed({ evidence: [{ ...base!, title: 'Adopted OpenTracing in gitserver', claim: 'c', impact: '' }] });
    renderPanel(<LibraryTab active onCapture={vi.fn<() => void>()} />);
    await screen.findAllByTestId('evidence-item');
    await user.type(screen.getByTestId('library-search'), 'TRACING');
    await waitFor(() => expect(marks(document.body)).toEqual(['Tracing']));
  });
});
