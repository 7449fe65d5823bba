/**
 * One tab of the Inbox: its issues as one virtualised list in the page's own scroll, and the action bar above them
 * (Select all, Acknowledge, Snooze, Mute or Unmute), which keeps its place and size whatever is selected.
 *
 * Keyboard triage: J/K (or ↓/↑ in the list) move the active row, Shift+↓/↑ select as they move, Space selects the
 * row, Enter opens its company, A acknowledges, S opens the snooze menu, M mutes (Unmute in the Muted tab). The
 * actions take the selected issues, or the active one when none is selected. Letters never act while typing in
 * a field or with a dialog open. A row that leaves the tab hands the keyboard to the row that took its place.
 */
import { BellOff, Bell, Check, ChevronDown } from 'lucide-react';
import {
  useEffect,
  useEffectEvent,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
  type MouseEvent,
} from 'react';
import type { InboxIssue, InboxState } from '@shared/domain/inbox';
import { ActionButton } from '@renderer/components/ActionButton';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { severityIcons, severityWords } from '@renderer/components/severity';
import { StickyBar } from '@renderer/components/StickyBar';
import { useElementHeight } from '@renderer/hooks/useElementHeight';
import { usePageVirtualRows, type placeVirtualRow } from '@renderer/hooks/useVirtualRows';
import { formatDateTime, formatRelative } from '@renderer/lib/format';
import { singleKey, singleKeyAllowed } from '@renderer/lib/shortcuts';
import { useAppStore } from '@renderer/stores/app-store';
import { IssueDetails } from './IssueDetails';
import { SnoozeMenu } from './SnoozeMenu';
import { useInboxActions, type TriageAction } from './useInboxActions';

const keys = { acknowledge: singleKey('a'), snooze: singleKey('s'), mute: singleKey('m') } as const;
const pageStep = 10;

/** Why an action does nothing in a tab (null: it does something). */
const unavailableIn: Record<InboxState, Record<'acknowledge' | 'snooze' | 'mute', string | null>> = {
  new: { acknowledge: null, snooze: null, mute: null },
  acknowledged: { acknowledge: 'These are acknowledged already.', snooze: null, mute: null },
  snoozed: { acknowledge: null, snooze: null, mute: null },
  resolved: {
    acknowledge: 'A resolved issue is not there any more: it comes back as New if it is seen again.',
    snooze: 'A resolved issue is not there any more: it comes back as New if it is seen again.',
    mute: null,
  },
  muted: { acknowledge: 'Unmute an issue first.', snooze: 'Unmute an issue first.', mute: null },
};

/**
 * A single key for triage: as any single-key shortcut, and also from a row's checkbox (ticking boxes with the
 * mouse, then pressing A, is the usual way to act on several).
 */
function triageKeyAllowed(event: KeyboardEvent): boolean {
  if (singleKeyAllowed(event)) return true;
  const target = event.target;
  if (!(target instanceof HTMLInputElement) || target.type !== 'checkbox' || !target.closest('.inbox-page')) {
    return false;
  }
  if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return false;
  if (event.repeat || event.isComposing || event.defaultPrevented || event.key.length !== 1) return false;
  return document.querySelector('dialog[open], [role="dialog"], [role="alertdialog"]') === null;
}

interface InboxTriageProps {
  tab: InboxState;
  rows: InboxIssue[];
  now: number;
}

