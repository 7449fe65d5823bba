import { describe, expect, it } from 'vitest';
import {
  durationInWords,
  isCodatId,
  isDataType,
  parseCodatTime,
  pullDuration,
} from '@renderer/features/company/investigate/investigate-format';
import { pullState, pullStatusExplanation, pullStatusLabel } from '@renderer/components/status/pull-status';
import { sourceTypeLabel } from '@renderer/lib/source-types';
import {
  connectionStatusExplanation,
  connectionStatusLabel,
  connectionStatusLook,
} from '@renderer/components/status/connection-status';
import { sourceTypeOf } from '@renderer/features/integrations/integrations-format';
import { syncProgress, isSyncSettled } from '@shared/domain/watch';

describe('investigation words', () => {
  it('says durations in words, down to the second and up to days', () => {
    expect(durationInWords(400)).toBe('under a second');
    expect(durationInWords(1_000)).toBe('1 second');
    expect(durationInWords(12_000)).toBe('12 seconds');
    expect(durationInWords(60_000)).toBe('1 minute');
    expect(durationInWords(185_000)).toBe('3 minutes 5 seconds');
    expect(durationInWords(2 * 3_600_000 + 10 * 60_000)).toBe('2 hours 10 minutes');
    expect(durationInWords(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 days 4 hours');
  });

  it('groups pull statuses as the colours do', () => {
    expect(pullState(undefined)).toBe('never');
    expect(pullState('Fetching')).toBe('in_progress');
    expect(pullState('Complete')).toBe('complete');
    expect(pullState('FetchError')).toBe('failed');
    expect(pullState('NotSupported')).toBe('not_supported');
    expect(pullState('Cancelled')).toBe('cancelled');
  });

  it('times a pull, running or finished, and reads zone-less times as UTC', () => {
    const requested = '2025-01-01T10:00:00';
    expect(parseCodatTime(requested)).toBe(Date.parse('2025-01-01T10:00:00Z'));
    expect(pullDuration({ status: 'Complete', requested, completed: '2025-01-01T10:00:12Z' }, 0)).toBe('12 seconds');
    const now = Date.parse('2025-01-01T10:02:00Z');
    expect(pullDuration({ status: 'Fetching', requested }, now)).toBe('2 minutes so far');
    expect(pullDuration({ status: 'FetchError', requested }, now)).toBe('—');
  });

  it('knows Codat ids and data types', () => {
    expect(isCodatId('8a210b68-6988-11ed-a1eb-0242ac120002')).toBe(true);
    expect(isCodatId('dataset 8a210b68')).toBe(false);
    expect(isDataType('invoices')).toBe(true);
    expect(isDataType('banking-accounts')).toBe(true);
    expect(isDataType('all')).toBe(false);
  });
});

describe('a status or type Codat added after this version of Linkdesk', () => {
  it('a pull status is shown as unknown, with Codat’s word, never as a failure or as never synced', () => {
    expect(pullState('Throttled')).toBe('unknown');
    expect(pullStatusLabel('Throttled')).toBe('Unknown status: Throttled');
    expect(pullStatusLabel('FetchError')).toBe('FetchError');
    expect(pullStatusExplanation('Throttled')).toContain('“Throttled”, a pull status Linkdesk does not know yet');
  });

  it('a connection status gets a neutral chip that says so', () => {
    expect(connectionStatusLabel({ status: 'Suspended' })).toBe('Unknown status: Suspended');
    expect(connectionStatusLabel({ status: 'PendingAuth' })).toBe('Pending authorisation');
    expect(connectionStatusLook({ status: 'Suspended' }).tone).toBe('neutral');
    expect(connectionStatusExplanation({ status: 'Suspended' })).toContain('“Suspended”');
  });

  it('a source type is its own group, said to be unknown', () => {
    expect(sourceTypeLabel('Payroll')).toBe('Unknown type: Payroll');
    expect(sourceTypeLabel('BankFeed')).toBe('Bank feeds');
    expect(sourceTypeLabel(undefined)).toBe('Other');
    const card = { key: 'zzzz', name: 'PayFlow', sourceType: 'Payroll' } as Parameters<typeof sourceTypeOf>[0];
    expect(sourceTypeOf(card)).toBe('Unknown type: Payroll');
  });

  it('the first-sync watch shows an unknown pull status and keeps watching it', () => {
    const [item] = syncProgress({ invoices: { dataType: 'invoices', currentStatus: 'Throttled' } });
    expect(item).toEqual({ dataType: 'invoices', status: 'Throttled', state: 'unknown' });
    expect(isSyncSettled(item!)).toBe(false);
  });
});
