import type { ReactNode } from 'react';

/** Where a list will appear: what would be there, and what to do to fill it. */
export function EmptyState({
  title,
  headingLevel = 2,
  children,
}: {
  title: string;
  /** Under a page's own h2 sections (a tab panel, say), 3. */
  headingLevel?: 2 | 3;
  children: ReactNode;
}) {
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  return (
    <section className="empty-state" aria-label={title}>
      <Heading>{title}</Heading>
      <p>{children}</p>
    </section>
  );
}
