/**
 * Follow-ups: every link handed over from this console, grouped by what to do next, with a fresh link one
 * press away. Main keeps and watches the hand-overs; this page shows them, by the renderer's clock.
 */
import './followups.css';
import { RefreshCw, Trash2 } from 'lucide-react';
import { lazy, Suspense, useCallback, useEffect, useId, useMemo, useRef, useState, type FocusEvent } from 'react';
import { isHandOverDone, type HandOver } from '@shared/domain/handovers';
import type { BridgeError } from '@shared/result';
import { ActionButton } from '@renderer/components/ActionButton';
import { EmptyState } from '@renderer/components/EmptyState';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Field } from '@renderer/components/Field';
import { FilterForm } from '@renderer/components/FilterForm';
import { SkeletonRows } from '@renderer/components/Skeleton';
import { useNow } from '@renderer/hooks/useNow';
import { ageInWords, formatDateTime, waitInWords } from '@renderer/lib/format';
import { InviteComposer } from '@renderer/app/invite-composer';
import { FollowUpGroup } from './FollowUpGroup';
import { useFollowUpsFeed, useFollowUpsStore, type FollowUpList } from './followups-store';
import { followUpGroups, groupOf, olderThanActionWindow, type FollowUpGroupId } from './groups';
import { useFollowUpActions } from './useFollowUpActions';

const LinkCompletion = lazy(() => import('./completion/LinkCompletion'));

interface Filters {
  who: 'everyone' | 'mine';
  platform: string;
  group: FollowUpGroupId | '';
}

/** Soonest first for links still working; most recent first for what has happened. */
function sortWithin(group: FollowUpGroupId, items: HandOver[]): HandOver[] {
  const expiry = (item: HandOver) => Date.parse(item.link.expiresAt);
  const lastNews = (item: HandOver) => Date.parse(item.endedAt ?? item.changedAt ?? item.at);
  if (group === 'expiring' || group === 'waiting') return items.sort((a, b) => expiry(a) - expiry(b));
  // Main marks a link expired at its next check: the link's own expiry is when it happened.
  if (group === 'expired') return items.sort((a, b) => expiry(b) - expiry(a));
  return items.sort((a, b) => lastNews(b) - lastNews(a));
}

export default function FollowUpsPage() {
  useFollowUpsFeed();
  const { list, error, loading, load } = useFollowUpsStore();
  if (!list) {
    if (error) {
      return (
        <div className="followups-page">
          <ErrorNotice error={error} title="Could not read the follow-ups." />
          <p>
            <button type="button" className="button" onClick={() => void load()}>
              Try again
            </button>
          </p>
        </div>
      );
    }
    return (
      <div className="followups-page" aria-busy={loading || undefined}>
        <SkeletonRows rows={4} label="Reading follow-ups…" />
      </div>
    );
  }
  if (list.handOvers.length === 0) {
    return (
      <div className="followups-page">
        <WatchLine list={list} />
        <EmptyState title="No follow-ups yet">
          Open a company, press “Hand over link” on one of its connections, and copy, open or send the link: Linkdesk
          follows it here until the customer has linked and the first sync has finished, and reminds you before it
          expires.
        </EmptyState>
      </div>
    );
  }
  return <FollowUpsList list={list} readError={error} />;
}

