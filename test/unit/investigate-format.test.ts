import { describe, expect, it } from 'vitest';
import {
  durationInWords,
  isCodatId,
  isDataType,
  parseCodatTime,
  pullDuration,
  pullState,
} from '../../src/renderer/features/company/investigate-format';

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
