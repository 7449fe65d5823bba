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

  describe('forgiving search', () => {
    const names = (answer: { results: Array<{ name: string }> }) =>
      answer.results.map((company) => company.name).sort();

    it('finds a company created from accented text by what was typed, in one request', async () => {
      const companies = serviceOf();
      await companies.create({ customerId: 'Café Olé Bistro' }); // Codat stores "Caf Ol Bistro"
      await sandbox.call('POST', '/companies', { name: 'Cafe Ole Deli' });
      await sandbox.call('POST', '/companies', { name: 'Baeckerei Weber' });
      await companies.create({ customerId: 'Bäckerei Schmidt' }); // "Bckerei Schmidt"
      await sandbox.call('POST', '/companies', { name: 'Zoe Studio' });
      sandbox.control.clearRequests();

      expect(names(await companies.search('Café Olé', 1, 20))).toEqual(['Caf Ol Bistro', 'Cafe Ole Deli']);
      expect(names(await companies.search('Bäckerei', 1, 20))).toEqual(['Baeckerei Weber', 'Bckerei Schmidt']);
      expect(names(await companies.search('Zoë', 1, 20))).toContain('Zoe Studio');
      expect(requests()).toEqual(['GET /companies', 'GET /companies', 'GET /companies']);
    });

    it('reads curly and straight apostrophes alike, and finds "obrien" for O\'Brien, each in one request', async () => {
      const companies = serviceOf();
      await sandbox.call('POST', '/companies', { name: "O'Brien Plumbing" });
      await companies.create({ customerId: 'O’Brien Joinery' }); // the curly quote is stripped: "OBrien Joinery"
      sandbox.control.clearRequests();

      expect(names(await companies.search('O’Brien', 1, 20))).toEqual(["O'Brien Plumbing", 'OBrien Joinery']);
      expect(requests()).toHaveLength(1);

      sandbox.control.clearRequests();
      const loose = await companies.search('obrien plumbing', 1, 20);
      expect(loose).toMatchObject({ loose: true, totalResults: 1 });
      expect(names(loose)).toEqual(["O'Brien Plumbing"]);
      expect(requests()).toEqual(['GET /companies']);
    });

    it('asks for the exact forms again, once, when the wider query matches more than a page', async () => {
      const companies = serviceOf();
      const found = await companies.search('scenario - healthy', 1, 2); // "scen"/"ario" match every scenario
      expect(names(found)).toEqual([scenarioNames.healthy]);
      expect(found).toMatchObject({ totalResults: 1, loose: false });
      expect(requests()).toEqual(['GET /companies', 'GET /companies']);
    });

    it('offers close names when nothing matches, and nothing when nothing is close', async () => {
      const companies = serviceOf();
      await companies.create({ customerId: 'Crème Brûlée Studio' }); // "Crme Brle Studio"
      const none = await companies.search('Creme Brulee', 1, 20);
      expect(none.results).toEqual([]);
      expect(names({ results: none.suggestions })).toEqual(['Crme Brle Studio']);
      expect((await companies.search('Xylophone Quartet', 1, 20)).suggestions).toEqual([]);
    });

    it('keeps query-language operators in typed text from reaching Codat as operators', async () => {
      const companies = serviceOf();
      const answer = await companies.search('Healthy}||name~a&&{Linked', 1, 20);
      expect(answer.results.map((company) => company.name)).not.toContain(scenarioNames.unlinked);
      const sent = sandbox.control.requests().map((entry) => decodeURIComponent(entry.path));
      for (const path of sent) expect(path).not.toMatch(/name~a/);
    });
  });

  describe('links and IDs', () => {
    it('opens a Portal address in one request', async () => {
      const companies = serviceOf();
      const id = sandbox.companyId(scenarioNames.healthy);
      const found = await companies.search(`https://app.codat.io/companies/${id}/connections`, 1, 20);
      expect(found).toMatchObject({ byId: true, connectionId: null, results: [{ id }] });
      expect(requests()).toEqual([`GET /companies/${id}`]);
    });

    it('finds the company that owns a pasted connection ID, in two requests (one when the connection is known)', async () => {
      const id = sandbox.companyId(scenarioNames.unlinked);
      const connectionId = (await sandbox.call('GET', `/companies/${id}/connections?page=1&pageSize=10`)).body
        .results[0].id as string;
      sandbox.control.clearRequests();
      const companies = serviceOf();
      expect(await companies.search(connectionId, 1, 20)).toMatchObject({
        byId: true,
        connectionId,
        results: [{ id }],
      });
      expect(requests()).toEqual([`GET /companies/${connectionId}`, 'GET /companies']);

      sandbox.control.clearRequests();
      expect(await companies.search(connectionId.toUpperCase(), 1, 20)).toMatchObject({
        connectionId,
        results: [{ id }],
      });
      expect(requests()).toEqual([`GET /companies/${id}`]);
    });

    it('opens a deep link to a connection, and says plainly what is wrong with a link it will not read', async () => {
      const companies = serviceOf();
      const id = sandbox.companyId(scenarioNames.healthy);
      const connectionId = '0f9e8d7c-6b5a-4948-8372-615049382716';
      expect(await companies.search(`linkdesk://company/${id}/connection/${connectionId}`, 1, 20)).toMatchObject({
        byId: true,
        connectionId,
        results: [{ id }],
      });
      const refused = await failureOf(companies.search(`https://evil.example/companies/${id}`, 1, 20));
      expect(refused.error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/Codat Portal/) });
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

  it('never cancels the Companies page’s search for the palette’s, or the other way round', async () => {
    const companies = serviceOf();
    sandbox.control.addFault({ path: '/companies', method: 'GET', latencyMs: 1_000, times: 1 });
    const onThePage = companies.search('scenario', 1, 20, undefined, 'companies-page');
    const inThePalette = companies.search('healthy', 1, 20, undefined, 'palette');
    expect((await onThePage).results.length).toBeGreaterThan(0);
    expect((await inThePalette).results.length).toBeGreaterThan(0);
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
