/** Hand-over records for tests: an unused copied link issued at `issuedAt`, with what the test needs changed. */
import { linkLifetimeMs, type HandOver } from '@shared/domain/handovers';

let serial = 0;

export function aHandOver(issuedAt: number, overrides: Partial<HandOver> = {}): HandOver {
  serial += 1;
  const at = new Date(issuedAt).toISOString();
  return {
    id: `h${serial}`,
    profileId: 'training',
    company: { id: `c${serial}`, name: `Customer ${serial}` },
    connection: { id: `k${serial}`, platformKey: 'gbol', platformName: 'Xero' },
    by: 'alice',
    at,
    how: 'copied',
    recipient: null,
    link: { issuedAt: at, expiresAt: new Date(issuedAt + linkLifetimeMs).toISOString() },
    errorBaseline: [],
    syncBaseline: null,
    state: 'awaiting',
    problem: null,
    codatStatus: null,
    changedAt: null,
    linkedAt: null,
    endedAt: null,
    supersededBy: null,
    notified: [],
    ...overrides,
  };
}