function FollowUpsList({ list, readError }: { list: FollowUpList; readError: BridgeError | null }) {
  const now = useNow(5_000);
  const [filters, setFilters] = useState<Filters>({ who: 'everyone', platform: '', group: '' });
  const filter = (patch: Partial<Filters>) => setFilters((current) => ({ ...current, ...patch }));
  const actions = useFollowUpActions();
  const clearHintId = useId();
  const [clearing, setClearing] = useState(false);
  const [clearMessage, setClearMessage] = useState('');
  const [clearFailure, setClearFailure] = useState<BridgeError | null>(null);
  /** Where the keyboard goes back to when the composer closes (the row may have moved meanwhile). */
  const returnFocus = useRef<HTMLElement | null>(null);
  /** The row button that last had the keyboard, followed when its row moves. */
  const lastFocus = useRef<{ connectionId: string; action: 'send' | 'copy' } | null>(null);

  const platforms = useMemo(
    () => [...new Set(list.handOvers.map((item) => item.connection.platformName))].sort((a, b) => a.localeCompare(b)),
    [list.handOvers],
  );
  const grouped = useMemo(() => {
    const byGroup = new Map<FollowUpGroupId, HandOver[]>();
    for (const item of list.handOvers) {
      if (filters.who === 'mine' && item.by !== list.you) continue;
      if (filters.platform && item.connection.platformName !== filters.platform) continue;
      const group = groupOf(item, now);
      if (!group || (filters.group && group !== filters.group)) continue;
      const items = byGroup.get(group);
      if (items) items.push(item);
      else byGroup.set(group, [item]);
    }
    return followUpGroups
      .map((group) => ({ ...group, items: sortWithin(group.id, byGroup.get(group.id) ?? []) }))
      .filter((group) => group.items.length > 0);
  }, [list, filters, now]);
  const doneCount = list.handOvers.filter(isHandOverDone).length;
  const older = useMemo(() => olderThanActionWindow(list.handOvers, now), [list, now]);
  // Rows are drawn again only when their hand-over changes: the handlers stay the same function.
  const actionsRef = useRef(actions);
  actionsRef.current = actions;
  const onSend = useCallback((handOver: HandOver) => void actionsRef.current.sendFreshLink(handOver), []);
  const onCopy = useCallback((handOver: HandOver) => void actionsRef.current.copyLink(handOver), []);

  // Main says nothing after a check that learnt nothing new: read again after its next check, so that "checked
  // … ago" stays true (a read from main's memory, no request to Codat).
  const nextCheckAt = list.watch.nextCheckAt;
  useEffect(() => {
    const due = nextCheckAt ? Date.parse(nextCheckAt) - Date.now() + 5_000 : 60_000;
    const timer = setTimeout(
      () => void useFollowUpsStore.getState().load(),
      Math.min(Math.max(due, 15_000), 5 * 60_000),
    );
    return () => clearTimeout(timer);
  }, [list, nextCheckAt]);

  // A row moves to another group when its hand-over changes or its time runs on; a button of it that had the
  // keyboard gives it to the same button in the row's new place.
  useEffect(() => {
    const last = lastFocus.current;
    if (!last || (document.activeElement && document.activeElement !== document.body)) return;
    buttonFor(last.connectionId, last.action)?.focus();
  }, [grouped]);
  const trackFocus = {
    onFocus: (event: FocusEvent<HTMLDivElement>) => {
      const { followUpAction, connectionId } = (event.target as HTMLElement).dataset;
      if ((followUpAction === 'send' || followUpAction === 'copy') && connectionId) {
        lastFocus.current = { connectionId, action: followUpAction };
      }
    },
    // Focus moved on to something else: nothing to follow. (A button taken away takes focus with it, to nowhere.)
    onBlur: (event: FocusEvent<HTMLDivElement>) => {
      if (event.relatedTarget) lastFocus.current = null;
    },
  };

  const clearDone = async () => {
    if (clearing) return;
    setClearFailure(null);
    if (doneCount === 0) {
      setClearMessage('Nothing to clear: no hand-over has ended.');
      return;
    }
    setClearing(true);
    const result = await useFollowUpsStore.getState().clearDone();
    setClearing(false);
    if (!result.ok) {
      setClearMessage('');
      setClearFailure(result.error);
      return;
    }
    const { cleared } = result.value;
    setClearMessage(
      cleared === 1 ? 'Cleared 1 hand-over that had ended.' : `Cleared ${cleared} hand-overs that had ended.`,
    );
  };

  const composer = actions.composer;
  return (
    <div className="followups-page" {...trackFocus}>
      <WatchLine list={list} />
      {readError && (
        <ErrorNotice error={readError} title="Could not read the follow-ups again; showing the last read." />
      )}

      <div className="followups-toolbar">
        <FilterForm className="followups-filters" label="Filter follow-ups">
          <Field label="Handed over by">
            {(control) => (
              <select
                {...control}
                value={filters.who}
                onChange={(event) => filter({ who: event.target.value as Filters['who'] })}
              >
                <option value="everyone">Everyone on this computer</option>
                <option value="mine">Me ({list.you})</option>
              </select>
            )}
          </Field>
          <Field label="Platform">
            {(control) => (
              <select
                {...control}
                value={filters.platform}
                onChange={(event) => filter({ platform: event.target.value })}
              >
                <option value="">All platforms</option>
                {platforms.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="State">
            {(control) => (
              <select
                {...control}
                value={filters.group}
                onChange={(event) => filter({ group: event.target.value as Filters['group'] })}
              >
                <option value="">All states</option>
                {followUpGroups.map((group) => (
                  <option key={group.id} value={group.id}>
                    {group.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </FilterForm>
        <div className="followups-clear">
          <ActionButton
            Icon={Trash2}
            busy={clearing}
            onClick={() => void clearDone()}
            aria-disabled={clearing || doneCount === 0 || undefined}
            aria-describedby={clearHintId}
          >
            Clear done
          </ActionButton>
          <p id={clearHintId} className="field-hint">
            {doneCount === 0
              ? 'Nothing to clear: no hand-over has ended.'
              : `Forgets the ${doneCount} that have ended: first sync finished or failed, replaced by a fresh link, or gone from Codat.`}
          </p>
        </div>
      </div>

      <p className="action-message" role="status">
        {clearMessage || actions.message}
      </p>
      {clearFailure && <ErrorNotice error={clearFailure} title="Could not clear the hand-overs that had ended." />}
      {actions.failure && <ErrorNotice error={actions.failure.error} title={actions.failure.title} />}

      {grouped.length === 0 ? (
        <p className="followups-none">No follow-ups match these filters, or none are open today.</p>
      ) : (
        grouped.map((group) => (
          <FollowUpGroup
            key={group.id}
            id={group.id}
            label={group.label}
            items={group.items}
            now={now}
            busy={actions.busy}
            onSend={onSend}
            onCopy={onCopy}
          />
        ))
      )}
      {older > 0 && (
        <p className="muted">
          {older === 1
            ? '1 older follow-up (its link expired or its attempt failed more than a week ago) is not shown: Health finds the connection, and Link completion counts it.'
            : `${older} older follow-ups (their links expired or their attempts failed more than a week ago) are not shown: Health finds those connections, and Link completion counts them.`}
        </p>
      )}

      <Suspense fallback={<p className="muted">Loading link completion…</p>}>
        <LinkCompletion handOvers={list.handOvers} now={now} />
      </Suspense>

      {composer && (
        <InviteComposer
          companyName={composer.handOver.company.name}
          platformName={composer.handOver.connection.platformName}
          settings={composer.settings}
          link={composer.link}
          initialRecipient={composer.handOver.recipient ?? ''}
          onUsed={(how, recipient) => actions.inviteSent(composer.handOver, how, recipient)}
          onRegenerate={() => actions.regenerate(composer.handOver)}
          onClose={() => {
            returnFocus.current =
              buttonFor(composer.handOver.connection.id, 'send') ?? document.getElementById('main-content');
            actions.closeComposer();
          }}
          returnFocusTo={returnFocus}
        />
      )}
    </div>
  );
}

/** The row action for a connection's open hand-over (there is at most one open per connection). */
function buttonFor(connectionId: string, action: 'send' | 'copy'): HTMLElement | null {
  const buttons = document.querySelectorAll<HTMLElement>(`[data-follow-up-action="${action}"]`);
  return [...buttons].find((button) => button.dataset['connectionId'] === connectionId) ?? null;
}

/**
 * "Checked with Codat 1 min ago · next check in 2 min", anything that keeps main from doing its part, and
 * "Check now" for when the customer says they have just authorised.
 */
function WatchLine({ list }: { list: FollowUpList }) {
  const now = useNow(15_000);
  const [checking, setChecking] = useState(false);
  const [failure, setFailure] = useState<BridgeError | null>(null);
  const { checkedAt, nextCheckAt, problem } = list.watch;
  const checked = checkedAt ? (
    <>
      Checked with Codat{' '}
      <time dateTime={checkedAt} title={formatDateTime(checkedAt)}>
        {ageInWords(Date.parse(checkedAt), now)}
      </time>
    </>
  ) : (
    'Not checked with Codat yet'
  );
  const next = checking
    ? 'checking now…'
    : nextCheckAt
      ? Date.parse(nextCheckAt) <= now
        ? 'next check due now'
        : `next check in ${waitInWords(Date.parse(nextCheckAt), now)}`
      : 'no check planned: no link is waiting';
  const checkNow = async () => {
    if (checking) return;
    setChecking(true);
    setFailure(null);
    const problem = await useFollowUpsStore.getState().checkNow();
    setChecking(false);
    setFailure(problem);
  };
  return (
    <div className="followups-watch">
      <div className="followups-watch-line">
        <p className="muted" aria-live="polite">
          {checked} · {next}
        </p>
        <ActionButton
          Icon={RefreshCw}
          busy={checking}
          onClick={() => void checkNow()}
          aria-disabled={checking || undefined}
          title="Ask Codat about every link being followed, now"
        >
          Check now
        </ActionButton>
      </div>
      {failure && <ErrorNotice error={failure} title="Could not check with Codat." />}
      {problem && <p className="warning">{problem}</p>}
      {list.problem && <p className="warning">{list.problem}</p>}
    </div>
  );
}
