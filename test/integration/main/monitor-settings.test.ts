/**
 * Settings › Monitor's bounds are main's to keep: whatever a page sends, `monitor.saveSettings` through the bridge's
 * gate refuses a value outside the contract's schema and saves nothing. The form checks the same schema first
 * (test/renderer/features/settings/monitor-settings.test.tsx); this is what holds when a page does not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMainServices } from '@main/composition';
import type { OperationInput, OperationName } from '@shared/contract';
import type { MonitorSettings } from '@shared/domain/inbox';
import { testPorts } from '@support/ports';

let ports: ReturnType<typeof testPorts>;
let services: ReturnType<typeof createMainServices>;
let call: <N extends OperationName>(operation: N, input: OperationInput<N>) => Promise<unknown>;

beforeAll(() => {
  // No Codat: reading and saving the monitor's settings asks it nothing.
  ports = testPorts(null);
  services = createMainServices(ports);
  const dispatch = services.dispatcher({ isTrustedCaller: () => true });
  call = (operation, input) => dispatch(operation, input, { frameUrl: null });
});
afterAll(() => services.dispose());

const valid: MonitorSettings = { enabled: false, everyMinutes: 60, resolveAfterHours: 48, dailyBudgetPercent: 2.5 };

describe('monitor.saveSettings in main', () => {
  it.each([
    ['a budget under 0.5 %', { dailyBudgetPercent: 0.4 }],
    ['a budget over 50 %', { dailyBudgetPercent: 50.01 }],
    ['a budget that is no number', { dailyBudgetPercent: Number.NaN }],
    ['a resolve time of 0 hours', { resolveAfterHours: 0 }],
    ['a resolve time over 336 hours', { resolveAfterHours: 337 }],
    ['a resolve time in part hours', { resolveAfterHours: 1.5 }],
    ['an interval the form does not offer', { everyMinutes: 5 }],
    ['a field the contract does not have', { quietHours: '22-06' }],
  ])('refuses %s with invalid_input and saves nothing', async (_case, patch) => {
    expect(await call('monitor.saveSettings', valid)).toEqual({ ok: true, value: valid });
    const stored = ports.settings.read();

    const refused = await call('monitor.saveSettings', { ...valid, ...patch } as MonitorSettings);
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(ports.settings.read()).toEqual(stored);
    expect(await call('monitor.settings', {})).toEqual({ ok: true, value: valid });
  });

  it('saves the edges of each range: 0.5 % with 336 hours, 50 % with 1 hour', async () => {
    for (const edges of [
      { dailyBudgetPercent: 0.5, resolveAfterHours: 336 },
      { dailyBudgetPercent: 50, resolveAfterHours: 1 },
    ]) {
      const next = { ...valid, ...edges };
      expect(await call('monitor.saveSettings', next)).toEqual({ ok: true, value: next });
      expect(await call('monitor.settings', {})).toEqual({ ok: true, value: next });
    }
  });
});
