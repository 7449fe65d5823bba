/** History with nothing to list says what would be there and what to do, not just "None". */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from '@shared/codat/schemas';
import { HistoryPanel } from '@renderer/features/company/investigate/HistoryPanel';
import type { BridgeRecorder } from './bridge-recorder';

const bridge = vi.hoisted((): BridgeRecorder => ({ calls: [], answers: new Map() }));
vi.mock('@renderer/api', async () => ({
  hostBridge: 'http',
  linkdesk: (await import('./bridge-recorder')).recordingBridge(bridge),
}));

const companyId = '0b7c1a2d-3e4f-4a5b-9c6d-7e8f9a0b1c2d';
const connection: Connection = {
  id: '9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
  integrationId: 'integration-xero',
  sourceId: 'source-xero',
  sourceType: 'Accounting',
  platformName: 'Xero',
  linkUrl: 'https://link.example/xero',
  status: 'PendingAuth',
  created: '2026-01-05T10:00:00Z',
};

beforeEach(() => {
  bridge.calls.length = 0;
  bridge.answers.clear();
  bridge.answers.set('data.history', { results: [], totalResults: 0, unreadable: 0 });
});

describe('History with no pull operations', () => {
  it('says what would be listed, and, before the customer links, to hand over the link', async () => {
    render(<HistoryPanel companyId={companyId} connections={[connection]} active />);
    const empty = await screen.findByRole('region', { name: 'No syncs yet' });
    expect(empty.querySelector('h3')?.textContent).toBe('No syncs yet');
    expect(empty.textContent).toContain('Each time Codat reads this company’s data');
    expect(empty.textContent).toContain('hand them the connection link');
    expect(screen.queryByText('None')).toBeNull();
  });

  it('once linked, says how to start a sync', async () => {
    render(<HistoryPanel companyId={companyId} connections={[{ ...connection, status: 'Linked' }]} active />);
    const empty = await screen.findByRole('region', { name: 'No syncs yet' });
    expect(empty.textContent).toContain('choose Sync status and press Refresh data');
  });

  it('with “Errors only”, says there are no failed syncs and how to see the others', async () => {
    const user = userEvent.setup();
    render(<HistoryPanel companyId={companyId} connections={[connection]} active />);
    await screen.findByRole('region', { name: 'No syncs yet' });
    await user.click(screen.getByRole('checkbox', { name: 'Errors only' }));
    const empty = await screen.findByRole('region', { name: 'No failed syncs' });
    expect(empty.textContent).toContain('Clear “Errors only” to see every sync.');
    expect(screen.queryByText('None')).toBeNull();
    expect(bridge.calls).toEqual(['data.history', 'data.history']);
  });
});
