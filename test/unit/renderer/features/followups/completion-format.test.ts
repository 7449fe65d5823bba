import { describe, expect, it } from 'vitest';
import { formatDuration, formatRate, weekLabel } from '@renderer/features/followups/completion/completion-format';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

describe('a median time in words', () => {
  it.each([
    [0, '0 sec'],
    [20 * second, '20 sec'],
    [59.6 * second, '1 min'], // rounds up into the next unit, not to "60 sec"
    [45 * minute, '45 min'],
    [59.6 * minute, '1 hr'],
    [3 * hour + 20 * minute, '3 hr 20 min'],
    [3 * hour + 20.4 * minute, '3 hr 20 min'],
    [day - 40 * second, '23 hr 59 min'],
    [day - 20 * second, '1 day'],
    [day + 4 * hour, '1 day 4 hr'],
    [2 * day + 23.7 * hour, '3 days'],
    [15 * day + hour, '15 days 1 hr'],
  ])('%d ms is "%s" (en-US)', (ms, words) => {
    expect(formatDuration(ms, 'en-US')).toBe(words);
  });

  it('is in the user’s language', () => {
    expect(formatDuration(3 * hour + 20 * minute, 'de')).toMatch(/^3 Std\.,? 20 Min\.$/);
  });
});

describe('rates and weeks', () => {
  it.each([
    [null, '–'],
    [0, '0%'],
    [2 / 3, '67%'],
    [1, '100%'],
  ])('a rate of %s reads "%s"', (rate, text) => {
    expect(formatRate(rate, 'en-US')).toBe(text);
  });

  it('labels a week by its Monday, as that local date whatever the time zone', () => {
    expect(weekLabel('2026-03-30', 'en-GB')).toBe('30 Mar');
    expect(weekLabel('2026-03-30', 'en-US')).toBe('Mar 30');
  });
});
