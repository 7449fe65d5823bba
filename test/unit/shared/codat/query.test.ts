/**
 * The query builder, checked against the sandbox's parser as an oracle: whatever a user types, it stays one
 * value of one condition and can never add an operator, a condition or a group.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeQuery, neutraliseQueryText, q } from '@shared/codat/query';
import { parseQuery, type QuerySchema } from '@sandbox/query';

const schema: QuerySchema = {
  resource: 'Company',
  fields: { name: 'string', id: 'string', created: 'date', 'dataConnections.status': 'string' },
};
const operatorTokens = /&&|\|\||[{}=!~<>]/;

describe('query builder', () => {
  it('builds conditions, groups || inside && with braces, and encodes once', () => {
    const expression = q.and(
      q.or(q.eq('dataConnections.status', 'PendingAuth'), q.eq('dataConnections.status', 'Deauthorized')),
      q.contains('name', 'Acme'),
    );
    expect(expression.text).toBe(
      '{dataConnections.status=PendingAuth||dataConnections.status=Deauthorized}&&name~Acme',
    );
    expect(encodeQuery(q.contains('name', 'Smith & Sons'))).toBe('name~Smith%20%26%20Sons');
    expect(q.gt('created', new Date('2026-01-01T00:00:00Z')).text).toBe('created>2026-01-01T00:00:00.000Z');
  });

  it('neutralises operators in free text but keeps what names legitimately hold', () => {
    expect(neutraliseQueryText('Smith & Sons')).toBe('Smith & Sons');
    expect(neutraliseQueryText("O'Brien's Bakery, Ltd.")).toBe("O'Brien's Bakery, Ltd.");
    expect(neutraliseQueryText('x && id!=1 || {y}')).toBe('x & id 1 | y');
    expect(neutraliseQueryText('a&&&b')).toBe('a&b');
    expect(neutraliseQueryText('  ~<>=!  ')).toBe('');
    expect(neutraliseQueryText('& Sons |')).toBe('Sons');
  });

  it('refuses field names that are not plain paths, and values that are empty once neutralised', () => {
    expect(() => q.eq('name=x||id', 'y')).toThrow(/field/);
    expect(() => q.contains('name', '~<>')).toThrow(/empty/);
    expect(() => q.contains('name', '&&||')).toThrow(/empty/);
  });

  it('no input can inject an operator: the text stays one condition matching exactly its own value', () => {
    const names = ['Acme Ltd', 'Smith & Sons', 'Harbour Bakery', "O'Brien", 'a|b', 'Z'];
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (typed) => {
        const value = neutraliseQueryText(typed);
        if (value === '') return;
        expect(value).not.toMatch(operatorTokens);
        const expression = q.contains('name', typed);
        const predicate = parseQuery<{ name: string }>(expression.text, schema);
        const records = [...names, value, `pre ${value} post`].map((name) => ({ name }));
        for (const record of records) {
          expect(predicate(record)).toBe(record.name.toUpperCase().includes(value.toUpperCase()));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('combined with other conditions, typed text cannot break out of its own condition', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (first, second) => {
        const a = neutraliseQueryText(first);
        const b = neutraliseQueryText(second);
        if (!a || !b) return;
        const predicate = parseQuery<{ name: string; id: string }>(
          q.and(q.contains('name', first), q.eq('id', second)).text,
          schema,
        );
        expect(predicate({ name: a, id: b })).toBe(true);
        expect(predicate({ name: a, id: `${b}x` })).toBe(`${b}x`.toUpperCase() === b.toUpperCase());
      }),
      { numRuns: 1000 },
    );
  });
});
