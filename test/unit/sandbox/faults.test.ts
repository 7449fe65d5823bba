/** The fault table's choice of rule for each request: its path, method, query parameters and turn. */
import { describe, expect, it } from 'vitest';
import { FaultTable } from '@sandbox/faults';

/** Which requests, numbered from 1, a rule applied to. */
function hits(table: FaultTable, requests: Array<[method: string, path: string, search?: string]>): number[] {
  return requests.flatMap(([method, path, search], index) =>
    table.take(method, path, new URLSearchParams(search)) ? [index + 1] : [],
  );
}

describe('the fault table', () => {
  it('with every: spreads a rule over a listing, counting every matching request (retries too)', () => {
    const table = new FaultTable();
    table.add({ path: '/companies', method: 'GET', status: 429, retryAfterSeconds: 1, every: 20 });
    const listing = Array.from({ length: 105 }, (_, n): [string, string, string] => [
      'GET',
      '/companies',
      `page=${n + 1}`,
    ]);
    expect(hits(table, listing)).toEqual([20, 40, 60, 80, 100]);
    // Other requests neither count nor are hit.
    expect(
      hits(table, [
        ['POST', '/companies'],
        ['GET', '/profile'],
      ]),
    ).toEqual([]);
  });

  it('with every and times: times counts its turns, then the rule is gone', () => {
    const table = new FaultTable();
    table.add({ path: '/profile', status: 503, every: 2, times: 2 });
    expect(
      hits(
        table,
        Array.from({ length: 8 }, () => ['GET', '/profile'] as [string, string]),
      ),
    ).toEqual([2, 4]);
    expect(table.list()).toEqual([]);
  });

  it('with query: only requests carrying those parameter values, whatever else they carry', () => {
    const table = new FaultTable();
    table.add({ path: '/companies', query: { page: '3', pageSize: '100' }, status: 503 });
    expect(
      hits(table, [
        ['GET', '/companies', 'page=3&pageSize=100'],
        ['GET', '/companies', 'pageSize=100&query=name~a&page=3'],
        ['GET', '/companies', 'page=3'],
        ['GET', '/companies', 'page=33&pageSize=100'],
        ['GET', '/companies'],
        ['GET', '/companies/3', 'page=3&pageSize=100'],
      ]),
    ).toEqual([1, 2]);
  });

  it('refuses a rule it would misread, saying why', () => {
    const table = new FaultTable();
    expect(() => table.add({ path: '/companies', every: 0 })).toThrow(/every must be a positive whole number/);
    expect(() => table.add({ path: '/companies', query: { page: 3 as unknown as string } })).toThrow(/query must be/);
    expect(() => table.add({ path: '/companies?page=3' })).toThrow(/match parameters with query/);
    expect(() => table.add({ path: '/companies', ...{ evry: 20 } })).toThrow(/no field evry/);
    expect(table.list()).toEqual([]);
  });
});
