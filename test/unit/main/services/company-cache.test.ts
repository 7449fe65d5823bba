import { describe, expect, it } from 'vitest';
import { companyFreshMs, createCompanyCache } from '@main/services/company-cache';
import type { Company, Connection } from '@shared/codat/schemas';

const connection = (id: string, status: Connection['status']): Connection => ({
  id,
  integrationId: 'i',
  sourceId: 's',
  sourceType: 'Accounting',
  platformName: 'Xero',
  linkUrl: 'https://link.codat.io/x',
  status,
  created: '2026-01-01T00:00:00Z',
});
const company = (connections: Connection[]): Company => ({
  id: 'c1',
  name: 'Acme',
  redirect: 'https://link.codat.io/c1',
  dataConnections: connections,
});

describe('company cache', () => {
  it('answers for a company for a minute, then only with its names', () => {
    let now = 1_000;
    const cache = createCompanyCache(() => now);
    cache.remember(company([]));
    expect(cache.fresh('c1')?.name).toBe('Acme');
    now += companyFreshMs;
    expect(cache.fresh('c1')).toBeNull();
    expect(cache.known('c1')?.name).toBe('Acme');
  });

  it('replaces one connection with what Codat answered, and forgets a deleted one', () => {
    const cache = createCompanyCache(() => 0);
    cache.remember(company([connection('a', 'PendingAuth'), connection('b', 'Linked')]));
    cache.rememberConnection('c1', connection('a', 'Linked'));
    expect(
      cache
        .fresh('c1')
        ?.dataConnections?.map((c) => `${c.id}:${c.status}`)
        .sort(),
    ).toEqual(['a:Linked', 'b:Linked']);
    cache.forgetConnection('c1', 'b');
    expect(cache.fresh('c1')?.dataConnections?.map((c) => c.id)).toEqual(['a']);
  });

  it('keeps each status a connection was seen in once, in order, for the timeline', () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const cache = createCompanyCache(() => now);
    cache.remember(company([connection('a', 'PendingAuth')]));
    now += 1_000;
    cache.remember(company([connection('a', 'PendingAuth')]));
    cache.rememberConnection('c1', connection('a', 'Linked'));
    expect(cache.observed('a')).toEqual([
      { at: '2026-01-01T00:00:00.000Z', status: 'PendingAuth' },
      { at: '2026-01-01T00:00:01.000Z', status: 'Linked' },
    ]);
    cache.clear();
    expect(cache.observed('a')).toEqual([]);
    expect(cache.known('c1')).toBeNull();
  });
});
