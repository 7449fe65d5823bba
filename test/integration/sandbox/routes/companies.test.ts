/** The sandbox’s company routes over HTTP: create, read, update, replace, delete, the plan’s limit, and queries. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioNames } from '@sandbox/seed';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 120 });
});
afterAll(() => sandbox.close());

describe('sandbox: companies', () => {
  it('creates a company (200), stripping characters outside Codat’s name pattern', async () => {
    const created = await sandbox.call('POST', '/companies', {
      name: 'Company (Codat[1])',
      description: 'Test',
      tags: { region: 'uk' },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      name: 'Company Codat1',
      description: 'Test',
      tags: { region: 'uk' },
      dataConnections: [],
    });
    expect(created.body.redirect).toBe(`${sandbox.url}/link/company/${created.body.id}`);
    const fetched = await sandbox.call('GET', `/companies/${created.body.id}`);
    expect(fetched.body).toEqual(created.body);
  });

  it.each([
    [{}, /name is required/],
    [{ name: '()[]{}' }, /empty once characters/],
    [{ name: 42 }, /must be a string/],
    [{ name: 'Ok', tags: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v'])) }, /at most 10 tags/],
    [{ name: 'Ok', tags: { ['x'.repeat(28)]: 'v' } }, /1 to 27 characters/],
    [{ name: 'Ok', tags: { region: 'x'.repeat(101) } }, /at most 100 characters/],
    [{ name: 'Ok', tags: { region: 5 } }, /string value/],
    ['[1,2]', /JSON object/],
    ['{not json', /not valid JSON/],
  ])('refuses an invalid company %j with a 400 that says why', async (body, message) => {
    const answer = await sandbox.call('POST', '/companies', body);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(message);
    expect(answer.body.validation.errors[0]).toMatchObject({ message: expect.stringMatching(message) });
  });

  it('patches only what is sent; empty or null tags remove every tag; PUT replaces', async () => {
    const { body: company } = await sandbox.call('POST', '/companies', {
      name: 'Patch Me',
      description: 'keep',
      tags: { a: '1' },
    });
    const renamed = await sandbox.call('PATCH', `/companies/${company.id}`, { name: 'Patched' });
    expect(renamed.body).toMatchObject({ name: 'Patched', description: 'keep', tags: { a: '1' } });
    const cleared = await sandbox.call('PATCH', `/companies/${company.id}`, { tags: null });
    expect(cleared.body.tags).toEqual({});
    const replaced = await sandbox.call('PUT', `/companies/${company.id}`, { name: 'Replaced' });
    expect(replaced.body).toMatchObject({ name: 'Replaced', tags: {} });
    expect(replaced.body).not.toHaveProperty('description');
    expect((await sandbox.call('PUT', `/companies/${company.id}`, {})).status).toBe(400);
  });

  it('changes nothing when it refuses a PATCH or PUT, even if part of the body was valid', async () => {
    const { body: company } = await sandbox.call('POST', '/companies', {
      name: 'Refuse Me',
      description: 'keep',
      tags: { a: '1' },
    });
    for (const [method, body] of [
      ['PATCH', { name: 'Renamed', tags: { a: 2 } }],
      ['PATCH', { name: 'Renamed', description: 'changed', tags: 'not an object' }],
      ['PUT', { name: 'Renamed', description: 5 }],
      ['PUT', { name: 'Renamed', description: 'changed', tags: { ['x'.repeat(28)]: 'v' } }],
    ] as const) {
      expect((await sandbox.call(method, `/companies/${company.id}`, body)).status).toBe(400);
      expect((await sandbox.call('GET', `/companies/${company.id}`)).body).toEqual(company);
    }
  });

  it('deletes a company (204, no body); it is then 404 everywhere', async () => {
    const { body: company } = await sandbox.call('POST', '/companies', { name: 'Delete Me' });
    const deleted = await sandbox.call('DELETE', `/companies/${company.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    for (const path of [
      `/companies/${company.id}`,
      `/companies/${company.id}/connections`,
      `/companies/${company.id}/dataStatus`,
    ]) {
      const gone = await sandbox.call('GET', path);
      expect(gone.status).toBe(404);
      expect(gone.body.error).toContain(company.id);
    }
    expect((await sandbox.call('DELETE', `/companies/${company.id}`)).status).toBe(404);
  });

  it('refuses companies beyond the plan’s limit with 402', async () => {
    const limited = await startTestSandbox({ companies: 3, companyLimit: 3 });
    try {
      const answer = await limited.call('POST', '/companies', { name: 'One Too Many' });
      expect(answer.status).toBe(402);
      expect(answer.body.error).toBe('CompanyValidationException: Company limit exceeded');
    } finally {
      await limited.close();
    }
  });
});

describe('sandbox: the query language over HTTP', () => {
  const ids = async (query: string, extra = '') => {
    const answer = await sandbox.call(
      'GET',
      `/companies?page=1&pageSize=5000&query=${encodeURIComponent(query)}${extra}`,
    );
    expect(answer.status, answer.text).toBe(200);
    return answer.body.results as Array<{
      id: string;
      name: string;
      created: string;
      lastSync: string | null;
      dataConnections: Array<{ status: string }>;
    }>;
  };

  it('filters with each operator', async () => {
    expect((await ids('name=Scenario - Sync Failing')).map((c) => c.name)).toEqual([scenarioNames.syncFailing]);
    expect((await ids('name~sync')).map((c) => c.name).sort()).toEqual(
      [scenarioNames.syncFailing, scenarioNames.syncStuck].sort(),
    );
    const all = await ids('name!=zzz');
    expect((await ids('name!=Scenario - Sync Failing')).length).toBe(all.length - 1);
    const pending = await ids('dataConnections.status=PendingAuth');
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((c) => c.dataConnections.some((connection) => connection.status === 'PendingAuth'))).toBe(
      true,
    );
    const newer = await ids('created>2026-01-01');
    expect(newer.every((c) => c.created > '2026-01-01')).toBe(true);
    const older = await ids('created<=2026-01-01');
    expect(newer.length + older.length).toBe(all.length);
    const synced = await ids('lastSync>=2026-05-01');
    expect(synced.every((c) => c.lastSync !== null && c.lastSync >= '2026-05-01')).toBe(true);
    expect((await ids(`id=${sandbox.companyId(scenarioNames.unlinked)}`)).map((c) => c.name)).toEqual([
      scenarioNames.unlinked,
    ]);
  });

  it('groups with {} and combines with && and ||', async () => {
    const either = await ids('{name~Unlinked || name~Deauthorised} && name~Scenario');
    expect(either.map((c) => c.name).sort()).toEqual([scenarioNames.deauthorized, scenarioNames.unlinked].sort());
    const both = await ids('name~Scenario && dataConnections.status=Deauthorized');
    expect(both.map((c) => c.name)).toEqual([scenarioNames.deauthorized]);
  });

  it('orders with orderBy, - for descending', async () => {
    const ascending = await ids('name~Scenario', '&orderBy=name');
    expect(ascending.map((c) => c.name)).toEqual(ascending.map((c) => c.name).sort((a, b) => a.localeCompare(b)));
    const descending = await ids('name~Scenario', '&orderBy=-created');
    const created = descending.map((c) => c.created);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('filters by tags with the separate tags parameter', async () => {
    const tagged = await sandbox.call('GET', `/companies?page=1&pageSize=5000&tags=${encodeURIComponent('region=uk')}`);
    expect(tagged.status).toBe(200);
    expect(tagged.body.results.length).toBeGreaterThan(0);
    expect(tagged.body.results.every((c: { tags: Record<string, string> }) => c.tags['region'] === 'uk')).toBe(true);
  });

  it.each(['name~', 'name', '&& name=x', '{name=x', 'name=x}', 'nope=x', 'name>x', 'created~2020', 'name==x'])(
    'refuses the malformed query %s with a 400 that says why',
    async (query) => {
      const answer = await sandbox.call('GET', `/companies?query=${encodeURIComponent(query)}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error.length).toBeGreaterThan(10);
      expect(answer.body.validation.errors[0].validatorName).toBe('QueryValidator');
    },
  );

  it('names the resource when a property cannot be queried', async () => {
    const { body: company } = await sandbox.call('GET', `/companies/${sandbox.companyId(scenarioNames.healthy)}`);
    const answer = await sandbox.call(
      'GET',
      `/companies/${company.id}/data/history?query=${encodeURIComponent('isCompleted=true')}`,
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(/isCompleted.*Dataset/);
  });
});
