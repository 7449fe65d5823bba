/**
 * Seeded companies: a handful of named scenarios (one per kind of trouble the console must explain), then a
 * realistic mix. Deterministic for a seed and a start time; 100 000 companies build in well under a second or two.
 */
import type { DataType, PullStatus } from '@shared/codat/schemas';
import { initialSyncTypes, platforms, platformsByKey, type PlatformEntry } from './catalog';
import { day, hour } from './clock';
import type { CompanyRecord, ConnectionRecord, PullOutcome } from './model';
import { createRandom, type Random } from './random';
import { defaultErrorMessages, type SandboxState } from './state';

export const scenarioNames = {
  healthy: 'Scenario - Healthy Linked',
  awaitingAuth: 'Scenario - Awaiting Authorisation',
  authCancelled: 'Scenario - Authorisation Cancelled',
  deauthorized: 'Scenario - Deauthorised',
  unlinked: 'Scenario - Unlinked',
  syncFailing: 'Scenario - Sync Failing',
  syncStuck: 'Scenario - Sync Stuck',
  offlineConnector: 'Scenario - Offline Connector Waiting',
  staleData: 'Scenario - Stale Data',
  linkedAuthError: 'Scenario - Linked With Auth Error',
  rateLimited: 'Scenario - Rate Limited',
  validationError: 'Scenario - Validation Error',
  noConnections: 'Scenario - No Connections',
} as const;

const places = [
  'Harbour',
  'Northgate',
  'Riverside',
  'Oakwood',
  'Kingsway',
  'Meadow',
  'Granite',
  'Bluebell',
  'Summit',
  'Willow',
  'Copper',
  'Lakeside',
  'Foxglove',
  'Highfield',
  'Ashby',
  'Marlow',
  'Thistle',
  'Beacon',
  'Orchard',
  'Saffron',
];
const trades = [
  'Bakery',
  'Plumbing',
  'Joinery',
  'Dental',
  'Florists',
  'Coffee Roasters',
  'Print Works',
  'Logistics',
  'Studio',
  'Garage',
  'Brewing',
  'Pharmacy',
  'Builders',
  'Catering',
  'Design',
  'Electrical',
  'Tailors',
  'Bookshop',
  'Veterinary',
  'Cycles',
];
const suffixes = ['Ltd', 'Limited', 'LLC', 'Pty Ltd', '& Sons', 'Co', 'Group', 'Partners', 'Inc', ''];

export interface SeedOptions {
  companies: number;
  seed: number;
}

export function seedWorld(state: SandboxState, options: SeedOptions): void {
  const random = createRandom(options.seed);
  const now = state.clock.now();
  const builder = new Builder(state, random, now);
  const scenarioCount = Math.min(options.companies, Object.keys(scenarioNames).length);
  builder.scenarios(scenarioCount);
  for (let index = scenarioCount; index < options.companies; index += 1) builder.randomCompany();
}

class Builder {
  constructor(
    private readonly state: SandboxState,
    private readonly random: Random,
    private readonly now: number,
  ) {}

  company(name: string, createdAgoMs: number, tags: Record<string, string> = {}): CompanyRecord {
    const company: CompanyRecord = {
      id: this.random.uuid(),
      name,
      description: null,
      tags,
      created: this.now - createdAgoMs,
      createdByUserName: this.random.pick(['Priya Shah', 'Tom Okafor', 'Ana Lima', 'Sam Reid', null]),
      connections: [],
      pulls: [],
      connectorOnline: false,
    };
    this.state.addCompany(company);
    return company;
  }

  connection(company: CompanyRecord, key: string, status: ConnectionRecord['status'], createdAgoMs: number) {
    const platform = platformsByKey.get(key) as PlatformEntry;
    const connection: ConnectionRecord = {
      id: this.random.uuid(),
      companyId: company.id,
      platform,
      status,
      created: this.now - createdAgoMs,
      errors: [],
      link: null,
    };
    company.connections.push(connection);
    return connection;
  }

