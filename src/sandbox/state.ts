/** The sandbox's mutable world and every rule that changes it. HTTP lives elsewhere. */
import type { DataType, PullStatus } from '@shared/codat/schemas';
import { initialSyncTypes, platformSupports, sourceTypeOfDataType, type PlatformEntry } from './catalog';
import type { SandboxClock } from './clock';
import { isPullRunning, type CompanyRecord, type ConnectionRecord, type PullRecord } from './model';
import type { Random } from './random';

export interface PullOutcomeRule {
  companyId?: string;
  dataType?: DataType;
  status: PullStatus;
  errorMessage?: string;
  /** How many pulls it applies to; unlimited when absent. */
  times?: number;
}

const defaultErrorMessages: Partial<Record<PullStatus, string>> = {
  FetchError: 'The platform returned an error while Codat was fetching data. Try again later.',
  AuthError: 'Access to the platform has lapsed: the company must re-link the connection.',
  MapError: 'Codat could not map a record from the platform.',
  ValidationError: 'Some records failed validation.',
  InternalError: 'An internal error occurred at Codat.',
  RateLimitError: 'The platform rate limited Codat; the sync will be retried later.',
  PermissionsError: 'The user who linked this connection lacks permission to read this data.',
  PrerequisiteNotMet: 'A prerequisite data type has not been synced yet.',
  ProcessingError: 'Codat could not store the fetched data.',
};

export class SandboxState {
  readonly companies = new Map<string, CompanyRecord>();
  /** Creation order: the default order of `GET /companies`. */
  readonly companyOrder: CompanyRecord[] = [];
  private readonly outcomeRules: PullOutcomeRule[] = [];

  constructor(
    readonly clock: SandboxClock,
    readonly random: Random,
  ) {}

  addCompany(company: CompanyRecord): void {
    this.companies.set(company.id, company);
    this.companyOrder.push(company);
  }

  createCompany(input: { name: string; description: string | null; tags: Record<string, string> }): CompanyRecord {
    const company: CompanyRecord = {
      id: this.random.uuid(),
      name: input.name,
      description: input.description,
      tags: input.tags,
      created: this.clock.now(),
      createdByUserName: 'Linkdesk Sandbox API key',
      connections: [],
      pulls: [],
      connectorOnline: false,
    };
    this.addCompany(company);
    return company;
  }

  deleteCompany(company: CompanyRecord): void {
    this.companies.delete(company.id);
    const index = this.companyOrder.indexOf(company);
    if (index !== -1) this.companyOrder.splice(index, 1);
  }

  createConnection(company: CompanyRecord, platform: PlatformEntry): ConnectionRecord {
    const connection: ConnectionRecord = {
      id: this.random.uuid(),
      companyId: company.id,
      platform,
      status: 'PendingAuth',
      created: this.clock.now(),
      errors: [],
      link: null,
    };
    company.connections.push(connection);
    return connection;
  }

  deleteConnection(company: CompanyRecord, connection: ConnectionRecord): void {
    company.connections = company.connections.filter((candidate) => candidate !== connection);
    // Deleting ends access to data already synced, so its pull history goes too.
    company.pulls = company.pulls.filter((pull) => pull.connectionId !== connection.id);
  }

  /** The customer authorised on the consent page: Linked, old errors resolved, initial sync queued. */
  authorise(company: CompanyRecord, connection: ConnectionRecord): void {
    const now = this.clock.now();
    connection.status = 'Linked';
    for (const error of connection.errors) {
      if (error.status === 'Active') {
        error.status = 'Resolved';
        error.resolvedOnUtc = new Date(now).toISOString();
      }
    }
    this.refreshInitialTypes(company, connection);
  }

  /** "Refresh all": every initial-sync type of a connection that is not already in progress. */
  refreshInitialTypes(company: CompanyRecord, connection: ConnectionRecord): void {
    for (const dataType of initialSyncTypes[connection.platform.sourceType] ?? []) {
      if (!this.runningPull(company, connection, dataType)) this.queuePull(company, connection, dataType);
    }
  }

  recordLinkError(
    connection: ConnectionRecord,
    error: { statusCode: string; statusText: string; errorMessage: string },
  ) {
    connection.errors.push({ ...error, erroredOnUtc: new Date(this.clock.now()).toISOString(), status: 'Active' });
  }

  runningPull(company: CompanyRecord, connection: ConnectionRecord, dataType: DataType): PullRecord | undefined {
    const now = this.clock.now();
    return company.pulls.find(
      (pull) => pull.connectionId === connection.id && pull.dataType === dataType && isPullRunning(pull, now),
    );
  }

  queuePull(company: CompanyRecord, connection: ConnectionRecord, dataType: DataType): PullRecord {
    const now = this.clock.now();
    const waitsForConnector = connection.platform.isOfflineConnector && !company.connectorOnline;
    const pull: PullRecord = {
      id: this.random.uuid(),
      companyId: company.id,
      connectionId: connection.id,
      dataType,
      requested: now,
      startAt: waitsForConnector ? null : now,
      outcome: this.outcomeFor(company, connection, dataType),
    };
    company.pulls.push(pull);
    return pull;
  }

  setConnectorOnline(company: CompanyRecord, online: boolean): void {
    company.connectorOnline = online;
    if (!online) return;
    const now = this.clock.now();
    for (const pull of company.pulls) if (pull.startAt === null) pull.startAt = now;
  }

  deauthorize(connection: ConnectionRecord): void {
    connection.status = 'Deauthorized';
  }

  addOutcomeRule(rule: PullOutcomeRule): void {
    this.outcomeRules.push({ ...rule });
  }

  clearOutcomeRules(): void {
    this.outcomeRules.length = 0;
  }

  private outcomeFor(company: CompanyRecord, connection: ConnectionRecord, dataType: DataType) {
    if (
      !platformSupports(connection.platform, dataType) ||
      sourceTypeOfDataType(dataType) !== connection.platform.sourceType
    ) {
      return { status: 'NotSupported' as const };
    }
    if (connection.status !== 'Linked') {
      return { status: 'AuthError' as const, errorMessage: defaultErrorMessages.AuthError };
    }
    const index = this.outcomeRules.findIndex(
      (rule) =>
        (rule.companyId === undefined || rule.companyId === company.id) &&
        (rule.dataType === undefined || rule.dataType === dataType),
    );
    const rule = this.outcomeRules[index];
    if (!rule) return { status: 'Complete' as const };
    if (rule.times !== undefined) {
      rule.times -= 1;
      if (rule.times <= 0) this.outcomeRules.splice(index, 1);
    }
    return {
      status: rule.status,
      ...(rule.status !== 'Complete' ? { errorMessage: rule.errorMessage ?? defaultErrorMessages[rule.status] } : {}),
    };
  }
}

export { defaultErrorMessages };
