import type { ReactNode } from 'react';

/** A search landmark of filters that apply as they change; Enter in one of them submits nothing. */
export function FilterForm({ label, className, children }: { label: string; className: string; children: ReactNode }) {
  return (
    <form className={className} role="search" aria-label={label} onSubmit={(event) => event.preventDefault()}>
      {children}
    </form>
  );
}
