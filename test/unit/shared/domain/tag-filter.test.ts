import { describe, expect, it } from 'vitest';
import { operations } from '@shared/contract';
import { parseTagFilter } from '@shared/domain/tag-filter';

describe('tag filters typed as key=value', () => {
  it('reads region=uk, with spaces around the = or the value', () => {
    expect(parseTagFilter('region=uk')).toEqual({ key: 'region', value: 'uk' });
    expect(parseTagFilter('  team = invoice finance ')).toEqual({ key: 'team', value: 'invoice finance' });
  });

  it('leaves everything else to the name search', () => {
    for (const text of ['Harbour Bakery', 'region=', '=uk', 'region==uk', 'a b=c', 'region=uk&&x=1', '']) {
      expect(parseTagFilter(text)).toBeNull();
    }
  });

  it('is checked at the bridge, so a renderer cannot smuggle an operator into the filter', () => {
    const input = operations['companies.search'].input;
    expect(input.safeParse({ text: '', tag: { key: 'region', value: 'uk' } }).success).toBe(true);
    const bad = input.safeParse({ text: '', tag: { key: 'region', value: 'uk||region~' } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('A tag value cannot contain { } = ! ~ < > & or |.');
    expect(input.safeParse({ text: '', tag: { key: 'a.b', value: 'x' } }).success).toBe(false);
  });
});