export function InboxTriage({ tab, rows, now }: InboxTriageProps) {
  const actions = useInboxActions();
  const [activeKey, setActiveKey] = useState<string | null>(rows[0]?.key ?? null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  /** Where a Shift+arrow selection started, and what was selected before it. */
  const anchor = useRef<{ key: string; base: ReadonlySet<string> } | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [snoozeOpen, setSnoozeOpen] = useState(false);
  const snoozeButton = useRef<HTMLButtonElement>(null);
  const snoozeReturn = useRef<HTMLElement | null>(null);
  const snoozeTargets = useRef<InboxIssue[]>([]);
  const bar = useElementHeight<HTMLDivElement>();
  const selectAllRef = useRef<HTMLInputElement>(null);
  const detailsBaseId = useId();
  const barHintId = useId();

  const indexOf = useMemo(() => new Map(rows.map((row, index) => [row.key, index])), [rows]);
  const {
    listRef,
    virtualizer,
    rows: virtualRows,
    totalSize,
    place,
  } = usePageVirtualRows<HTMLDivElement>({
    count: rows.length,
    estimateSize: (index) => (expanded.has(rows[index]?.key ?? '') ? 320 : 84),
    overscan: 10,
    getItemKey: (index) => rows[index]?.key ?? index,
    containerSelector: '.inbox-page',
    stickyOffset: bar.height,
    generation: tab,
    scrollBackTo: 'list',
  });

  /** A row to focus once it has been rendered (after scrolling to it). */
  const pendingFocus = useRef<number | null>(null);
  useLayoutEffect(() => {
    const index = pendingFocus.current;
    if (index === null) return;
    const row = listRef.current?.querySelector<HTMLElement>(`[data-index="${index}"] .inbox-row`);
    if (row) {
      pendingFocus.current = null;
      row.focus({ preventScroll: true });
    }
  });
  const focusRow = (index: number) => {
    const row = rows[index];
    if (!row) return;
    setActiveKey(row.key);
    virtualizer.scrollToIndex(index, { align: 'auto' });
    const rendered = listRef.current?.querySelector<HTMLElement>(`[data-index="${index}"] .inbox-row`);
    if (rendered) rendered.focus({ preventScroll: true });
    else pendingFocus.current = index;
  };

  // Rows leave the tab (acknowledged, snoozed, muted, resolved by a round): the active one's place goes to the row
  // after it (or the last), and the keyboard with it when it was in the list; selections keep only what is here.
  const lastActiveIndex = useRef(0);
  useLayoutEffect(() => {
    setSelected((current) => {
      const kept = [...current].filter((key) => indexOf.has(key));
      return kept.length === current.size ? current : new Set(kept);
    });
    if (activeKey !== null && indexOf.has(activeKey)) {
      lastActiveIndex.current = indexOf.get(activeKey) ?? 0;
      return;
    }
    const index = Math.min(lastActiveIndex.current, rows.length - 1);
    const next = rows[index];
    setActiveKey(next?.key ?? null);
    if (!next) return;
    const focused = document.activeElement;
    if (!focused || focused === document.body || listRef.current?.contains(focused)) focusRow(index);
    // focusRow is recreated each render; the rows and the active key are what matter.
  }, [indexOf, activeKey]);

  /** What the actions take: the selected rows, or else the active one. */
  const targets = (): InboxIssue[] =>
    selected.size > 0 ? rows.filter((row) => selected.has(row.key)) : rows.filter((row) => row.key === activeKey);
  const what = (items: InboxIssue[]) =>
    items.length === 1 ? (items[0]?.issue.companyName ?? '') : `${items.length} issues`;
  const muteAction: TriageAction = tab === 'muted' ? 'unmute' : 'mute';
  const current = targets();
  const noTarget = current.length === 0 ? 'Nothing to act on: select an issue first.' : null;
  const unavailable = (action: 'acknowledge' | 'snooze' | 'mute') => unavailableIn[tab][action] ?? noTarget;

  const act = async (action: TriageAction, items: InboxIssue[], until?: Date) => {
    const kind = action === 'unmute' ? 'mute' : action;
    if (items.length === 0 || unavailableIn[tab][kind] !== null) return;
    anchor.current = null;
    await actions.run(
      action,
      items.map((item) => item.key),
      what(items),
      until,
    );
  };

  const openSnooze = (returnTo: HTMLElement | null) => {
    if (unavailable('snooze') !== null || actions.busy) return;
    snoozeTargets.current = targets();
    snoozeReturn.current = returnTo;
    setSnoozeOpen(true);
  };

  const move = (to: number, extend: boolean) => {
    const from = activeKey === null ? 0 : (indexOf.get(activeKey) ?? 0);
    const target = Math.max(0, Math.min(rows.length - 1, to));
    if (extend) {
      const fromKey = rows[from]?.key;
      if (!anchor.current && fromKey) anchor.current = { key: fromKey, base: selected };
      const start = indexOf.get(anchor.current?.key ?? '') ?? from;
      const range = rows.slice(Math.min(start, target), Math.max(start, target) + 1).map((row) => row.key);
      setSelected(new Set([...(anchor.current?.base ?? []), ...range]));
    } else anchor.current = null;
    focusRow(target);
  };
  const activeIndex = () => (activeKey === null ? 0 : (indexOf.get(activeKey) ?? 0));

  const toggle = (key: string) => {
    anchor.current = null;
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  };

  // J/K, A, S, M from anywhere on the page (not while typing, not over a dialog).
  const onPageKey = useEffectEvent((event: KeyboardEvent) => {
    if (!triageKeyAllowed(event)) return;
    const inList = listRef.current?.contains(event.target as Node) ?? false;
    switch (event.key.toLowerCase()) {
      case 'j':
      case 'k':
        // The first press from elsewhere on the page shows where the list stands.
        if (!inList) focusRow(activeIndex());
        else move(activeIndex() + (event.key.toLowerCase() === 'j' ? 1 : -1), false);
        break;
      case 'a':
        void act('acknowledge', targets());
        break;
      case 's':
        openSnooze(document.activeElement instanceof HTMLElement ? document.activeElement : null);
        break;
      case 'm':
        void act(muteAction, targets());
        break;
      default:
        return;
    }
    event.preventDefault();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onPageKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const onListKey = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const from = Number((event.target as HTMLElement).closest<HTMLElement>('[data-index]')?.dataset['index']);
    if (Number.isNaN(from)) return;
    // Keys typed inside an opened issue's details (its report text) are its own.
    if ((event.target as HTMLElement).closest('.inbox-details')) return;
    switch (event.key) {
      case 'ArrowDown':
        move(from + 1, event.shiftKey);
        break;
      case 'ArrowUp':
        move(from - 1, event.shiftKey);
        break;
      case 'PageDown':
        if (event.shiftKey) return;
        move(from + pageStep, false);
        break;
      case 'PageUp':
        if (event.shiftKey) return;
        move(from - pageStep, false);
        break;
      case 'Home':
        if (event.shiftKey) return;
        move(0, false);
        break;
      case 'End':
        if (event.shiftKey) return;
        move(rows.length - 1, false);
        break;
      case ' ': {
        // Space on a row selects it (the checkbox and the History button keep their own Space).
        if (event.shiftKey || (event.target as HTMLElement).matches('input, button')) return;
        const key = rows[from]?.key;
        if (key) toggle(key);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.key));
  const someSelected = selected.size > 0 && !allSelected;
  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = someSelected;
  }, [someSelected]);

  const busy = actions.busy;
  const selectionWords =
    selected.size === 0
      ? current.length === 1
        ? `Acting on ${current[0]?.issue.companyName ?? ''}`
        : ''
      : `${selected.size} selected`;
  const muteUnavailable = unavailable('mute');
  const acknowledgeUnavailable = unavailable('acknowledge');

  return (
    <>
      <StickyBar className="inbox-bar" ref={bar.ref}>
        <label className="choice inbox-select-all">
          <input
            ref={selectAllRef}
            type="checkbox"
            checked={allSelected}
            onChange={() => {
              anchor.current = null;
              setSelected(allSelected ? new Set() : new Set(rows.map((row) => row.key)));
            }}
          />
          Select all
        </label>
        <span className="inbox-selection" aria-live="polite">
          {selectionWords}
        </span>
        <div className="inbox-actions">
          <ActionButton
            Icon={Check}
            busy={busy === 'acknowledge'}
            aria-disabled={acknowledgeUnavailable !== null || busy !== null || undefined}
            aria-keyshortcuts={keys.acknowledge.aria}
            aria-describedby={acknowledgeUnavailable ? `${barHintId}-acknowledge` : undefined}
            title={acknowledgeUnavailable ?? `Seen and being handled: it leaves New (${keys.acknowledge.label})`}
            onClick={() => void act('acknowledge', targets())}
          >
            Acknowledge
          </ActionButton>
          <span id={`${barHintId}-acknowledge`} hidden>
            {acknowledgeUnavailable ?? ''}
          </span>
          <SnoozeMenu
            open={snoozeOpen}
            onOpen={() => openSnooze(snoozeButton.current)}
            onClose={() => setSnoozeOpen(false)}
            returnFocusTo={snoozeReturn}
            onChoose={(until) => void act('snooze', snoozeTargets.current, until)}
            unavailable={unavailable('snooze')}
            busy={busy === 'snooze'}
            buttonRef={snoozeButton}
            shortcut={keys.snooze.aria}
          />
          <ActionButton
            Icon={tab === 'muted' ? Bell : BellOff}
            busy={busy === 'mute' || busy === 'unmute'}
            aria-disabled={muteUnavailable !== null || busy !== null || undefined}
            aria-keyshortcuts={keys.mute.aria}
            aria-describedby={muteUnavailable ? `${barHintId}-mute` : undefined}
            title={
              muteUnavailable ??
              (tab === 'muted'
                ? `Back to the inbox: notified again (${keys.mute.label})`
                : `Never notified again; listed under Muted (${keys.mute.label})`)
            }
            onClick={() => void act(muteAction, targets())}
          >
            {tab === 'muted' ? 'Unmute' : 'Mute'}
          </ActionButton>
          <span id={`${barHintId}-mute`} hidden>
            {muteUnavailable ?? ''}
          </span>
        </div>
      </StickyBar>
      <p className="action-message inbox-message" role="status">
        {actions.message}
      </p>
      {actions.failure && <ErrorNotice error={actions.failure.error} title={actions.failure.title} />}
      <div
        ref={listRef}
        className="inbox-list virtual-rows"
        style={{ height: totalSize }}
        onKeyDown={onListKey}
        aria-label={`Issues: J and K move, A acknowledges, S snoozes, M ${tab === 'muted' ? 'unmutes' : 'mutes'}`}
        role="group"
      >
        {virtualRows.map((virtualRow) => {
          const row = rows[virtualRow.index];
          if (!row) return null;
          return (
            <InboxRow
              key={virtualRow.key}
              item={row}
              now={now}
              placement={place(virtualRow)}
              active={row.key === activeKey}
              selected={selected.has(row.key)}
              expanded={expanded.has(row.key)}
              detailsId={`${detailsBaseId}-${virtualRow.index}`}
              onFocus={() => setActiveKey(row.key)}
              onToggle={() => toggle(row.key)}
              onExpand={() =>
                setExpanded((current) => {
                  const next = new Set(current);
                  if (next.has(row.key)) next.delete(row.key);
                  else next.add(row.key);
                  return next;
                })
              }
            />
          );
        })}
      </div>
    </>
  );
}

interface InboxRowProps {
  item: InboxIssue;
  now: number;
  placement: ReturnType<typeof placeVirtualRow>;
  /** The list's Tab stop, and where J/K and the actions stand. */
  active: boolean;
  selected: boolean;
  expanded: boolean;
  detailsId: string;
  onFocus(): void;
  onToggle(): void;
  onExpand(): void;
}

function InboxRow(props: InboxRowProps) {
  const { item, now, placement, active, selected, expanded, detailsId } = props;
  const { issue } = item;
  const Icon = severityIcons[issue.severity];
  const summaryId = `${detailsId}-summary`;
  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    useAppStore.getState().openCompany(issue.companyId, issue.connectionId);
  };
  return (
    <div
      {...placement}
      className="inbox-row-frame"
      data-severity={issue.severity}
      data-active={active || undefined}
      data-selected={selected || undefined}
    >
      <span className="inbox-select">
        {/* Out of the Tab order (the list is one Tab stop): Space on the row toggles it, as does a click here. */}
        <input
          type="checkbox"
          tabIndex={-1}
          aria-label={`Select ${issue.companyName}`}
          aria-describedby={summaryId}
          checked={selected}
          onChange={props.onToggle}
        />
      </span>
      {/* A link, since it goes to the company's address; Enter on a link is a click, so both open it. */}
      <a
        href={`#/companies/${issue.companyId}`}
        className="inbox-row"
        tabIndex={active ? 0 : -1}
        onFocus={props.onFocus}
        onClick={open}
      >
        <span className="inbox-severity">
          <Icon aria-hidden="true" focusable="false" size={15} strokeWidth={2.25} />
          {severityWords[issue.severity]}
          <span className="visually-hidden">: </span>
        </span>
        <span className="inbox-company">
          <span className="inbox-company-name clamp-2" title={issue.companyName}>
            {issue.companyName}
          </span>
          <span className="visually-hidden">, </span>
          <span className="inbox-platform">{issue.platformName ?? 'No connection'}</span>
        </span>
        <span className="inbox-text">
          <span className="visually-hidden">. </span>
          <span id={summaryId} className="inbox-summary">
            {issue.summary}
          </span>
          {item.reopenedCount > 0 && item.state === 'new' && (
            <span className="inbox-tag">
              <span className="visually-hidden"> </span>
              {item.reopenedCount === 1 ? 'Reopened' : `Reopened ${item.reopenedCount} times`}
            </span>
          )}
          <span className="inbox-next">
            <span className="visually-hidden"> Next step: </span>
            {issue.action.text}
          </span>
        </span>
        <span className="inbox-times">
          <span>
            <span className="visually-hidden">. </span>First seen{' '}
            <time dateTime={item.firstSeenAt} title={formatDateTime(item.firstSeenAt)}>
              {formatRelative(item.firstSeenAt, now)}
            </time>
          </span>
          <span>
            <span className="visually-hidden">, </span>Last seen{' '}
            <time dateTime={item.lastSeenAt} title={formatDateTime(item.lastSeenAt)}>
              {formatRelative(item.lastSeenAt, now)}
            </time>
          </span>
          {item.state === 'snoozed' && item.snoozedUntil && (
            <span>
              <span className="visually-hidden">, </span>Back{' '}
              <time dateTime={item.snoozedUntil} title={formatDateTime(item.snoozedUntil)}>
                {formatRelative(item.snoozedUntil, now)}
              </time>
            </span>
          )}
        </span>
      </a>
      <button
        type="button"
        className="button button-small inbox-expand"
        aria-expanded={expanded}
        aria-controls={expanded ? detailsId : undefined}
        // The active row's second Tab stop; the others are reached by moving to their row first.
        tabIndex={active ? 0 : -1}
        onFocus={props.onFocus}
        onClick={props.onExpand}
      >
        History
        <ChevronDown aria-hidden="true" size={14} className="menu-chevron" />
      </button>
      {expanded && <IssueDetails id={detailsId} item={item} />}
    </div>
  );
}
