/** The Codat schemas accept what Codat may add later, leave out what they cannot read, and log each problem once. */
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { resetReportedAnomalies } from '@shared/codat/anomalies';
import {
  companySchema,
  connectionSchema,
  dataStatusesSchema,
  integrationSchema,
  isKnownConnectionStatus,
  isKnownPullStatus,
  isKnownSourceType,
  pageSchema,
  pullOperationSchema,
} from '@shared/codat/schemas';
import { operations } from '@shared/contract';

let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  resetReportedAnomalies();
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => warn.mockRestore());
const warnings = () => warn.mock.calls.map((args) => args.map(String).join(' '));

const connection = (overrides: Record<string, unknown> = {}) => ({
  id: 'c0000000-0000-4000-8000-000000000001',
  integrationId: 'i',
  integrationKey: 'gbol',
  sourceId: 's',
  sourceType: 'Accounting',
  platformName: 'Xero',
  linkUrl: 'https://link.example/start',
  status: 'Linked',
  created: '2026-06-01T09:00:00Z',
  ...overrides,
});
const company = (overrides: Record<string, unknown> = {}) => ({
  id: 'a0000000-0000-4000-8000-000000000001',
  name: 'Harbour Bakery Ltd',
  redirect: 'https://link.example/company',
  dataConnections: [connection()],
  ...overrides,
});
const pull = (overrides: Record<string, unknown> = {}) => ({
  id: 'd0000000-0000-4000-8000-000000000001',
  companyId: 'a0000000-0000-4000-8000-000000000001',
  connectionId: 'c0000000-0000-4000-8000-000000000001',
  dataType: 'invoices',
  status: 'Complete',
  requested: '2026-06-01T09:00:00Z',
  progress: 100,
  isCompleted: true,
  isErrored: false,
  ...overrides,
});
const page = (results: unknown[]) => ({
  results,
  pageNumber: 1,
  pageSize: 100,
  totalResults: results.length,
  _links: { self: { href: '/companies' }, current: { href: '/companies?page=1' } },
});

describe('values Codat may add to an enum', () => {
  it('a connection status, source type and error status Linkdesk does not know are kept as they came', () => {
    const parsed = connectionSchema.parse(
      connection({ status: 'Suspended', sourceType: 'Payroll', dataConnectionErrors: [{ status: 'Escalated' }] }),
    );
    expect(parsed.status).toBe('Suspended');
    expect(parsed.sourceType).toBe('Payroll');
    expect(parsed.dataConnectionErrors?.[0]?.status).toBe('Escalated');
    expect(isKnownConnectionStatus(parsed.status)).toBe(false);
    expect(isKnownConnectionStatus('Linked')).toBe(true);
    expect(isKnownSourceType(parsed.sourceType)).toBe(false);
  });

  it('a pull status and a data type Linkdesk does not know, in a pull and in the data status', () => {
    expect(pullOperationSchema.parse(pull({ status: 'Throttled', dataType: 'payroll-employees' }))).toMatchObject({
      status: 'Throttled',
      dataType: 'payroll-employees',
    });
    const statuses = dataStatusesSchema.parse({
      invoices: { dataType: 'invoices', currentStatus: 'Throttled' },
      'payroll-employees': { dataType: 'payroll-employees', currentStatus: 'Complete' },
    });
    expect(statuses['invoices']?.currentStatus).toBe('Throttled');
    expect(isKnownPullStatus(statuses['invoices']?.currentStatus)).toBe(false);
    expect(statuses['payroll-employees']?.dataType).toBe('payroll-employees');
  });

  it('an integration whose source type Linkdesk does not know', () => {
    const parsed = integrationSchema.parse({
      key: 'zzzz',
      logoUrl: '',
      name: 'PayFlow',
      enabled: true,
      sourceType: 'Payroll',
    });
    expect(parsed.sourceType).toBe('Payroll');
  });

  it('logs each distinct value once per resource and field, quoted, and still rejects a value of the wrong type', () => {
    for (let i = 0; i < 3; i += 1) connectionSchema.parse(connection({ status: 'Suspended' }));
    connectionSchema.parse(connection({ status: 'Paused' }));
    pullOperationSchema.parse(pull({ status: 'Suspended' }));
    expect(warnings()).toEqual([
      '[codat] A connection has status "Suspended", a value Linkdesk does not know yet: it is kept and shown as it is.',
      '[codat] A connection has status "Paused", a value Linkdesk does not know yet: it is kept and shown as it is.',
      '[codat] A pull operation has status "Suspended", a value Linkdesk does not know yet: it is kept and shown as it is.',
    ]);
    expect(connectionSchema.safeParse(connection({ status: 42 })).success).toBe(false);
  });

  it('quotes what it logs (no line breaks from Codat), cuts long values, and stops after many distinct ones', () => {
    connectionSchema.parse(connection({ status: `Bad\nline ${'x'.repeat(200)}` }));
    expect(warnings()[0]).toContain('"Bad\\nline xxx');
    expect(warnings()[0]!.length).toBeLessThan(220);
    for (let i = 0; i < 600; i += 1) connectionSchema.parse(connection({ status: `Status${i}` }));
    expect(warnings().length).toBeLessThanOrEqual(502);
    expect(warnings().at(-1)).toContain('no longer logging each one');
  });

  it('the bridge contract carries them: a company with an unknown connection status is a valid answer', () => {
    const answer = operations['companies.get'].output.safeParse(
      company({ dataConnections: [connection({ status: 'Suspended' })] }),
    );
    expect(answer.success).toBe(true);
  });
});

