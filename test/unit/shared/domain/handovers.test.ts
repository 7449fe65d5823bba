import { describe, expect, it } from 'vitest';
import type { Connection, DataConnectionError } from '@shared/codat/schemas';
import {
  advanceHandOver,
  firstSyncOutcome,
  firstSyncWatchMs,
  handOverSchema,
  linkLifetimeMs,
  needsPromptChecks,
  recordHandOver,
  syncBaselineOf,
  syncsSinceHandOver,
  type CodatObservation,
  type HandOver,
  type HandOverDraft,
} from '@shared/domain/handovers';

const hour = 3_600_000;
const issued = Date.parse('2026-06-01T09:00:00.000Z');

const draft = (overrides: Partial<HandOverDraft> = {}): HandOverDraft => ({
  id: 'h1',
  profileId: 'training',
  company: { id: 'c1', name: 'Acme Ltd' },
  connection: { id: 'k1', platformKey: 'gbol', platformName: 'Xero' },
  by: 'alice',
  how: 'copied',
  linkIssuedAt: issued,
  errors: [],
  ...overrides,
});

const handOver = (overrides: Partial<HandOverDraft> = {}): HandOver =>
  recordHandOver([], draft(overrides), issued).recorded;

const seen = (
  status: Connection['status'],
  errors: DataConnectionError[] = [],
  firstSync?: CodatObservation['firstSync'],
): CodatObservation => ({
  connection: { status, dataConnectionErrors: errors },
  ...(firstSync ? { firstSync } : {}),
});

const cancelled: DataConnectionError = {
  statusCode: '403',
  statusText: 'User cancelled linking',
  errorMessage: 'User cancelled',
  erroredOnUtc: '2026-06-01T10:00:00Z',
  status: 'Active',
};
const refused: DataConnectionError = {
  statusCode: '502',
  statusText: 'Xero refused the authorisation request',
  errorMessage: 'Platform authorisation failed',
  erroredOnUtc: '2026-06-01T10:00:00Z',
  status: 'Active',
};

describe('a hand-over, as recorded', () => {
  it('expires 24 hours after Codat issued its link, not after it was handed over', () => {
    const recorded = recordHandOver([], draft({ linkIssuedAt: issued - 3 * hour }), issued).recorded;
    expect(recorded.link.expiresAt).toBe(new Date(issued - 3 * hour + linkLifetimeMs).toISOString());
    expect(recorded.at).toBe(new Date(issued).toISOString());
    expect(recorded.state).toBe('awaiting');
    expect(handOverSchema.parse(recorded)).toEqual(recorded);
  });

  it('keeps names from Codat within its bounds, so that a very long one never makes the record unreadable', () => {
    const recorded = recordHandOver(
      [],
      draft({
        company: { id: 'c1', name: 'A'.repeat(5_000) },
        connection: { id: 'k1', platformKey: 'gbol', platformName: 'X'.repeat(5_000) },
      }),
      issued,
    ).recorded;
    expect(handOverSchema.safeParse(recorded).success).toBe(true);
    expect(recorded.company.name).toHaveLength(500);
  });

  it('is one hand-over when the same link is copied and then sent in an invite, with the recipient kept', () => {
    const first = recordHandOver([], draft(), issued);
    const again = recordHandOver(
      first.handOvers,
      draft({ id: 'h2', how: 'invite', recipient: 'ann@acme.test' }),
      issued + hour,
    );
    expect(again.handOvers).toHaveLength(1);
    expect(again.recorded).toMatchObject({ id: 'h1', how: 'invite', recipient: 'ann@acme.test', state: 'awaiting' });
  });

  it('is superseded by a fresh link for the same connection, and the superseded one notifies nothing more', () => {
    const first = recordHandOver([], draft(), issued);
    const fresh = recordHandOver(
      first.handOvers,
      draft({ id: 'h2', linkIssuedAt: issued + 25 * hour }),
      issued + 25 * hour,
    );
    expect(fresh.handOvers.map((item) => [item.id, item.state, item.supersededBy])).toEqual([
      ['h1', 'superseded', 'h2'],
      ['h2', 'awaiting', null],
    ]);
    const old = fresh.handOvers[0]!;
    expect(advanceHandOver(old, seen('Linked'), issued + 26 * hour).events).toEqual([]);
    expect(advanceHandOver(old, null, issued + 30 * hour).next.state).toBe('superseded');
  });

  it('leaves hand-overs of other connections alone when a fresh link is recorded', () => {
    const first = recordHandOver([], draft(), issued);
    const other = recordHandOver(
      first.handOvers,
      draft({ id: 'h2', connection: { id: 'k2', platformKey: 'qhyg', platformName: 'QuickBooks Online' } }),
      issued,
    );
    expect(other.handOvers.map((item) => item.state)).toEqual(['awaiting', 'awaiting']);
  });
});

