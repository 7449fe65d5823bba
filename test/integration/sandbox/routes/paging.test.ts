/** Codat’s paging over HTTP, on the company list: the envelope, its links, and the page and pageSize limits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 120 });
});
afterAll(() => sandbox.close());

describe('sandbox: paging', () => {
  it('pages with Codat’s envelope and _links until the last page', async () => {
    const first = await sandbox.call('GET', '/companies?page=1&pageSize=50');
    expect(first.body).toMatchObject({ pageNumber: 1, pageSize: 50, totalResults: expect.any(Number) });
    expect(first.body.results).toHaveLength(50);
    expect(first.body._links).toEqual({
      self: { href: '/companies' },
      current: { href: '/companies?page=1&pageSize=50' },
      next: { href: '/companies?page=2&pageSize=50' },
    });
    const seen = new Set<string>(first.body.results.map((company: { id: string }) => company.id));
    let next: string | undefined = first.body._links.next?.href;
    let pages = 1;
    while (next) {
      const page = await sandbox.call('GET', next);
      page.body.results.forEach((company: { id: string }) => seen.add(company.id));
      expect(page.body._links.previous).toBeDefined();
      next = page.body._links.next?.href;
      pages += 1;
    }
    expect(seen.size).toBe(first.body.totalResults);
    expect(pages).toBe(Math.ceil(first.body.totalResults / 50));
  });

  it('keeps the query in the links, encoded once', async () => {
    const answer = await sandbox.call(
      'GET',
      `/companies?page=1&pageSize=1&query=${encodeURIComponent('name~scenario')}`,
    );
    expect(answer.body._links.next.href).toBe('/companies?page=2&pageSize=1&query=name~scenario');
    const spaced = await sandbox.call(
      'GET',
      `/companies?pageSize=1&query=${encodeURIComponent('name ~ Sync Failing')}`,
    );
    expect(spaced.body._links.current.href).toBe('/companies?page=1&pageSize=1&query=name%20~%20Sync%20Failing');
  });

  it.each(['page=0', 'page=-1', 'page=1.5', 'page=abc', 'pageSize=0', 'pageSize=5001', 'pageSize=x'])(
    'refuses %s with 400',
    async (params) => {
      const answer = await sandbox.call('GET', `/companies?${params}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatch(/page/);
    },
  );

  it('accepts the largest page size, 5000', async () => {
    const answer = await sandbox.call('GET', '/companies?page=1&pageSize=5000');
    expect(answer.status).toBe(200);
    expect(answer.body.results.length).toBe(answer.body.totalResults);
  });
});
