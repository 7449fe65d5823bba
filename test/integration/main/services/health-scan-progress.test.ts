/**
 * What the Health page hears while a scan waits on Codat: progress events are spaced out, yet the last one sent
 * must say how far the scan has got, not where it was when a quick run of companies began.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '@main/composition';
import type { OperationInput, OperationName, OperationOutput, ScanState } from '@shared/contract';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';
import { testPorts } from '@support/ports';

let sandbox: TestSandbox;
let services: MainServices;
const progress: ScanState[] = [];
let call: <N extends OperationName>(operation: N, input: OperationInput<N>) => Promise<OperationOutput<N>>;

beforeAll(async () => {
  sandbox = await startTestSandbox({ companies: 40 });
  services = createMainServices(
    testPorts(sandbox, { notifier: { notify: () => false }, now: () => Date.parse(sandbox.control.now()) }),
  );
  services.hub.subscribe((event, payload) => {
    if (event === 'health.progress') progress.push(payload as ScanState);
  });
  const dispatch = services.dispatcher({ isTrustedCaller: () => true });
  call = async (operation, input) => {
    const result = await dispatch(operation, input, { frameUrl: null });
    if (!result.ok) throw new Error(`${operation} failed: ${result.error.message}`);
    return result.value as never;
  };
  await call('integrations.list', {});
});
afterAll(() => sandbox.close());

it('while every closer look waits on Codat, the last progress event has the companies and issues found so far', async () => {
  // The companies before the first one needing a closer look are scanned in one go; then every worker waits.
  sandbox.control.addFault({ path: '/companies/*/dataStatus', method: 'GET', hang: true });
  const started = await call('health.startScan', {});
  const held = () => sandbox.control.requests().filter((entry) => entry.status === 'hung').length;
  await expect.poll(held, { timeout: 5_000 }).toBe(4);
  const soFar = (await call('health.results', {}))!;
  expect(soFar.scan.companiesScanned).toBeGreaterThan(1);
  expect(soFar.issues.length).toBeGreaterThan(0);

  const lastSent = () => progress.filter((state) => state.scanId === started.scanId).at(-1);
  await expect
    .poll(() => lastSent(), { timeout: 5_000 })
    .toMatchObject({
      state: 'running',
      companiesScanned: soFar.scan.companiesScanned,
      issuesFound: soFar.issues.length,
    });

  await call('health.cancelScan', { scanId: started.scanId });
  await services.scans.settled();
  expect(lastSent()).toMatchObject({ state: 'cancelled', companiesScanned: soFar.scan.companiesScanned });
});
