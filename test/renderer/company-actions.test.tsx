/**
 * The confirmations for unlinking, deleting a connection and deleting a company, as a user meets them: the real
 * components in a DOM, with only the bridge (`@renderer/api`) replaced.
 */
import { act, render, screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Company, Connection } from '@shared/codat/schemas';
import type { AppInfo } from '@shared/contract';
import type { BridgeError, Result } from '@shared/result';
import { linkdesk } from '@renderer/api';
import { CompanyMenu } from '@renderer/features/company-actions/CompanyMenu';
import { ConnectionActions } from '@renderer/features/company-actions/ConnectionActions';
import { useAppStore } from '@renderer/stores/app-store';

vi.mock('@renderer/api', () => ({
  hostBridge: 'http',
  linkdesk: {
    connections: { unlink: vi.fn(), delete: vi.fn() },
    companies: { delete: vi.fn() },
  },
}));

const unlink = vi.mocked(linkdesk.connections.unlink);
const deleteConnection = vi.mocked(linkdesk.connections.delete);
const deleteCompany = vi.mocked(linkdesk.companies.delete);

const connection: Connection = {
  id: '9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
  integrationId: 'integration-xero',
  sourceId: 'source-xero',
  sourceType: 'Accounting',
  platformName: 'Xero',
  linkUrl: 'https://link.example/xero',
  status: 'Linked',
  created: '2026-01-05T10:00:00Z',
};
const company: Company = {
  id: '0b7c1a2d-3e4f-4a5b-9c6d-7e8f9a0b1c2d',
  name: 'Harbour Bakery',
  redirect: 'https://link.example/company',
  dataConnections: [connection],
};
const codatRefusal: BridgeError = {
  code: 'codat',
  message: 'Codat is unavailable right now.',
  status: 503,
  correlationId: 'c0rre1at10n-7e57',
};

/** A bridge answer that arrives only when the test says so. */
function pending<T>() {
  let answer!: (result: Result<T>) => void;
  const promise = new Promise<Result<T>>((resolve) => (answer = resolve));
  return { promise, answer };
}

function onProfile(environment: 'training' | 'production') {
  const info: AppInfo = {
    name: 'Linkdesk',
    version: '0.0.0-test',
    platform: 'linux',
    host: 'web',
    activeProfile: { id: 'profile-1', name: 'Main', environment },
    secretStorage: { osKeychain: false, level: 'session_only', explanation: 'Session only.' },
    notices: [],
    audit: { pending: 0, problem: null },
  };
  useAppStore.setState({ info });
}

beforeEach(() => {
  unlink.mockReset();
  deleteConnection.mockReset();
  deleteCompany.mockReset();
  onProfile('training');
});
afterEach(() => useAppStore.setState({ info: null }));

function renderConnectionActions(target: Connection = connection) {
  const onChanged = vi.fn();
  render(<ConnectionActions company={company} connection={target} onChanged={onChanged} />);
  return { onChanged, user: userEvent.setup() };
}

