/**
 * The tray's "Pause monitoring", "Resume monitoring" and "Check now", end to end: the tray (src/main/electron/tray.ts, with
 * Electron mocked) over what main's composition gives the desktop app (`services.monitoring`), with the real services
 * against the sandbox over HTTP, the settings in a real settings file, and the monitor's timer a manual one.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMainServices, type MainServices } from '@main/composition';
import { monitorDefaults } from '@main/services/monitor';
import { createFileSettingsStore } from '@main/storage/settings';
import type { OperationInput, OperationName, OperationOutput } from '@shared/contract';
import { createManualTimer, sandboxClock, type ManualTimer } from '@support/manual-timer';
import { testPorts } from '@support/ports';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';

type MenuItem = { label?: string; type?: string; click?: () => void };
const desktop = vi.hoisted(() => ({ trays: [] as Array<{ menu: MenuItem[]; tooltip: string }>, quits: 0 }));

vi.mock('electron', () => ({
  app: { quit: () => (desktop.quits += 1) },
  Menu: { buildFromTemplate: (template: MenuItem[]) => template },
  nativeImage: { createFromPath: () => ({ resize: () => ({}) }) },
  Tray: class {
    state = { menu: [] as MenuItem[], tooltip: '' };
    constructor() {
      desktop.trays.push(this.state);
    }
    setContextMenu(menu: MenuItem[]) {
      this.state.menu = menu;
    }
    setToolTip(text: string) {
      this.state.tooltip = text;
    }
    on() {}
    destroy() {}
  },
}));

const { createBackgroundPresence } = await import('@main/electron/tray');

const pageSize = 10;
let sandbox: TestSandbox;
let dataDirectory: string;
let services: MainServices;
let timer: ManualTimer;
let startedAt: number;

const sandboxNow = () => Date.parse(sandbox.control.now());

function start() {
  timer = createManualTimer(sandboxClock(sandbox.control));
  services = createMainServices(
    testPorts(sandbox, {
      settings: createFileSettingsStore(dataDirectory),
      inboxDirectory: path.join(dataDirectory, 'inbox'),
      now: sandboxNow,
    }),
    { http: { retry: { retries: 0 } }, monitorTimer: timer, monitorPageSize: pageSize },
  );
  startedAt = sandboxNow();
}

async function call<N extends OperationName>(operation: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
  const result = await services.dispatcher({ isTrustedCaller: () => true })(operation, input, { frameUrl: null });
  if (!result.ok) throw new Error(`${operation} failed: ${result.error.message}`);
  return result.value as OperationOutput<N>;
}

/** The training profile's monitor setting as the settings file has it. */
const savedMonitoring = () =>
  (
    JSON.parse(readFileSync(path.join(dataDirectory, 'settings.json'), 'utf8')) as {
      monitor?: Record<string, { enabled: boolean }>;
    }
  ).monitor?.['training']?.enabled;

/** Closes the last window: monitoring, Linkdesk stays in the tray (its menu); not monitoring, it quits. */
function closeLastWindow() {
  desktop.trays = [];
  desktop.quits = 0;
  createBackgroundPresence({
    platform: 'linux',
    iconPath: '/app/assets/icon.png',
    monitoring: services.monitoring,
    openWindow: () => undefined,
    notify: () => true,
    told: { read: () => true, remember: () => undefined },
  }).lastWindowClosed();
  const tray = desktop.trays[0];
  if (!tray) return null;
  return {
    labels: () => tray.menu.filter((item) => item.label).map((item) => item.label),
    tooltip: () => tray.tooltip,
    click(label: string) {
      const item = tray.menu.find((entry) => entry.label === label);
      if (!item?.click) throw new Error(`The tray's menu has no "${label}".`);
      item.click();
    },
  };
}

const isListPage = (request: { method: string; path: string }) =>
  request.method === 'GET' && /^\/companies\?/.test(request.path);

