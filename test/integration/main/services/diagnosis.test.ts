/** The diagnosis service on its own, against the sandbox over HTTP: the reading, the report, the timeline. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompanyService } from '@main/services/companies';
import { createCompanyCache } from '@main/services/company-cache';
import { createConnectionService } from '@main/services/connections';
import { createDiagnosisService } from '@main/services/diagnosis';
import { scenarioNames } from '@sandbox/seed';
import { defaultThresholds } from '@shared/settings-defaults';
import { codatFor } from '@support/codat';
import { sandboxEpoch, startTestSandbox, type TestSandbox } from '@support/sandbox';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 20 });
});
afterAll(() => sandbox.close());

function diagnosisOf(audit: Array<{ at: string; title: string; ok: boolean }> = []) {
  const api = codatFor(sandbox);
  const cache = createCompanyCache();
  const companies = createCompanyService({ api, cache });
  const connections = createConnectionService({ api, cache, companies });
  return createDiagnosisService({
    api,
    companies,
    connections,
    offlineConnectors: async () => new Set(['qudb']),
    thresholds: () => defaultThresholds,
    source: () => ({ profile: 'Test profile', host: 'sandbox' }),
    auditFor: () => audit,
    now: () => Date.parse(sandboxEpoch),
  });
}

describe('diagnosis service', () => {
  it('reads a healthy company as healthy and a failing one as failing, with evidence and a next step', async () => {
    expect((await diagnosisOf().company(sandbox.companyId(scenarioNames.healthy))).issues).toEqual([]);
    const failing = await diagnosisOf().company(sandbox.companyId(scenarioNames.syncFailing));
    expect(failing.issues).toEqual([
      expect.objectContaining({
        category: 'sync_failing',
        summary: expect.stringContaining('FetchError'),
        evidence: expect.arrayContaining([expect.objectContaining({ value: 'FetchError' })]),
        action: expect.objectContaining({ text: expect.any(String) }),
      }),
    ]);
  });

  it('writes a report for a ticket with ids, statuses and the reading, and no key', async () => {
    const companyId = sandbox.companyId(scenarioNames.deauthorized);
    const { markdown } = await diagnosisOf().report(companyId);
    expect(markdown).toContain(companyId);
    expect(markdown).toContain('Deauthorized');
    expect(markdown).toContain('Test profile');
    expect(markdown).not.toContain(sandbox.apiKey);
    expect(markdown).not.toContain(Buffer.from(sandbox.apiKey).toString('base64'));
  });

  it('tells one connection’s story: statuses, pulls and our own audit records', async () => {
    const companyId = sandbox.companyId(scenarioNames.healthy);
    const company = await sandbox.call('GET', `/companies/${companyId}`);
    const connectionId = company.body.dataConnections[0].id as string;
    const { events } = await diagnosisOf([
      { at: sandboxEpoch, title: 'Connection unlinked in Linkdesk by priya', ok: true },
    ]).timeline(companyId, connectionId);
    expect(events.map((event) => event.kind)).toEqual(
      expect.arrayContaining(['created', 'status_observed', 'pull', 'audit']),
    );
    expect(events.find((event) => event.kind === 'audit')?.title).toBe('Connection unlinked in Linkdesk by priya');
  });
});
