/**
 * The training sandbox as the consoles start it (inProcessTrainingSandbox): a fresh random key on every start.
 * server.test.ts proves the sandbox makes one when asked for none; this proves the consoles do not hand it one.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';

/** Every sandbox started here, so that the test can close them (the console keeps its own for its whole run). */
const started = vi.hoisted(() => [] as Array<{ close(): Promise<void> }>);
vi.mock('@sandbox/server', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@sandbox/server')>();
  return {
    ...actual,
    startSandbox: async (...args: Parameters<typeof actual.startSandbox>) => {
      const sandbox = await actual.startSandbox(...args);
      started.push(sandbox);
      return sandbox;
    },
  };
});

import { inProcessTrainingSandbox } from '@main/platform/node';

afterAll(() => Promise.all(started.map((sandbox) => sandbox.close())));

describe('the consoles’ training sandbox', () => {
  it('has a fresh random key on every start: the last run’s key opens nothing', async () => {
    const first = await inProcessTrainingSandbox.start();
    const second = await inProcessTrainingSandbox.start();
    expect(started).toHaveLength(2);
    expect(second.apiKey).not.toBe(first.apiKey);
    expect(second.apiKey.length).toBeGreaterThanOrEqual(32);
    const profile = (key: string) =>
      fetch(`${second.url}/profile`, { headers: { Authorization: `Basic ${Buffer.from(key).toString('base64')}` } });
    expect((await profile(first.apiKey)).status).toBe(401);
    expect((await profile(second.apiKey)).status).toBe(200);
  });
});
