/**
 * A scripted tour of every endpoint the sandbox serves, successes and errors alike. Each response must
 * validate against the official OpenAPI document for its operation and status, and parse with the
 * official SDK's models. Where the spec lists no status for an error Codat must still give (documented in
 * docs/sandbox.md), the body is checked against the spec's ErrorMessage schema instead.
 */
import { CodatPlatform } from '@codat/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioNames } from '@sandbox/seed';
import { actAsCustomer } from '@support/customer';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';
import { checkAgainstSchema, checkResponse, operationsInSpec } from './openapi';
import { parseWithSdk } from './sdk';

/** Statuses the spec omits for these operations but the sandbox must use (docs/codat-api.md §5, §13). */
const documentedExtensions: Record<string, number[]> = {
  'create-connection': [400],
  'unlink-connection': [400],
};

/** The operations the sandbox serves; the tour must visit each. */
const servedOperations = [
  'get-profile',
  'list-companies',
  'create-company',
  'get-company',
  'update-company',
  'replace-company',
  'delete-company',
  'list-connections',
  'create-connection',
  'get-connection',
  'unlink-connection',
  'delete-connection',
  'get-company-access-token',
  'get-company-data-status',
  'list-pull-operations',
  'get-pull-operation',
  'refresh-company-data',
  'refresh-data-type',
  'list-integrations',
  'get-integration',
  'get-integrations-branding',
  'list-webhook-consumers',
];

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 30 });
});
afterAll(() => sandbox.close());

interface Visit {
  method: string;
  path: string;
  status: number;
  operationId: string;
  problems: string[];
}