  /** A finished pull that ended `agoMs` before now. */
  pull(
    company: CompanyRecord,
    connection: ConnectionRecord,
    dataType: DataType,
    agoMs: number,
    outcome: PullOutcome = { status: 'Complete' },
  ) {
    const requested = this.now - agoMs - 15_000;
    company.pulls.push({
      id: this.random.uuid(),
      companyId: company.id,
      connectionId: connection.id,
      dataType,
      requested,
      startAt: requested,
      outcome,
    });
  }

  /** The initial sync types of a connection, all successful, the latest `agoMs` ago. */
  syncedHistory(company: CompanyRecord, connection: ConnectionRecord, agoMs: number) {
    for (const dataType of initialSyncTypes[connection.platform.sourceType] ?? []) {
      this.pull(company, connection, dataType, agoMs + this.random.int(0, 10) * 60_000);
    }
  }

  failure(status: PullStatus): PullOutcome {
    return { status, errorMessage: defaultErrorMessages[status] };
  }

  scenarios(count: number) {
    const build: Array<() => void> = [
      () => {
        const company = this.company(scenarioNames.healthy, 200 * day, { region: 'uk' });
        const xero = this.connection(company, 'gbol', 'Linked', 190 * day);
        this.syncedHistory(company, xero, 3 * hour);
        const plaid = this.connection(company, 'suuo', 'Linked', 100 * day);
        this.syncedHistory(company, plaid, 2 * hour);
      },
      () => {
        const company = this.company(scenarioNames.awaitingAuth, 3 * day);
        this.connection(company, 'qhyg', 'PendingAuth', 3 * day);
      },
      () => {
        const company = this.company(scenarioNames.authCancelled, 2 * day);
        const connection = this.connection(company, 'gbol', 'PendingAuth', 2 * day);
        connection.errors.push({
          statusCode: '403',
          statusText: 'User cancelled linking',
          errorMessage: 'User cancelled',
          erroredOnUtc: new Date(this.now - day).toISOString(),
          status: 'Active',
        });
      },
      () => {
        const company = this.company(scenarioNames.deauthorized, 300 * day);
        const connection = this.connection(company, 'tgff', 'Deauthorized', 290 * day);
        this.syncedHistory(company, connection, 12 * day);
      },
      () => {
        const company = this.company(scenarioNames.unlinked, 250 * day);
        const connection = this.connection(company, 'fbrh', 'Unlinked', 240 * day);
        this.syncedHistory(company, connection, 20 * day);
      },
      () => {
        const company = this.company(scenarioNames.syncFailing, 120 * day);
        const connection = this.connection(company, 'qhyg', 'Linked', 110 * day);
        this.syncedHistory(company, connection, 2 * day);
        this.pull(company, connection, 'invoices', 5 * hour, this.failure('FetchError'));
      },
      () => {
        const company = this.company(scenarioNames.syncStuck, 90 * day);
        const connection = this.connection(company, 'gbol', 'Linked', 80 * day);
        this.syncedHistory(company, connection, 1 * day);
        const requested = this.now - 9 * hour;
        company.pulls.push({
          id: this.random.uuid(),
          companyId: company.id,
          connectionId: connection.id,
          dataType: 'bills',
          requested,
          startAt: requested,
          outcome: { status: 'Complete' },
          stuckIn: 'Fetching',
        });
      },
      () => {
        const company = this.company(scenarioNames.offlineConnector, 30 * day);
        const connection = this.connection(company, 'pqsw', 'Linked', 2 * day);
        for (const dataType of initialSyncTypes.Accounting ?? []) {
          company.pulls.push({
            id: this.random.uuid(),
            companyId: company.id,
            connectionId: connection.id,
            dataType,
            requested: this.now - 2 * day,
            startAt: null,
            outcome: { status: 'Complete' },
          });
        }
      },
      () => {
        const company = this.company(scenarioNames.staleData, 400 * day);
        const connection = this.connection(company, 'rwuv', 'Linked', 390 * day);
        this.syncedHistory(company, connection, 45 * day);
      },
      () => {
        const company = this.company(scenarioNames.linkedAuthError, 150 * day);
        const connection = this.connection(company, 'pdvj', 'Linked', 140 * day);
        this.syncedHistory(company, connection, 6 * day);
        for (const dataType of initialSyncTypes.Accounting ?? []) {
          this.pull(company, connection, dataType, 4 * hour, this.failure('AuthError'));
        }
      },
      () => {
        const company = this.company(scenarioNames.rateLimited, 60 * day);
        const connection = this.connection(company, 'akxx', 'Linked', 50 * day);
        this.syncedHistory(company, connection, 3 * day);
        this.pull(company, connection, 'customers', 2 * hour, this.failure('RateLimitError'));
      },
      () => {
        const company = this.company(scenarioNames.validationError, 70 * day);
        const connection = this.connection(company, 'knfz', 'Linked', 65 * day);
        this.syncedHistory(company, connection, 4 * day);
        this.pull(company, connection, 'invoices', 6 * hour, this.failure('ValidationError'));
      },
      () => {
        this.company(scenarioNames.noConnections, 10 * day);
      },
    ];
    build.slice(0, count).forEach((step) => step());
  }

