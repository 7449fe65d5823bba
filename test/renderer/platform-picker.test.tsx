/**
 * The platform picker from the keyboard: Enter in the filter connects the first match, ↓ moves into the list,
 * and the platforms connected lately come first. The real component in a DOM, with only the bridge replaced.
 */
import { render, screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection, SourceType } from '@shared/codat/schemas';
import type { AppInfo, IntegrationCard } from '@shared/contract';
import { linkdesk } from '@renderer/api';
import { PlatformPicker } from '@renderer/features/company/connections/PlatformPicker';
import type { IntegrationsState } from '@renderer/features/company/connections/usePlatforms';
import { useAppStore } from '@renderer/stores/app-store';

vi.mock('@renderer/api', () => ({
  hostBridge: 'http',
  linkdesk: {
    connections: { create: vi.fn() },
    codat: { checkConnectivity: vi.fn() },
  },
}));

const createConnection = vi.mocked(linkdesk.connections.create);
const companyId = '0b7c1a2d-3e4f-4a5b-9c6d-7e8f9a0b1c2d';

function platform(key: string, name: string, sourceType: SourceType): IntegrationCard {
  const branding = { logoFull: null, logoSquare: null, buttonDefault: null, buttonHover: null };
  return { key, name, sourceType, enabled: true, isOfflineConnector: false, isBeta: false, logo: null, branding };
}
const integrations: IntegrationsState = {
  status: 'ready',
  cachedAt: null,
  offline: false,
  integrations: [
    platform('gbol', 'Xero', 'Accounting'),
    platform('qhyg', 'QuickBooks Online', 'Accounting'),
    platform('pqsw', 'QuickBooks Desktop', 'Accounting'),
    platform('suuo', 'Plaid', 'Banking'),
    platform('fztf', 'Shopify', 'Commerce'),
    platform('exgd', 'Stripe', 'Commerce'),
  ],
};

function connectionTo(key: string, name: string): Connection {
  return {
    id: '9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
    integrationId: `integration-${key}`,
    integrationKey: key,
    sourceId: `source-${key}`,
    sourceType: 'Commerce',
    platformName: name,
    linkUrl: 'https://link.example/x',
    status: 'PendingAuth',
    created: '2026-01-05T10:00:00Z',
  };
}

function onProfile(id: string) {
  const info: AppInfo = {
    name: 'Linkdesk',
    version: '0.0.0-test',
    platform: 'linux',
    host: 'web',
    activeProfile: { id, name: 'Main', environment: 'training' },
    secretStorage: { osKeychain: false, level: 'session_only', explanation: 'Session only.' },
    notices: [],
    audit: { pending: 0, problem: null },
  };
  useAppStore.setState({ info, online: true });
}

function renderPicker(dataConnections: Connection[] = []) {
  const onCreated = vi.fn();
  const view = render(
    <PlatformPicker
      companyId={companyId}
      company={{ dataConnections }}
      integrations={integrations}
      onRetryIntegrations={() => {}}
      onCreated={onCreated}
      onShowExisting={() => {}}
      onReloadConnections={() => {}}
      onClose={() => {}}
      returnFocusTo={createRef<HTMLElement>()}
    />,
  );
  const dialog = screen.getByRole('dialog', { name: 'Connect a platform' });
  return { onCreated, dialog, filter: within(dialog).getByRole('textbox', { name: 'Filter platforms' }), view };
}

beforeEach(() => {
  window.localStorage.clear();
  createConnection.mockReset();
  vi.mocked(linkdesk.codat.checkConnectivity).mockResolvedValue({
    ok: true,
    value: { online: true, checkedAt: '2026-01-05T10:00:00Z' },
  });
  onProfile('profile-1');
});
afterEach(() => useAppStore.setState({ info: null }));

describe('platform picker from the keyboard', () => {
  it('Enter in the filter connects the first match', async () => {
    createConnection.mockResolvedValue({ ok: true, value: connectionTo('qhyg', 'QuickBooks Online') });
    const { filter, onCreated } = renderPicker();
    const user = userEvent.setup();
    expect(document.activeElement).toBe(filter);

    await user.keyboard('quick{Enter}');
    expect(createConnection).toHaveBeenCalledTimes(1);
    // Grouped and sorted by name: QuickBooks Desktop comes before QuickBooks Online.
    expect(createConnection).toHaveBeenCalledWith({ companyId, platformKey: 'pqsw' });
    await waitFor(() => expect(onCreated).toHaveBeenCalledTimes(1));
  });

  it('Enter skips a platform that cannot be chosen, and does nothing with an empty filter', async () => {
    const existing = { ...connectionTo('gbol', 'Xero'), sourceType: 'Accounting' as const, status: 'Linked' as const };
    createConnection.mockResolvedValue({ ok: true, value: connectionTo('suuo', 'Plaid') });
    renderPicker([existing]);
    const user = userEvent.setup();
    await user.keyboard('{Enter}');
    expect(createConnection).not.toHaveBeenCalled();
    // "a" matches accounting platforms first, but the company has one already: Plaid is the first choosable.
    await user.keyboard('a{Enter}');
    expect(createConnection).toHaveBeenCalledWith({ companyId, platformKey: 'suuo' });
  });

  it('↓ moves from the filter to the first platform, and on through the list', async () => {
    const { dialog } = renderPicker();
    const user = userEvent.setup();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'QuickBooks Desktop' }));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'QuickBooks Online' }));
    expect(createConnection).not.toHaveBeenCalled();
  });
});

describe('recently used platforms', () => {
  it('come first, under "Recent", once connected; per profile', async () => {
    createConnection.mockResolvedValue({ ok: true, value: connectionTo('exgd', 'Stripe') });
    const first = renderPicker();
    const user = userEvent.setup();
    await user.click(within(first.dialog).getByRole('button', { name: 'Stripe' }));
    await waitFor(() => expect(first.onCreated).toHaveBeenCalledTimes(1));
    first.view.unmount();

    const { dialog, view } = renderPicker();
    const recent = within(dialog).getByRole('region', { name: /^Recent/ });
    expect(within(recent).getAllByRole('button')).toEqual([within(recent).getByRole('button', { name: 'Stripe' })]);
    // Listed once: not again under Commerce.
    expect(within(dialog).getAllByRole('button', { name: 'Stripe' })).toHaveLength(1);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Stripe' }));
    expect(within(dialog).getAllByRole('heading', { level: 3 })[0]?.textContent).toMatch(/^Recent/);

    view.unmount();
    onProfile('profile-2');
    const other = renderPicker();
    expect(within(other.dialog).queryByRole('region', { name: /^Recent/ })).toBeNull();
  });

  it('ignore what cannot be read in storage', () => {
    window.localStorage.setItem('linkdesk.recentPlatforms.profile-1', '{"not":"a list"}');
    const { dialog } = renderPicker();
    expect(within(dialog).queryByRole('region', { name: /^Recent/ })).toBeNull();
  });
});