describe('contract: the sandbox against the official OpenAPI document and SDK', () => {
  let visits: Visit[] = [];

  async function visit(method: string, path: string, expectedStatus: number, body?: unknown) {
    const answer = await sandbox.call(method, path, body);
    const problems: string[] = [];
    if (answer.status !== expectedStatus)
      problems.push(`expected HTTP ${expectedStatus}, got ${answer.status}: ${answer.text.slice(0, 200)}`);
    const check = checkResponse(method, path, answer.status, answer.body);
    const extension = documentedExtensions[check.operationId]?.includes(answer.status);
    if (extension) problems.push(...checkAgainstSchema('#/components/schemas/ErrorMessage', answer.body));
    else problems.push(...check.errors);
    const sdk = parseWithSdk(check.operationId, answer.status, answer.body);
    if (!sdk.ok) problems.push(sdk.error);
    visits.push({ method, path, status: answer.status, operationId: check.operationId, problems });
    return answer;
  }

  it('every response of the tour matches the spec and parses with the SDK, and the tour visits every served operation', async () => {
    visits = [];
    const healthy = sandbox.companyId(scenarioNames.healthy);
    const failing = sandbox.companyId(scenarioNames.validationError);
    const missing = '00000000-0000-4000-8000-000000000000';

    await visit('GET', '/profile', 200);
    await visit('GET', '/companies?page=1&pageSize=10', 200);
    await visit(
      'GET',
      `/companies?page=1&pageSize=10&query=${encodeURIComponent('name~Scenario && dataConnections.status=Linked')}&orderBy=-created`,
      200,
    );
    await visit('GET', `/companies?page=1&pageSize=10&tags=${encodeURIComponent('region=uk')}`, 200);
    await visit('GET', `/companies?query=${encodeURIComponent('name~~')}`, 400);
    await visit('GET', '/companies?pageSize=0', 400);
    const created = await visit('POST', '/companies', 200, {
      name: 'Tour (Company)',
      description: 'Contract tour',
      tags: { team: 'onboarding' },
    });
    const companyId = created.body.id as string;
    await visit('POST', '/companies', 400, { description: 'no name' });
    await visit('GET', `/companies/${companyId}`, 200);
    await visit('GET', `/companies/${healthy}`, 200);
    await visit('GET', `/companies/${missing}`, 404);
    await visit('PATCH', `/companies/${companyId}`, 200, { description: 'Patched' });
    await visit('PATCH', `/companies/${missing}`, 404, { name: 'x' });
    await visit('PUT', `/companies/${companyId}`, 200, { name: 'Tour Company', tags: { team: 'onboarding' } });
    await visit('PUT', `/companies/${missing}`, 404, { name: 'x' });

    await visit('GET', '/integrations?page=1&pageSize=100', 200);
    await visit('GET', `/integrations?query=${encodeURIComponent('sourceType=Accounting&&enabled=true')}`, 200);
    await visit('GET', `/integrations?query=${encodeURIComponent('bogus=1')}`, 400);
    await visit('GET', '/integrations/gbol', 200);
    await visit('GET', '/integrations/zzzz', 404);
    await visit('GET', '/integrations/qhyg/branding', 200);
    await visit('GET', '/integrations/zzzz/branding', 404);

    const connection = await visit('POST', `/companies/${companyId}/connections`, 200, { platformKey: 'gbol' });
    const connectionId = connection.body.id as string;
    await visit('POST', `/companies/${companyId}/connections`, 400, { platformKey: 'qhyg' });
    await visit('POST', `/companies/${companyId}/connections`, 404, { platformKey: 'zzzz' });
    await visit('POST', `/companies/${missing}/connections`, 404, { platformKey: 'gbol' });
    await visit('GET', `/companies/${companyId}/connections?page=1&pageSize=100`, 200);
    await visit('GET', `/companies/${companyId}/connections?query=${encodeURIComponent('status=PendingAuth')}`, 200);
    await visit('GET', `/companies/${companyId}/connections?query=${encodeURIComponent('status=')}`, 400);
    await visit('GET', `/companies/${missing}/connections`, 404);
    await visit('GET', `/companies/${companyId}/connections/${connectionId}`, 200);
    await visit('GET', `/companies/${companyId}/connections/${missing}`, 404);
    await visit('PATCH', `/companies/${companyId}/connections/${connectionId}`, 400, { status: 'Unlinked' });

    // The customer cancels once (an error on the connection), then authorises.
    await actAsCustomer(connection.body.linkUrl, 'cancel');
    const cancelled = await visit('GET', `/companies/${companyId}/connections/${connectionId}`, 200);
    expect(cancelled.body.dataConnectionErrors).toHaveLength(1);
    await actAsCustomer(cancelled.body.linkUrl, 'authorise');
    await visit('GET', `/companies/${companyId}/connections/${connectionId}`, 200);
    await visit('GET', `/companies/${companyId}/dataStatus`, 200);
    await visit('GET', `/companies/${companyId}/data/history?page=1&pageSize=100`, 200);
    const queued = await visit(
      'POST',
      `/companies/${companyId}/data/queue/bankAccounts?connectionId=${connectionId}`,
      200,
    );
    await visit('POST', `/companies/${companyId}/data/queue/bankAccounts`, 400);
    await visit('POST', `/companies/${companyId}/data/queue/notAType`, 400);
    await visit('POST', `/companies/${companyId}/data/queue/commerce-orders`, 404);
    await visit('GET', `/companies/${companyId}/data/history/${queued.body.id}`, 200);
    sandbox.control.advanceClock(60_000);
    await visit('GET', `/companies/${companyId}/data/history/${queued.body.id}`, 200);
    await visit('GET', `/companies/${companyId}/data/history/${missing}`, 404);
    await visit('GET', `/companies/${companyId}/data/history?query=${encodeURIComponent('isCompleted=true')}`, 400);
    await visit('POST', `/companies/${companyId}/data/all`, 204);
    await visit('POST', `/companies/${sandbox.companyId(scenarioNames.noConnections)}/data/all`, 400);
    await visit('POST', `/companies/${missing}/data/all`, 404);
    await visit('GET', `/companies/${healthy}/dataStatus`, 200);
    await visit('GET', `/companies/${missing}/dataStatus`, 404);
    await visit('GET', `/companies/${failing}/data/history?query=${encodeURIComponent('status=ValidationError')}`, 200);
    await visit('GET', `/companies/${companyId}/accessToken`, 200);
    await visit('GET', `/companies/${missing}/accessToken`, 404);
    await visit('GET', '/webhooks', 200);

    await visit('PATCH', `/companies/${companyId}/connections/${connectionId}`, 200, { status: 'Unlinked' });
    await visit('PATCH', `/companies/${companyId}/connections/${connectionId}`, 400, { status: 'Unlinked' });
    await visit('DELETE', `/companies/${companyId}/connections/${connectionId}`, 200);
    await visit('DELETE', `/companies/${companyId}/connections/${connectionId}`, 404);
    await visit('DELETE', `/companies/${companyId}`, 204);
    await visit('DELETE', `/companies/${companyId}`, 404);

    // Faults and limits answer in the spec's shapes too.
    sandbox.control.addFault({ path: '/companies', method: 'GET', status: 503, times: 1 });
    await visit('GET', '/companies', 503);
    sandbox.control.addFault({ path: '/companies', method: 'GET', status: 429, retryAfterSeconds: 2, times: 1 });
    await visit('GET', '/companies', 429);
    sandbox.control.addFault({ path: '/companies', method: 'POST', status: 402, times: 1 });
    await visit('POST', '/companies', 402, { name: 'Over limit' });
    const unauthorised = await fetch(`${sandbox.url}/profile`);
    const unauthorisedBody = await unauthorised.json();
    visits.push({
      method: 'GET',
      path: '/profile',
      status: 401,
      operationId: 'get-profile',
      problems: checkResponse('GET', '/profile', 401, unauthorisedBody).errors,
    });

    const failures = visits.filter((entry) => entry.problems.length > 0);
    expect(
      failures.map((entry) => `${entry.method} ${entry.path} -> ${entry.status}\n  ${entry.problems.join('\n  ')}`),
    ).toEqual([]);
    const visited = new Set(visits.map((entry) => entry.operationId));
    expect(servedOperations.filter((operationId) => !visited.has(operationId))).toEqual([]);
  });

  it('every operation the sandbox claims to serve is in the official document', () => {
    const known = new Set(operationsInSpec().map((operation) => operation.operationId));
    expect(servedOperations.filter((operationId) => !known.has(operationId))).toEqual([]);
  });
});

describe('contract: the official SDK as a client of the sandbox', () => {
  it('lists, creates and connects through @codat/platform', async () => {
    const codat = new CodatPlatform({
      authHeader: sandbox.authorization,
      serverURL: sandbox.url,
      retryConfig: { strategy: 'none' },
    });
    const page = await codat.companies.list({ page: 1, pageSize: 5, query: 'name~Scenario' });
    expect(page.results?.length).toBe(5);
    expect(page.totalResults).toBeGreaterThanOrEqual(13);
    const company = await codat.companies.create({ name: 'SDK Company' });
    const connection = await codat.connections.create({ companyId: company.id, requestBody: { platformKey: 'gbol' } });
    expect(connection.status).toBe('PendingAuth');
    const status = await codat.companies.get({ companyId: company.id });
    expect(status.dataConnections?.[0]?.id).toBe(connection.id);
    const integrations = await codat.integrations.list({ page: 1, pageSize: 100 });
    expect(integrations.totalResults).toBeGreaterThanOrEqual(30);
    await expect(codat.companies.get({ companyId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});
