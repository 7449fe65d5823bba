/**
 * "Nothing is read from Codat until you choose": on every company, including the one after an analyst used a tab
 * on the last. Only the bridge is replaced, and every call to it is counted.
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { InvestigatePanel } from '@renderer/features/company/investigate/InvestigatePanel';
import type { BridgeRecorder } from './bridge-recorder';

const bridge = vi.hoisted((): BridgeRecorder => ({ calls: [], answers: new Map() }));
vi.mock('@renderer/api', async () => ({
  hostBridge: 'http',
  linkdesk: (await import('./bridge-recorder')).recordingBridge(bridge),
}));

const firstCompany = '0b7c1a2d-3e4f-4a5b-9c6d-7e8f9a0b1c2d';
const nextCompany = '1c8d2b3e-4f5a-4b6c-8d7e-8f9a0b1c2d3e';

beforeEach(() => {
  bridge.calls.length = 0;
  bridge.answers.clear();
  bridge.answers.set('data.history', { results: [], totalResults: 0, unreadable: 0 });
  window.sessionStorage.clear();
});

describe('the Investigate section', () => {
  it('reads nothing on the next company although the analyst used History on the last', async () => {
    const user = userEvent.setup();
    const first = render(<InvestigatePanel companyId={firstCompany} connections={[]} />);
    await user.click(screen.getByRole('tab', { name: 'History' }));
    expect(await screen.findByRole('tabpanel', { name: 'History' })).toBeTruthy();
    expect(bridge.calls).toEqual(['data.history']);
    first.unmount();

    bridge.calls.length = 0;
    render(<InvestigatePanel companyId={nextCompany} connections={[]} />);
    expect(screen.queryByRole('tabpanel')).toBeNull();
    for (const tab of screen.getAllByRole('tab')) expect(tab.getAttribute('aria-selected')).toBe('false');
    expect(screen.getByText(/Nothing is read from Codat until you choose/)).toBeTruthy();
    // render() has run every effect: a panel that reads on showing would have called the bridge by now.
    expect(bridge.calls).toEqual([]);

    // The last tab used is the tab list's Tab stop: one Tab and Enter open it, and only then is Codat read.
    expect(screen.getByRole('tab', { name: 'History' }).tabIndex).toBe(0);
    expect(screen.getByRole('tab', { name: 'Diagnosis' }).tabIndex).toBe(-1);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'History' }));
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('tabpanel', { name: 'History' })).toBeTruthy();
    expect(bridge.calls).toEqual(['data.history']);
  });
});
