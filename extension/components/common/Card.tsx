/**
 * A titled card of the panel: `<section class="card">` (or a `<form>`)
 * labelled by its `<h2 class="card-title">`, with an optional muted intro line
 * under the title. The Account tab's settings, the case view's cards and the
 * log-out confirmation share it.
 */
import type { FormEvent, ReactNode } from 'react';

/** Props of {@link Card}. */
export interface CardProps {
  /** Id of the title; the card is labelled by it (`aria-labelledby`). */
  titleId: string;
  title: ReactNode;
  /** `data-testid` of the card. */
  testId?: string;
  /** The muted line under the title (`<p class="muted small">`). */
  intro?: ReactNode;
  /** Render a `<form>` with this submit handler instead of a `<section>`. */
  onSubmit?: (e: FormEvent<HTMLFormElement>) => void;
  children?: ReactNode;
}

/** `<section class="card" aria-labelledby>` with its title, intro and content. */
export function Card({ titleId, title, testId, intro, onSubmit, children }: CardProps) {
  const body = (
    <>
      <h2 className="card-title" id={titleId}>
        {title}
      </h2>
      {intro ? <p className="muted small">{intro}</p> : null}
      {children}
    </>
  );
  return onSubmit ? (
    <form className="card" onSubmit={onSubmit} aria-labelledby={titleId} data-testid={testId}>
      {body}
    </form>
  ) : (
    <section className="card" aria-labelledby={titleId} data-testid={testId}>
      {body}
    </section>
  );
}