describe('a record of a list in an unexpected shape', () => {
  const companiesPage = pageSchema(companySchema, 'company');

  it('is left out of its page and counted; the other records are kept', () => {
    const broken = company({ id: 'a0000000-0000-4000-8000-000000000002', redirect: 42 });
    const parsed = companiesPage.parse(
      page([company(), broken, company({ id: 'a0000000-0000-4000-8000-000000000003' })]),
    );
    expect(parsed.results.map((result) => result.id)).toEqual([
      'a0000000-0000-4000-8000-000000000001',
      'a0000000-0000-4000-8000-000000000003',
    ]);
    expect(parsed.unreadable).toBe(1);
    expect(parsed.totalResults).toBe(3);
  });

  it('is logged once per problem, with its id and what is wrong, never the record', () => {
    const broken = (id: string) => company({ id, name: 'Secretive Name Ltd', redirect: 42 });
    companiesPage.parse(page([broken('a0000000-0000-4000-8000-000000000002')]));
    companiesPage.parse(page([broken('a0000000-0000-4000-8000-000000000002')]));
    companiesPage.parse(page([broken('a0000000-0000-4000-8000-000000000004')]));
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatch(/^\[codat\] Left out a company record/);
    expect(warnings()[0]).toContain('"a0000000-0000-4000-8000-000000000002"');
    expect(warnings()[0]).toContain('redirect');
    expect(warnings()[0]).not.toContain('Secretive Name Ltd');
  });

  it('a record that is not an object at all is left out too', () => {
    const parsed = companiesPage.parse(page([null, 'text', company()]));
    expect(parsed.results).toHaveLength(1);
    expect(parsed.unreadable).toBe(2);
  });

  it('a broken connection of a company, or a broken data status entry, leaves out only that one', () => {
    const parsed = companySchema.parse(
      company({ dataConnections: [connection(), connection({ id: 'c2', created: undefined }), 'junk'] }),
    );
    expect(parsed.dataConnections?.map((c) => c.id)).toEqual(['c0000000-0000-4000-8000-000000000001']);
    const statuses = dataStatusesSchema.parse({
      invoices: { dataType: 'invoices', currentStatus: 'Complete' },
      bills: { currentStatus: 'Complete' },
      items: null,
    });
    expect(Object.keys(statuses).sort()).toEqual(['invoices', 'items']);
  });

  it('a page that is not a page is still refused as a whole', () => {
    expect(companiesPage.safeParse({ results: 'none' }).success).toBe(false);
  });
});