beforeEach(async () => {
  sandbox = await startTestSandbox({ companies: 12 });
  dataDirectory = mkdtempSync(path.join(tmpdir(), 'linkdesk-tray-'));
  start();
  // The training profile monitors by default: its first round is planned after the start-up delay.
  await timer.waitFor((planned) => planned.length === 1);
});
afterEach(async () => {
  services.dispose();
  await sandbox.close();
});

describe('the tray’s monitoring controls', () => {
  it('Pause monitoring saves the setting off and plans no round; Resume saves it on and plans one', async () => {
    const tray = closeLastWindow()!;
    expect(tray.labels()).toContain('Pause monitoring');
    expect((await call('monitor.status', {})).nextRoundAt).toBe(
      new Date(startedAt + monitorDefaults.startupDelayMs).toISOString(),
    );

    const told: unknown[] = [];
    services.hub.subscribe((event, payload) => {
      if (event === 'monitor.settingsChanged') told.push(payload);
    });
    tray.click('Pause monitoring');
    expect(savedMonitoring()).toBe(false);
    // The pages hear of it: an open Inbox must not go on promising the next round.
    expect(told).toEqual([{ profileId: 'training', settings: expect.objectContaining({ enabled: false }) }]);
    expect(await call('monitor.settings', {})).toMatchObject({ enabled: false });
    expect(await call('monitor.status', {})).toMatchObject({ enabled: false, nextRoundAt: null });
    expect(timer.pending()).toEqual([]);
    expect(tray.labels()).toContain('Resume monitoring');
    expect(tray.tooltip()).toBe('Linkdesk: monitoring paused');
    expect(sandbox.control.requests()).toEqual([]);

    tray.click('Resume monitoring');
    expect(savedMonitoring()).toBe(true);
    expect(told).toEqual([
      { profileId: 'training', settings: expect.objectContaining({ enabled: false }) },
      { profileId: 'training', settings: expect.objectContaining({ enabled: true }) },
    ]);
    const [planned] = await timer.waitFor((pending) => pending.length === 1);
    const firstAt = new Date(startedAt + monitorDefaults.startupDelayMs).toISOString();
    expect(new Date(planned!.dueAt).toISOString()).toBe(firstAt);
    expect(await call('monitor.status', {})).toMatchObject({ enabled: true, nextRoundAt: firstAt });
    expect(tray.labels()).toContain('Pause monitoring');
    expect(tray.tooltip()).toBe('Linkdesk: watching your connections');

    // And the round comes when it is due.
    timer.fireNext();
    expect(await services.monitor.settled()).toMatchObject({
      trigger: 'schedule',
      state: 'finished',
      startedAt: firstAt,
    });
    expect(sandbox.control.requests().filter(isListPage)).toHaveLength(Math.ceil(12 / pageSize));
  });

  it('keeps a pause across a restart: the monitor stays paused, and closing the last window then quits', async () => {
    closeLastWindow()!.click('Pause monitoring');
    services.dispose();
    start();
    expect(await call('monitor.status', {})).toMatchObject({ enabled: false, nextRoundAt: null });
    expect(timer.pending()).toEqual([]);
    expect(closeLastWindow()).toBeNull();
    expect(desktop.quits).toBe(1);
  });

  it('Check now starts a round at once, which asks Codat and fills the inbox', async () => {
    const tray = closeLastWindow()!;
    tray.click('Check now');
    const round = await services.monitor.settled();
    expect(round).toMatchObject({ trigger: 'check_now', state: 'finished', companiesScanned: 12 });
    expect(sandbox.control.requests().filter(isListPage)).toHaveLength(Math.ceil(12 / pageSize));
    expect(sandbox.control.requests().every((request) => request.at === new Date(startedAt).toISOString())).toBe(true);
    expect((await call('monitor.status', {})).round).toMatchObject({ roundId: round!.roundId, state: 'finished' });
    expect((await call('inbox.list', {})).issues.length).toBe(round!.newIssues);
  });
});