describe('a hand-over following Codat', () => {
  it('stays awaiting the customer while the connection is PendingAuth, Unlinked or Deauthorized', () => {
    for (const status of ['PendingAuth', 'Unlinked', 'Deauthorized'] as const) {
      const { next, events } = advanceHandOver(handOver(), seen(status), issued + hour);
      expect(next.state, status).toBe('awaiting');
      expect(next.codatStatus).toBe(status);
      expect(events).toEqual([]);
    }
  });

  it('keeps waiting, and keeps Codat’s word, for a status Linkdesk does not know yet', () => {
    const { next, events } = advanceHandOver(handOver(), seen('Suspended' as Connection['status']), issued + hour);
    expect(next).toMatchObject({ state: 'awaiting', codatStatus: 'Suspended' });
    expect(events).toEqual([]);
  });

  it('says when nothing new was learnt, so that nothing needs saving', () => {
    const first = advanceHandOver(handOver(), seen('PendingAuth'), issued + hour);
    expect(first.changed).toBe(true);
    expect(first.next.changedAt).toBe(new Date(issued + hour).toISOString());
    const again = advanceHandOver(first.next, seen('PendingAuth'), issued + 2 * hour);
    expect(again).toEqual({ changed: false, next: first.next, events: [] });
  });

  it('is linked when Codat says Linked, and says so once', () => {
    const first = advanceHandOver(handOver(), seen('Linked'), issued + hour);
    expect(first.next.state).toBe('linked');
    expect(first.next.linkedAt).toBe(new Date(issued + hour).toISOString());
    expect(first.events).toEqual([
      {
        kind: 'linked',
        handOverId: 'h1',
        companyId: 'c1',
        companyName: 'Acme Ltd',
        connectionId: 'k1',
        platformName: 'Xero',
      },
    ]);
    expect(advanceHandOver(first.next, seen('Linked'), issued + 2 * hour).events).toEqual([]);
  });

  it('is linked even after its link expired, when the customer authorised another way', () => {
    const expired = advanceHandOver(handOver(), null, issued + linkLifetimeMs).next;
    const { next, events } = advanceHandOver(expired, seen('Linked'), issued + 30 * hour);
    expect(next).toMatchObject({ state: 'linked', endedAt: null });
    expect(events.map((event) => event.kind)).toEqual(['linked']);
  });

  it('is cancelled, with Codat’s words, when the customer cancels', () => {
    const { next, events } = advanceHandOver(handOver(), seen('PendingAuth', [cancelled]), issued + hour);
    expect(next.state).toBe('cancelled');
    expect(next.problem).toEqual({
      statusCode: '403',
      statusText: 'User cancelled linking',
      errorMessage: 'User cancelled',
      erroredOnUtc: '2026-06-01T10:00:00Z',
    });
    expect(events).toEqual([]);
  });

  it('has failed, with Codat’s words, when authorising fails', () => {
    const { next } = advanceHandOver(handOver(), seen('PendingAuth', [refused]), issued + hour);
    expect(next.state).toBe('failed');
    expect(next.problem?.statusText).toBe('Xero refused the authorisation request');
  });

  it('ignores errors the connection already had when the link was handed over, and resolved ones', () => {
    const older = handOver({ errors: [cancelled] });
    expect(advanceHandOver(older, seen('PendingAuth', [cancelled]), issued + hour).next.state).toBe('awaiting');
    const resolved = { ...refused, status: 'Resolved' as const };
    expect(advanceHandOver(handOver(), seen('PendingAuth', [resolved]), issued + hour).next.state).toBe('awaiting');
  });

  it('is gone when Codat no longer lists the connection', () => {
    const { next, events } = advanceHandOver(handOver(), { connection: null }, issued + hour);
    expect(next.state).toBe('gone');
    expect(events).toEqual([]);
  });
});

