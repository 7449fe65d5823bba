/** The companies service on its own, against the sandbox over HTTP: what it asks Codat, and what it remembers. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCompanyService } from '@main/services/companies';
import { createCompanyCache } from '@main/services/company-cache';
import { scenarioNames } from '@sandbox/seed';
import { codatFor } from '@support/codat';
import { failureOf } from '@support/failure';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 30 });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.clearRequests());

const serviceOf = () => createCompanyService({ api: codatFor(sandbox), cache: createCompanyCache() });
const requests = () => sandbox.control.requests().map((entry) => `${entry.method} ${entry.path.split('?')[0]}`);

describe('companies service', () => {
  it('searches by part of a name, and opens a found company without asking again', async () => {
    const companies = serviceOf();
    const found = await companies.search('healthy linked', 1, 20);
    expect(found.results.map((company) => company.name)).toEqual([scenarioNames.healthy]);
    await companies.get(found.results[0]!.id, false);
    expect(requests()).toEqual(['GET /companies']);
  });

  it('opens a pasted company ID directly, and says plainly when there is none', async () => {
    const companies = serviceOf();
    const id = sandbox.companyId(scenarioNames.unlinked);
    expect(await companies.search(id.toUpperCase(), 1, 20)).toMatchObject({ byId: true, totalResults: 1 });
    expect(await companies.search('00000000-0000-4000-8000-000000000000', 1, 20)).toMatchObject({
      byId: true,
      results: [],
    });
  });

  it('finds companies by a tag through Codat’s tags filter, narrowed by name when text is given', async () => {
    const companies = serviceOf();
    const tagged = await companies.search('', 1, 100, { key: 'region', value: 'uk' });
    expect(tagged.results.length).toBeGreaterThan(0);
    expect(tagged.results.every((company) => company.tags?.region === 'uk')).toBe(true);
    const [entry] = sandbox.control.requests();
    expect(entry?.path).toContain('tags=region%3Duk');
    // An ID-shaped text is a name filter here, never a lookup that would ignore the tag.
    const none = await companies.search('00000000-0000-4000-8000-000000000000', 1, 20, { key: 'region', value: 'uk' });
    expect(none).toMatchObject({ byId: false, results: [] });
  });

  it('cancels a search that a newer one replaced', async () => {
    const companies = serviceOf();
    sandbox.control.addFault({ path: '/companies', method: 'GET', latencyMs: 2_000, times: 1 });
    const older = companies.search('scenario', 1, 20);
    const newer = companies.search('healthy', 1, 20);
    expect((await failureOf(older)).error).toMatchObject({ code: 'cancelled' });
    expect((await newer).results.length).toBeGreaterThan(0);
  });

  it('creates under the name Codat will store, and refuses what nothing would be left of', async () => {
    const companies = serviceOf();
    const created = await companies.create({ customerId: 'Café <Boulangerie> #12' });
    expect(created.name).toBe('Caf Boulangerie 12');
    expect(sandbox.control.companyIdsNamed('Caf Boulangerie 12')).toEqual([created.id]);
    expect((await companies.findByName('Café <Boulangerie> #12')).matches.map((company) => company.id)).toContain(
      created.id,
    );
    expect((await failureOf(companies.create({ customerId: '<<<>>>' }))).error).toMatchObject({
      code: 'invalid_input',
      details: ['customerId'],
    });
  });

  it('explains a company deleted elsewhere instead of failing obscurely, and forgets it', async () => {
    const companies = serviceOf();
    const created = await companies.create({ customerId: 'Deleted Elsewhere Ltd' });
    await sandbox.call('DELETE', `/companies/${created.id}`);
    const gone = await failureOf(companies.deleteCompany(created.id));
    expect(gone.error).toMatchObject({ status: 404, message: expect.stringMatching(/no longer exists in Codat/) });
  });
});
