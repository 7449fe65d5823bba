import type { HandOver } from '@shared/domain/handovers';

/** Placeholder: the completion funnel (fu-funnel) replaces this file at merge. */
export default function LinkCompletion(props: { handOvers: readonly HandOver[]; now: number }) {
  return (
    <section aria-label="Link completion" className="card">
      <h2>Link completion</h2>
      <p className="muted">{props.handOvers.length} hand-over(s) recorded.</p>
    </section>
  );
}
