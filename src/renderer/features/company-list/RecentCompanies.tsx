import { isMac } from '@renderer/lib/platform';
import { formatDateTime, formatRelative } from '@renderer/lib/format';
import type { RecentCompany } from './recent-companies';

/** What the shortcut looks like on this OS, and how ARIA spells it. */
export function recentShortcut(index: number) {
  const digit = index + 1;
  return { label: isMac ? `⌥${digit}` : `Alt+${digit}`, aria: `Alt+${digit}` };
}

interface RecentCompaniesProps {
  id: string;
  recent: RecentCompany[];
  activeIndex: number | null;
  optionId(index: number): string;
  onOpen(company: RecentCompany): void;
}

/** The companies opened last, each one keystroke (Alt+1…8) away. */
export function RecentCompanies({ id, recent, activeIndex, optionId, onOpen }: RecentCompaniesProps) {
  return (
    <section className="recent-companies" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="section-label">
        Recent
      </h2>
      <div id={id} role="listbox" aria-label="Recent companies" className="recent-list list-shell">
        {recent.map((company, index) => {
          const shortcut = recentShortcut(index);
          const active = index === activeIndex;
          return (
            <div
              key={company.id}
              role="option"
              id={optionId(index)}
              aria-selected={active}
              aria-keyshortcuts={shortcut.aria}
              className={active ? 'recent-row is-active' : 'recent-row'}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => onOpen(company)}
            >
              <kbd className="shortcut">{shortcut.label}</kbd>
              <span className="recent-name clamp-2" title={company.name}>
                {company.name}
              </span>
              <span className="recent-when">
                <span className="visually-hidden">, </span>
                opened{' '}
                <time dateTime={company.openedAt} title={formatDateTime(company.openedAt)}>
                  {formatRelative(company.openedAt)}
                </time>
              </span>
            </div>
          );
        })}
      </div>
    </section>
  );
}
