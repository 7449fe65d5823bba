/**
 * The issues (in one list, or under category headings) as one virtualised list in the page's own scroll: only the rows
 * near the viewport exist, so 10 000+ issues cost what 30 do. Each row is a link to its company; the list is a
 * single Tab stop, and ↑ ↓ PageUp PageDown Home End move between rows (focus follows, scrolling the row in).
 */
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { categoryLabels, type HealthIssue } from '@shared/domain/health/model';
import { usePageVirtualRows, type placeVirtualRow } from '@renderer/hooks/useVirtualRows';
import { formatDateTime, formatRelative } from '@renderer/lib/format';
import { numberFormat } from './health-format';
import { needsCustomerLink, selectionKeyOf } from './bulk/fresh-links';
import type { IssueListItem } from './issue-view';
import { severityIcons, severityWords } from '@renderer/components/severity';

const estimatedHeights = { heading: 44, issue: 68 } as const;
const pageStep = 10;

interface IssueListProps {
  items: IssueListItem[];
  /** Changes when the filters or sort change: the list starts from its top again. */
  generation: string;
  /** Height of the sticky toolbar above the list, so rows scrolled to by keyboard never hide beneath it. */
  stickyOffset: number;
  /** Each row names its category (when no heading above it does). */
  showCategory: boolean;
  onOpen(issue: HealthIssue): void;
  /**
   * Rows a customer must fix through a link get a checkbox (fresh links in bulk); selection is kept by the caller,
   * by company and connection, since rows come and go as the list scrolls. Absent: no checkbox column.
   */
  selection?: { isSelected(key: string): boolean; toggle(issue: HealthIssue): void };
}