  randomCompany() {
    const r = this.random;
    const suffix = r.pick(suffixes);
    const base = `${r.pick(places)} ${r.pick(trades)}${suffix ? ` ${suffix}` : ''}`;
    const name = r.chance(0.3) ? `C${r.int(10000, 99999)} ${base}` : base;
    const tags: Record<string, string> = r.chance(0.4) ? { region: r.pick(['uk', 'us', 'au', 'ie']) } : {};
    const company = this.company(name, r.int(1, 720) * day + r.int(0, 23) * hour, tags);
    const roll = r.next();
    const enabled = (sourceType: string, offline = false) =>
      platforms.filter((p) => p.enabled && p.sourceType === sourceType && p.isOfflineConnector === offline);
    const accountingKey = () => r.pick(enabled('Accounting')).key;
    if (roll < 0.1) return; // no connections yet
    if (roll < 0.3) {
      const connection = this.connection(company, accountingKey(), 'PendingAuth', r.int(0, 30 * 24) * hour);
      if (r.chance(0.2)) {
        connection.errors.push({
          statusCode: '403',
          statusText: 'User cancelled linking',
          errorMessage: 'User cancelled',
          erroredOnUtc: new Date(this.now - r.int(1, 48) * hour).toISOString(),
          status: 'Active',
        });
      }
      return;
    }
    if (roll < 0.35) {
      const connection = this.connection(
        company,
        r.pick(enabled('Accounting', true)).key,
        'Linked',
        r.int(2, 90) * day,
      );
      this.syncedHistory(company, connection, r.int(1, 5) * day);
      if (r.chance(0.5)) {
        const requested = this.now - r.int(2, 72) * hour;
        company.pulls.push({
          id: r.uuid(),
          companyId: company.id,
          connectionId: connection.id,
          dataType: 'invoices',
          requested,
          startAt: null,
          outcome: { status: 'Complete' },
        });
      } else {
        company.connectorOnline = true;
      }
      return;
    }
    const status: ConnectionRecord['status'] = roll < 0.4 ? 'Deauthorized' : roll < 0.44 ? 'Unlinked' : 'Linked';
    const connection = this.connection(company, accountingKey(), status, r.int(10, 700) * day);
    const stale = roll >= 0.44 && roll < 0.48;
    this.syncedHistory(company, connection, stale ? r.int(31, 120) * day : r.int(1, 72) * hour);
    if (status === 'Linked' && roll >= 0.48 && roll < 0.56) {
      const failure = r.pick<PullStatus>(['FetchError', 'AuthError', 'ValidationError', 'MapError', 'RateLimitError']);
      this.pull(
        company,
        connection,
        r.pick(initialSyncTypes.Accounting ?? ['invoices']),
        r.int(1, 20) * hour,
        this.failure(failure),
      );
    }
    if (status === 'Linked' && r.chance(0.3)) {
      const bank = this.connection(company, r.pick(enabled('Banking')).key, 'Linked', r.int(5, 300) * day);
      this.syncedHistory(company, bank, r.int(1, 48) * hour);
    }
    if (status === 'Linked' && r.chance(0.2)) {
      const shop = this.connection(
        company,
        r.pick(enabled('Commerce')).key,
        r.chance(0.8) ? 'Linked' : 'PendingAuth',
        r.int(1, 200) * day,
      );
      if (shop.status === 'Linked') this.syncedHistory(company, shop, r.int(1, 48) * hour);
    }
  }
}