describe('the first sync after linking', () => {
  const linked = () => advanceHandOver(handOver(), seen('Linked'), issued + hour).next;

  it('keeps a linked hand-over linked while the first sync runs, or when it was not read', () => {
    expect(advanceHandOver(linked(), seen('Linked', [], { state: 'in_progress' }), issued + 2 * hour).next.state).toBe(
      'linked',
    );
    expect(advanceHandOver(linked(), seen('Linked'), issued + 2 * hour).next.state).toBe('linked');
  });

  it('finishes once, when every data type has finished', () => {
    const done = advanceHandOver(linked(), seen('Linked', [], { state: 'complete' }), issued + 2 * hour);
    expect(done.next.state).toBe('synced');
    expect(done.events.map((event) => event.kind)).toEqual(['first_sync_finished']);
    expect(advanceHandOver(done.next, seen('Linked', [], { state: 'complete' }), issued + 3 * hour).events).toEqual([]);
  });

  it('fails once, saying which data types failed', () => {
    const outcome = { state: 'failed' as const, failed: [{ dataType: 'invoices', status: 'FetchError' }] };
    const done = advanceHandOver(linked(), seen('Linked', [], outcome), issued + 2 * hour);
    expect(done.next.state).toBe('sync_failed');
    expect(done.events).toMatchObject([{ kind: 'first_sync_failed', detail: 'invoices: FetchError' }]);
    expect(advanceHandOver(done.next, seen('Linked', [], outcome), issued + 3 * hour).events).toEqual([]);
  });

  it('reads only the data types synced since the hand-over', () => {
    const before = {
      invoices: { dataType: 'invoices', currentStatus: 'FetchError', latestSyncId: 'old-1' },
      bills: { dataType: 'bills', currentStatus: 'Complete', latestSyncId: 'old-2' },
    } as const;
    const baseline = syncBaselineOf(before);
    expect(baseline).toEqual({ invoices: 'old-1', bills: 'old-2' });
    const now = { ...before, bills: { dataType: 'bills', currentStatus: 'Complete', latestSyncId: 'new-2' } } as const;
    expect(Object.keys(syncsSinceHandOver(now, baseline))).toEqual(['bills']);
    // Without a baseline (a company that never synced), every synced type counts.
    expect(Object.keys(syncsSinceHandOver(now, null))).toEqual(['invoices', 'bills']);
  });

  it('stops reading the first sync some hours after linking', () => {
    const linked = advanceHandOver(handOver(), seen('Linked'), issued + hour).next;
    expect(needsPromptChecks(linked, issued + hour + firstSyncWatchMs - 1)).toBe(true);
    expect(needsPromptChecks(linked, issued + hour + firstSyncWatchMs)).toBe(false);
  });

  it('reads the outcome from the data types of this sync: settled only when none is still running', () => {
    expect(firstSyncOutcome([])).toEqual({ state: 'in_progress' });
    expect(
      firstSyncOutcome([
        { dataType: 'invoices', status: 'Complete', state: 'complete' },
        { dataType: 'bills', status: 'Fetching', state: 'in_progress' },
      ]),
    ).toEqual({ state: 'in_progress' });
    expect(
      firstSyncOutcome([
        { dataType: 'invoices', status: 'Complete', state: 'complete' },
        { dataType: 'bills', status: 'NotSupported', state: 'not_supported' },
      ]),
    ).toEqual({ state: 'complete' });
    expect(
      firstSyncOutcome([
        { dataType: 'invoices', status: 'AuthError', state: 'failed' },
        { dataType: 'bills', status: 'Complete', state: 'complete' },
      ]),
    ).toEqual({ state: 'failed', failed: [{ dataType: 'invoices', status: 'AuthError' }] });
    // A status Linkdesk does not know may still change.
    expect(firstSyncOutcome([{ dataType: 'invoices', status: 'Thinking', state: 'unknown' }])).toEqual({
      state: 'in_progress',
    });
  });
});

describe('a link that is not used', () => {
  it('gets no reminder before it is 22 hours old', () => {
    const { next, events } = advanceHandOver(handOver(), seen('PendingAuth'), issued + 22 * hour - 1);
    expect(next.state).toBe('awaiting');
    expect(events).toEqual([]);
  });

  it('is reminded of once, 2 hours before it expires', () => {
    const first = advanceHandOver(handOver(), seen('PendingAuth'), issued + 22 * hour);
    expect(first.events.map((event) => event.kind)).toEqual(['expiring_soon']);
    expect(first.next.state).toBe('awaiting');
    expect(advanceHandOver(first.next, seen('PendingAuth'), issued + 23 * hour).events).toEqual([]);
  });

  it('still works just before 24 hours, and has expired at exactly 24 hours, said once', () => {
    const reminded = advanceHandOver(handOver(), null, issued + 22 * hour).next;
    expect(advanceHandOver(reminded, null, issued + linkLifetimeMs - 1).next.state).toBe('awaiting');
    const expired = advanceHandOver(reminded, null, issued + linkLifetimeMs);
    expect(expired.next.state).toBe('expired');
    expect(expired.next.endedAt).toBe(new Date(issued + linkLifetimeMs).toISOString());
    expect(expired.events.map((event) => event.kind)).toEqual(['expired']);
    expect(advanceHandOver(expired.next, seen('PendingAuth'), issued + 25 * hour).events).toEqual([]);
  });

  it('gets only the expiry, not a late reminder, when nobody looked until after it expired', () => {
    const { events } = advanceHandOver(handOver(), seen('PendingAuth'), issued + 30 * hour);
    expect(events.map((event) => event.kind)).toEqual(['expired']);
  });

  it('does not expire once linked', () => {
    const linked = advanceHandOver(handOver(), seen('Linked'), issued + hour).next;
    const { next, events } = advanceHandOver(linked, null, issued + 30 * hour);
    expect(next.state).toBe('linked');
    expect(events).toEqual([]);
  });

  it('needs prompt checks while its link works or its first sync runs, not after', () => {
    expect(needsPromptChecks(handOver(), issued + 23 * hour)).toBe(true);
    expect(needsPromptChecks(handOver(), issued + linkLifetimeMs)).toBe(false);
    const linked = advanceHandOver(handOver(), seen('Linked'), issued + hour).next;
    expect(needsPromptChecks(linked, issued + 10 * hour)).toBe(true);
  });
});