export function IssueList({ items, generation, stickyOffset, showCategory, onOpen, selection }: IssueListProps) {
  // The page scrolls, not the list (no nested scrollbar); the thresholds form, notices and progress move it. A new
  // filter or sort is a new list, scrolled back to its top.
  const {
    listRef,
    virtualizer,
    rows: virtualRows,
    totalSize,
    place,
  } = usePageVirtualRows<HTMLDivElement>({
    count: items.length,
    estimateSize: (index) => estimatedHeights[items[index]?.kind ?? 'issue'],
    overscan: 10,
    getItemKey: (index) => items[index]?.key ?? index,
    containerSelector: '.health-page',
    stickyOffset,
    generation,
    scrollBackTo: 'list',
  });
  /** The row that takes the list's Tab stop, by issue key (stable while filters and refreshes change indexes). */
  const [activeKey, setActiveKey] = useState<string | null>(null);
  /** A row to focus once it has been rendered (after scrolling to it). */
  const pendingFocus = useRef<number | null>(null);

  useLayoutEffect(() => {
    const index = pendingFocus.current;
    if (index === null) return;
    const row = listRef.current?.querySelector<HTMLElement>(`[data-index="${index}"] .issue-row`);
    if (row) {
      pendingFocus.current = null;
      row.focus({ preventScroll: true });
    }
  });

  // The Tab stop: the active row when it is rendered, else the first rendered issue row.
  const rendered = virtualRows.map((row) => items[row.index]).filter((item) => item?.kind === 'issue');
  const tabStopKey = rendered.some((item) => item?.key === activeKey) ? activeKey : (rendered[0]?.key ?? null);

  const focusRow = (index: number) => {
    setActiveKey(items[index]?.key ?? null);
    pendingFocus.current = index;
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const from = Number((event.target as HTMLElement).closest<HTMLElement>('[data-index]')?.dataset['index']);
    if (Number.isNaN(from)) return;
    let target: number | null = null;
    switch (event.key) {
      case ' ': {
        // Space on a row selects it for fresh links (where it can be), instead of scrolling the page.
        const item = items[from];
        // The checkbox itself toggles on Space.
        if ((event.target as HTMLElement).matches('input')) return;
        if (!selection || item?.kind !== 'issue' || !needsCustomerLink(item.issue)) return;
        event.preventDefault();
        selection.toggle(item.issue);
        return;
      }
      case 'ArrowDown':
        target = nthIssue(items, from, 1);
        break;
      case 'ArrowUp':
        target = nthIssue(items, from, -1);
        break;
      case 'PageDown':
        target = nthIssue(items, from, pageStep);
        break;
      case 'PageUp':
        target = nthIssue(items, from, -pageStep);
        break;
      case 'Home':
        target = nthIssue(items, -1, 1);
        break;
      case 'End':
        target = nthIssue(items, items.length, -1);
        break;
      default:
        return;
    }
    event.preventDefault();
    if (target !== null && target !== from) focusRow(target);
  };

  return (
    <div
      ref={listRef}
      className={`issue-list virtual-rows${selection ? ' with-select' : ''}`}
      style={{ height: totalSize }}
      onKeyDown={onKeyDown}
    >
      {virtualRows.map((row) => {
        const item = items[row.index];
        if (!item) return null;
        if (item.kind === 'heading') {
          return (
            <h3 key={row.key} {...place(row)} className="issue-group-heading" data-category={item.category}>
              {categoryLabels[item.category]}{' '}
              <span className="issue-group-count">
                <span className="visually-hidden">(</span>
                {numberFormat.format(item.count)}
                <span className="visually-hidden">{item.count === 1 ? ' issue)' : ' issues)'}</span>
              </span>
            </h3>
          );
        }
        return (
          <IssueRow
            key={row.key}
            issue={item.issue}
            placement={place(row)}
            tabbable={item.key === tabStopKey}
            showCategory={showCategory}
            onFocus={() => setActiveKey(item.key)}
            onOpen={onOpen}
            selection={selection}
          />
        );
      })}
    </div>
  );
}

interface IssueRowProps {
  issue: HealthIssue;
  /** Where the virtualiser puts the row (and how it measures it). */
  placement: ReturnType<typeof placeVirtualRow>;
  tabbable: boolean;
  showCategory: boolean;
  onFocus(): void;
  onOpen(issue: HealthIssue): void;
  selection: IssueListProps['selection'];
}

function IssueRow({ issue, placement, tabbable, showCategory, onFocus, onOpen, selection }: IssueRowProps) {
  const Icon = severityIcons[issue.severity];
  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    onOpen(issue);
  };
  const selectable = selection !== undefined && needsCustomerLink(issue);
  return (
    <div {...placement} className="issue-row-frame" data-severity={issue.severity}>
      {selection && (
        <span className="issue-select">
          {selectable && (
            // Out of the Tab order (the list is one Tab stop): Space on the row toggles it, as does a click here.
            <input
              type="checkbox"
              tabIndex={-1}
              aria-label={`Select ${issue.companyName}`}
              checked={selection.isSelected(selectionKeyOf(issue))}
              onChange={() => selection.toggle(issue)}
            />
          )}
        </span>
      )}
      {/* A link, since it goes to the company's address; Enter on a link is a click, so both open it. */}
      <a
        href={`#/companies/${issue.companyId}`}
        className="issue-row"
        data-severity={issue.severity}
        tabIndex={tabbable ? 0 : -1}
        onFocus={onFocus}
        onClick={open}
      >
        <span className="issue-severity">
          <Icon aria-hidden="true" focusable="false" size={15} strokeWidth={2.25} />
          {severityWords[issue.severity]}
          <span className="visually-hidden">: </span>
        </span>
        <span className="issue-company">
          <span className="issue-company-name clamp-2" title={issue.companyName}>
            {issue.companyName}
          </span>
          <span className="visually-hidden">, </span>
          <span className="issue-platform">{issue.platformName ?? 'No connection'}</span>
        </span>
        <span className="issue-text">
          <span className="visually-hidden">. </span>
          {showCategory && (
            <span className="issue-category" data-category={issue.category}>
              {categoryLabels[issue.category]}
              <span className="visually-hidden">: </span>
            </span>
          )}
          <span className="issue-summary">{issue.summary}</span>
          <span className="issue-action">
            <span className="visually-hidden"> Next step: </span>
            {issue.action.text}
          </span>
        </span>
        <span className="issue-since">
          <span className="visually-hidden"> Since </span>
          {issue.since ? (
            <time dateTime={issue.since} title={formatDateTime(issue.since)}>
              {formatRelative(issue.since)}
            </time>
          ) : (
            <span title="The evidence does not say since when">Not known</span>
          )}
        </span>
      </a>
    </div>
  );
}

/** The issue row `count` issue rows away (negative: back), stopping at the last one there is; null if none. */
function nthIssue(items: readonly IssueListItem[], from: number, count: number): number | null {
  const step = Math.sign(count);
  let remaining = Math.abs(count);
  let last: number | null = null;
  for (let index = from + step; index >= 0 && index < items.length; index += step) {
    if (items[index]?.kind !== 'issue') continue;
    last = index;
    remaining -= 1;
    if (remaining === 0) return index;
  }
  return last;
}
