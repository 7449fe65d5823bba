/** The app's badge (Electron mocked) shows the Inbox's New count, set whenever that count changes. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventHub } from '@main/bridge/events';
import { followInboxBadge } from '@main/services/app-badge';

const desktop = vi.hoisted(() => ({ badges: [] as number[] }));

vi.mock('electron', () => ({
  app: { setBadgeCount: (count: number) => desktop.badges.push(count) },
  Notification: class {},
  safeStorage: {},
  shell: {},
}));

const { electronBadge } = await import('@main/electron/platform');

describe('the app badge', () => {
  beforeEach(() => {
    desktop.badges = [];
  });

  it('shows the New count each time it changes, and clears at zero', () => {
    const hub = createEventHub();
    followInboxBadge(hub, electronBadge);
    hub.emit('inbox.changed', { profileId: 'training', newCount: 3 });
    hub.emit('inbox.changed', { profileId: 'training', newCount: 3 });
    hub.emit('followups.changed', { profileId: 'training', events: [] });
    hub.emit('inbox.changed', { profileId: 'training', newCount: 2 });
    hub.emit('inbox.changed', { profileId: 'training', newCount: 0 });
    expect(desktop.badges).toEqual([3, 2, 0]);
  });

  it('stops following when the services are disposed, and a badge that fails is only logged', () => {
    const hub = createEventHub();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const stop = followInboxBadge(hub, {
      setCount: () => {
        throw new Error('no dock');
      },
    });
    hub.emit('inbox.changed', { profileId: 'training', newCount: 1 });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^\[monitor\] could not set the app's badge/));
    stop();
    followInboxBadge(hub, electronBadge)();
    hub.emit('inbox.changed', { profileId: 'training', newCount: 4 });
    expect(desktop.badges).toEqual([]);
    warn.mockRestore();
  });
});
