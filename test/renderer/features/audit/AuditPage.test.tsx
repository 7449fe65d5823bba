/**
 * The audit log's export is what the filters ask for: while the list still shows the records of the filters
 * before, "Export CSV" waits (a quick click used to export every action after choosing one).
 */
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditRecord } from '@shared/domain/audit';
import { linkdesk } from '@renderer/api';
import { AuditPage } from '@renderer/features/audit/AuditPage';
import { downloadCsv } from '@renderer/lib/download';

vi.mock('@renderer/api', () => ({
  hostBridge: 'http',
  linkdesk: { audit: { list: vi.fn() } },
}));
vi.mock('@renderer/lib/download', () => ({ downloadCsv: vi.fn() }));

const list = vi.mocked(linkdesk.audit.list);

function record(id: string, action: AuditRecord['action']): AuditRecord {
  return {
    id,
    at: '2026-11-30T09:00:00.000Z',
    user: 'sam',
    profile: { name: 'Training', environment: 'training', host: 'sandbox' },
    action,
    target: { companyId: id, companyName: `Company ${id}` },
    result: { ok: true },
  };
}

afterEach(() => vi.clearAllMocks());

describe('AuditPage export', () => {
  it('waits for the records of the chosen action before it exports', async () => {
    const everything = [record('a', 'company.create'), record('b', 'company.delete')];
    list.mockResolvedValueOnce({ ok: true, value: { records: everything, warnings: [] } });
    let answerFiltered: (records: AuditRecord[]) => void = () => {};
    list.mockImplementationOnce(
      () =>
        new Promise((resolve) => {
          answerFiltered = (records) => resolve({ ok: true, value: { records, warnings: [] } });
        }),
    );
    const user = userEvent.setup();
    render(<AuditPage />);
    const exportButton = await screen.findByRole('button', { name: 'Export CSV' });
    await waitFor(() => expect((exportButton as HTMLButtonElement).disabled).toBe(false));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Action' }), 'company.create');
    // The list still shows both records until main answers for the filter.
    expect((exportButton as HTMLButtonElement).disabled).toBe(true);

    await waitFor(() => expect(list).toHaveBeenCalledTimes(2));
    await act(async () => answerFiltered([everything[0]!]));
    await waitFor(() => expect((exportButton as HTMLButtonElement).disabled).toBe(false));
    await user.click(exportButton);
    const [csv] = vi.mocked(downloadCsv).mock.calls[0] ?? [''];
    expect(csv).toContain('Company a');
    expect(csv).not.toContain('Company b');
  });
});
