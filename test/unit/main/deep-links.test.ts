/** Deep links handed over by the OS become navigation only, or a log line; never anything else. */
import { describe, expect, it, vi } from 'vitest';
import { createDeepLinkHandler, deepLinkInArgv } from '@main/deep-links';

const company = '6b1c4c8e-2f3a-4d5e-9f60-7a8b9c0d1e2f';
const connection = '0f9e8d7c-6b5a-4948-8372-615049382716';

function setUp() {
  const warn = vi.fn();
  const handler = createDeepLinkHandler({ warn });
  const window = { navigate: vi.fn(), show: vi.fn() };
  return { warn, handler, window };
}

describe('deep links', () => {
  it('finds the link among a process’s arguments, whatever else Chromium added', () => {
    expect(deepLinkInArgv(['linkdesk.exe', '--allow-file-access', `LinkDesk://company/${company}`])).toBe(
      `LinkDesk://company/${company}`,
    );
    expect(deepLinkInArgv(['linkdesk.exe', '--linkdesk://company', 'https://app.codat.io/'])).toBeNull();
  });

  it('keeps a link that came before the window, and opens it once when the window is ready', () => {
    const { handler, window } = setUp();
    expect(handler.open(`linkdesk://company/${company}/connection/${connection}`)).toBe(true);
    handler.attach(window);
    expect(window.navigate).toHaveBeenCalledExactlyOnceWith({ companyId: company, connectionId: connection });
    expect(handler.takePending()).toBeNull();
  });

  it('sends later links to the window and brings it forward', () => {
    const { handler, window } = setUp();
    handler.attach(window);
    handler.openFromArgv(['linkdesk', `linkdesk://company/${company}`]);
    expect(window.show).toHaveBeenCalled();
    expect(window.navigate).toHaveBeenCalledWith({ companyId: company, connectionId: null });
  });

  it('ignores anything but a deep link, saying why on one short line', () => {
    const { handler, window, warn } = setUp();
    handler.attach(window);
    expect(handler.open(`linkdesk://company/${company}?action=delete`)).toBe(false);
    expect(handler.open(`https://app.codat.io/companies/${company}`)).toBe(false);
    expect(handler.open(`linkdesk://company/${company}/x\n[security] forged line${'x'.repeat(500)}`)).toBe(false);
    expect(window.navigate).not.toHaveBeenCalled();
    expect(window.show).not.toHaveBeenCalled();
    const lines = warn.mock.calls.map(([line]) => String(line));
    expect(lines[0]).toMatch(/^\[deep-link\] ignored .*: A Linkdesk link has no query string/);
    expect(lines[1]).toMatch(/not a linkdesk:\/\/ link/);
    expect(lines[2]).not.toContain('\n');
    expect(lines[2]!.length).toBeLessThan(400);
  });
});
