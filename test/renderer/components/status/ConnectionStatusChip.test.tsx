/**
 * The connection status chip, as the account manager reads it: a customer who cancelled or whose authorisation
 * failed is not shown as merely "Pending authorisation", and the chip says what to do next.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DataConnectionError } from '@shared/codat/schemas';
import { ConnectionStatusChip } from '@renderer/components/status/ConnectionStatusChip';

/** Codat's record from a `connection.failed` event (docs/codat-api.md §5). */
const userCancelled: DataConnectionError = {
  statusCode: '403',
  statusText: 'User cancelled linking',
  errorMessage: 'User cancelled',
  erroredOnUtc: '2026-06-10T11:00:00Z',
  status: 'Active',
};
const unknownError: DataConnectionError = {
  statusCode: '500',
  errorMessage: 'Unknown error occurred.',
  erroredOnUtc: '2026-06-10T11:00:00Z',
  status: 'Active',
};

/** The chip (alone on the page) and its explanation. */
function chipFor(...args: Parameters<typeof ConnectionStatusChip>) {
  cleanup();
  render(<ConnectionStatusChip {...args[0]} />);
  const tip = screen.getByRole('tooltip', { hidden: true });
  const chip = screen.getByText((_, element) => element?.getAttribute('aria-describedby') === tip.id);
  return { chip, tip };
}

describe('the connection status chip', () => {
  it('says a customer who is merely waiting is pending authorisation, in amber', () => {
    const { chip, tip } = chipFor({ connection: { status: 'PendingAuth', dataConnectionErrors: [] } });
    expect(chip).toHaveProperty('textContent', 'Pending authorisation');
    expect(chip.dataset['tone']).toBe('pending');
    expect(tip.textContent).toBe('The customer has not finished authorising yet. Send them the link.');
  });

  it('says the customer cancelled, not in the waiting amber, with the next step', () => {
    const { chip, tip } = chipFor({ connection: { status: 'PendingAuth', dataConnectionErrors: [userCancelled] } });
    expect(chip.textContent).toBe('Authorisation cancelled');
    expect(chip.dataset['tone']).toBe('neutral');
    expect(tip.textContent).toBe(
      'The customer cancelled authorising (Codat: “User cancelled”). Hand over a fresh link and stay on the phone while they authorise.',
    );
  });

  it('says authorisation failed, in red, in Codat’s words, with the next step', () => {
    const { chip, tip } = chipFor({ connection: { status: 'PendingAuth', dataConnectionErrors: [unknownError] } });
    expect(chip.textContent).toBe('Authorisation failed');
    expect(chip.dataset['tone']).toBe('error');
    expect(tip.textContent).toContain('Authorising failed (Codat: “Unknown error occurred.”). Hand over a fresh link');
  });

  it('counts an error status Codat adds later as unresolved, and a resolved error as over', () => {
    const escalated = { ...unknownError, status: 'Escalated' };
    expect(chipFor({ connection: { status: 'PendingAuth', dataConnectionErrors: [escalated] } }).chip.textContent).toBe(
      'Authorisation failed',
    );
  });

  it('goes back to waiting once Codat marks the error resolved', () => {
    const resolved: DataConnectionError = {
      ...userCancelled,
      status: 'Resolved',
      resolvedOnUtc: '2026-06-10T11:05:00Z',
    };
    expect(chipFor({ connection: { status: 'PendingAuth', dataConnectionErrors: [resolved] } }).chip.textContent).toBe(
      'Pending authorisation',
    );
  });

  it('keeps a linked connection’s earlier errors out of its status, and an unknown status as Codat sent it', () => {
    expect(chipFor({ connection: { status: 'Linked', dataConnectionErrors: [userCancelled] } }).chip.textContent).toBe(
      'Linked',
    );
    const later = chipFor({ connection: { status: 'Suspended', dataConnectionErrors: [userCancelled] } });
    expect(later.chip.textContent).toBe('Unknown status: Suspended');
    expect(later.chip.dataset['tone']).toBe('neutral');
  });
});