describe('Unlink', () => {
  it('asks first, focused on Cancel, and Cancel or Escape close it with focus back on Unlink', async () => {
    const { user } = renderConnectionActions();
    const opener = screen.getByRole('button', { name: 'Unlink' });

    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Unlink Xero?' });
    expect(within(dialog).getByText(/Codat stops syncing new data from Xero for Harbour Bakery/)).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);

    await user.click(opener);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(unlink).not.toHaveBeenCalled();
  });

  it('Enter pressed as it opens revokes nothing: it closes the dialog', async () => {
    const { user } = renderConnectionActions();
    const opener = screen.getByRole('button', { name: 'Unlink' });
    opener.focus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('dialog', { name: 'Unlink Xero?' })).toBeTruthy();
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(unlink).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(opener);
  });

  it('sends one request however often it is confirmed, and holds the dialog open until Codat answers', async () => {
    const answer = pending<Connection>();
    unlink.mockReturnValue(answer.promise);
    const { user, onChanged } = renderConnectionActions();
    const opener = screen.getByRole('button', { name: 'Unlink' });
    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Unlink Xero?' });
    const confirm = within(dialog).getByRole('button', { name: 'Unlink connection' });

    // Two presses in one frame (before React disables the button), then another once it is disabled.
    act(() => {
      confirm.click();
      confirm.click();
    });
    await user.click(confirm);
    expect(unlink).toHaveBeenCalledTimes(1);
    expect(unlink).toHaveBeenCalledWith({ companyId: company.id, connectionId: connection.id });

    // In flight: both buttons disabled, the wait said, and neither Cancel nor Escape closes the dialog.
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    expect((within(dialog).getByRole('button', { name: 'Cancel' }) as HTMLButtonElement).disabled).toBe(true);
    expect(within(dialog).getByRole('status').textContent).toContain('Waiting for Codat…');
    await user.keyboard('{Escape}');
    expect(screen.getByRole('dialog', { name: 'Unlink Xero?' })).toBe(dialog);
    expect(onChanged).not.toHaveBeenCalled();

    answer.answer({ ok: true, value: { ...connection, status: 'Unlinked' } });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(opener);
  });

  it('a refusal is shown with its correlation ID, the connections are reloaded, and it can be tried again', async () => {
    unlink.mockResolvedValue({ ok: false, error: codatRefusal });
    const { user, onChanged } = renderConnectionActions();
    await user.click(screen.getByRole('button', { name: 'Unlink' }));
    const dialog = screen.getByRole('dialog', { name: 'Unlink Xero?' });

    await user.click(within(dialog).getByRole('button', { name: 'Unlink connection' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('Nothing was changed, or Codat could not confirm it.');
    expect(alert.textContent).toContain('Codat is unavailable right now.');
    expect(alert.textContent).toContain('c0rre1at10n-7e57');
    expect(within(alert).getByRole('button', { name: 'Copy correlation ID' })).toBeTruthy();
    expect(onChanged).toHaveBeenCalledTimes(1);

    const again = within(dialog).getByRole('button', { name: 'Unlink connection' }) as HTMLButtonElement;
    expect(again.disabled).toBe(false);
    await user.click(again);
    expect(unlink).toHaveBeenCalledTimes(2);
  });

  it('is offered only for a Linked connection, and says why otherwise', () => {
    renderConnectionActions({ ...connection, status: 'PendingAuth' });
    expect(screen.queryByRole('button', { name: 'Unlink' })).toBeNull();
    expect(screen.getByText(/Unlink is for Linked connections; this one is/)).toBeTruthy();
  });

  it('says a cancelled authorisation was cancelled, as its chip does, not that it is pending', () => {
    renderConnectionActions({
      ...connection,
      status: 'PendingAuth',
      dataConnectionErrors: [{ errorMessage: 'User cancelled', statusCode: '403', status: 'Unresolved' }],
    });
    expect(
      screen.getByText("Unlink is for Linked connections; the customer's authorisation was cancelled."),
    ).toBeTruthy();
  });
});

describe('Delete connection', () => {
  it('is allowed only once the platform name is typed exactly, and then sends one request', async () => {
    deleteConnection.mockResolvedValue({ ok: true, value: { deleted: true } });
    const { user, onChanged } = renderConnectionActions();
    const opener = screen.getByRole('button', { name: 'Delete connection' });
    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Delete the Xero connection of Harbour Bakery?' });
    const typed = within(dialog).getByRole('textbox', { name: 'Platform name' });
    const confirm = within(dialog).getByRole('button', { name: 'Delete connection' }) as HTMLButtonElement;

    expect(document.activeElement).toBe(typed);
    expect(confirm.disabled).toBe(true);
    await user.type(typed, 'xero');
    expect(confirm.disabled).toBe(true);
    await user.click(confirm);
    expect(deleteConnection).not.toHaveBeenCalled();

    await user.clear(typed);
    await user.type(typed, ' Xero ');
    expect(confirm.disabled).toBe(false);
    await user.click(confirm);
    expect(deleteConnection).toHaveBeenCalledTimes(1);
    expect(deleteConnection).toHaveBeenCalledWith({ companyId: company.id, connectionId: connection.id });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(opener);
  });

  it('a failed delete shows Codat’s error with its correlation ID, keeps the dialog, and reloads the connections', async () => {
    deleteConnection.mockResolvedValue({ ok: false, error: codatRefusal });
    const { user, onChanged } = renderConnectionActions();
    await user.click(screen.getByRole('button', { name: 'Delete connection' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete the Xero connection of Harbour Bakery?' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Platform name' }), 'Xero');
    await user.click(within(dialog).getByRole('button', { name: 'Delete connection' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('c0rre1at10n-7e57');
    expect(screen.getByRole('dialog', { name: 'Delete the Xero connection of Harbour Bakery?' })).toBe(dialog);
    expect(onChanged).toHaveBeenCalledTimes(1);
  });
});

describe('Delete company', () => {
  function renderCompanyMenu() {
    const onDeleted = vi.fn();
    render(<CompanyMenu company={company} onDeleted={onDeleted} />);
    return { onDeleted, user: userEvent.setup() };
  }

  it('needs the company name typed, is disabled while Codat answers, then leaves the company', async () => {
    const answer = pending<{ deleted: true }>();
    deleteCompany.mockReturnValue(answer.promise);
    const { user, onDeleted } = renderCompanyMenu();
    await user.click(screen.getByRole('button', { name: 'More actions' }));
    await user.click(screen.getByRole('menuitem', { name: 'Delete company' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete Harbour Bakery?' });
    expect(within(dialog).getByText(/all 1 of its connections/)).toBeTruthy();
    const typed = within(dialog).getByRole('textbox', { name: 'Company name' });
    const confirm = within(dialog).getByRole('button', { name: 'Delete company' }) as HTMLButtonElement;
    expect(document.activeElement).toBe(typed);

    await user.type(typed, 'Harbour');
    expect(confirm.disabled).toBe(true);
    await user.type(typed, ' Bakery');
    await user.click(confirm);
    expect(deleteCompany).toHaveBeenCalledWith({ companyId: company.id });
    expect(confirm.disabled).toBe(true);
    expect((within(dialog).getByRole('button', { name: 'Cancel' }) as HTMLButtonElement).disabled).toBe(true);
    expect(onDeleted).not.toHaveBeenCalled();

    answer.answer({ ok: true, value: { deleted: true } });
    await waitFor(() => expect(onDeleted).toHaveBeenCalledTimes(1));
    expect(deleteCompany).toHaveBeenCalledTimes(1);
  });

  it('a failure leaves the company: Codat’s error and correlation ID are shown, and it stays open', async () => {
    deleteCompany.mockResolvedValue({ ok: false, error: codatRefusal });
    const { user, onDeleted } = renderCompanyMenu();
    await user.click(screen.getByRole('button', { name: 'More actions' }));
    await user.click(screen.getByRole('menuitem', { name: 'Delete company' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete Harbour Bakery?' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Company name' }), 'Harbour Bakery');
    await user.click(within(dialog).getByRole('button', { name: 'Delete company' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('Codat is unavailable right now.');
    expect(alert.textContent).toContain('c0rre1at10n-7e57');
    expect(onDeleted).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog', { name: 'Delete Harbour Bakery?' })).toBe(dialog);
  });

  it('More actions is a menu button: arrows open it on its item, Escape closes it back to the button', async () => {
    const { user } = renderCompanyMenu();
    const button = screen.getByRole('button', { name: 'More actions' });
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('menu')).toBeNull();

    button.focus();
    await user.keyboard('{ArrowDown}');
    const menu = screen.getByRole('menu', { name: 'More actions' });
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.getAttribute('aria-controls')).toBe(menu.id);
    const item = within(menu).getByRole('menuitem', { name: 'Delete company' });
    expect(document.activeElement).toBe(item);
    await user.keyboard('{ArrowDown}'); // one item: it wraps round to itself
    expect(document.activeElement).toBe(item);
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(item);

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(button.getAttribute('aria-expanded')).toBe('false');

    // Enter opens it too; Enter on the item chooses it.
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Delete company' }));
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Delete Harbour Bakery?' })).toBeTruthy();
  });

  it('a click outside closes the menu, and Tab leaves it', async () => {
    const { user } = renderCompanyMenu();
    await user.click(screen.getByRole('button', { name: 'More actions' }));
    expect(screen.getByRole('menu')).toBeTruthy();
    await user.click(document.body);
    expect(screen.queryByRole('menu')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'More actions' }));
    await user.tab();
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('a cancelled delete gives focus back to More actions', async () => {
    const { user } = renderCompanyMenu();
    const button = screen.getByRole('button', { name: 'More actions' });
    await user.click(button);
    await user.click(screen.getByRole('menuitem', { name: 'Delete company' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('on a Production profile, says so in the confirmation', async () => {
    onProfile('production');
    const { user } = renderCompanyMenu();
    await user.click(screen.getByRole('button', { name: 'More actions' }));
    await user.click(screen.getByRole('menuitem', { name: 'Delete company' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete Harbour Bakery?' });
    expect(within(dialog).getByRole('note').textContent).toBe(
      'Production: this acts on a real customer’s live connection.',
    );
  });

  it('on a Training profile, does not', async () => {
    const { user } = renderCompanyMenu();
    await user.click(screen.getByRole('button', { name: 'More actions' }));
    await user.click(screen.getByRole('menuitem', { name: 'Delete company' }));
    expect(within(screen.getByRole('dialog')).queryByRole('note')).toBeNull();
  });
});
