/**
 * The sandbox's state and how it looks through the API. Pull operations are not driven by timers: each has
 * a start time and an outcome, and its status is read off sandbox time, so results are deterministic and a
 * test moves them on by advancing the clock.
 */
import type {
  Company,
  Connection,
  ConnectionStatus,
  DataConnectionError,
  DataStatuses,
  DataType,
  PullOperation,
  PullStatus,
} from '@shared/codat/schemas';
import { isPullErrored } from '@shared/codat/status';
import type { PlatformEntry } from './catalog';
import { day, iso } from './clock';
import type { Random } from './random';

export interface OneTimeLink {
  code: string;
  issuedAt: number;
  used: boolean;
}

export interface ConnectionRecord {
  id: string;
  companyId: string;
  platform: PlatformEntry;
  status: ConnectionStatus;
  created: number;
  errors: DataConnectionError[];
  link: OneTimeLink | null;
}

export interface PullOutcome {
  status: PullStatus;
  errorMessage?: string;
  statusDescription?: string;
}

export interface PullRecord {
  id: string;
  companyId: string;
  connectionId: string;
  dataType: DataType;
  requested: number;
  /** When work began; null while an offline connector has not picked it up. */
  startAt: number | null;
  outcome: PullOutcome;
  /** Seeded "stuck" pulls stay in this in-progress state indefinitely. */
  stuckIn?: PullStatus;
}

export interface CompanyRecord {
  id: string;
  name: string;
  description: string | null;
  tags: Record<string, string>;
  created: number;
  createdByUserName: string | null;
  connections: ConnectionRecord[];
  pulls: PullRecord[];
  /** For offline connectors (QuickBooks Desktop, Sage 50): is the connector on the customer's machine running? */
  connectorOnline: boolean;
}

/** Links work once and for one day (docs/codat-api.md §7). */
export const linkLifetimeMs = day;

const phaseMs = { queued: 2_000, fetching: 6_000, mapping: 4_000, finishing: 3_000 } as const;

type Phase = { status: PullStatus; durationMs: number; progressFrom: number; progressTo: number };

/** The states a pull passes through before its outcome, per outcome. */
function phasesFor(outcome: PullStatus): Phase[] {
  const queued: Phase = { status: 'Queued', durationMs: phaseMs.queued, progressFrom: 0, progressTo: 0 };
  const fetching: Phase = { status: 'Fetching', durationMs: phaseMs.fetching, progressFrom: 10, progressTo: 60 };
  const mapping: Phase = { status: 'Mapping', durationMs: phaseMs.mapping, progressFrom: 60, progressTo: 90 };
  /** Validating or Processing: the last step of a pull that fails after mapping. */
  const finishing = (status: PullStatus): Phase => ({
    status,
    durationMs: phaseMs.finishing,
    progressFrom: 90,
    progressTo: 99,
  });
  switch (outcome) {
    case 'NotSupported':
    case 'Cancelled':
      return [queued];
    case 'MapError':
      return [queued, fetching, mapping];
    case 'ValidationError':
      return [queued, fetching, mapping, finishing('Validating')];
    case 'ProcessingError':
      return [queued, fetching, mapping, finishing('Processing')];
    case 'Complete':
      return [queued, fetching, mapping];
    default:
      return [queued, fetching];
  }
}

export function pullDurationMs(outcome: PullStatus): number {
  return phasesFor(outcome).reduce((sum, phase) => sum + phase.durationMs, 0);
}

export interface PullState {
  status: PullStatus;
  progress: number;
  completedAt: number | null;
}

export function pullState(pull: PullRecord, now: number): PullState {
  if (pull.startAt === null || now < pull.startAt) return { status: 'Queued', progress: 0, completedAt: null };
  if (pull.stuckIn) return { status: pull.stuckIn, progress: 35, completedAt: null };
  let elapsed = now - pull.startAt;
  for (const phase of phasesFor(pull.outcome.status)) {
    if (elapsed < phase.durationMs) {
      const share = phase.durationMs === 0 ? 0 : elapsed / phase.durationMs;
      return {
        status: phase.status,
        progress: Math.round(phase.progressFrom + (phase.progressTo - phase.progressFrom) * share),
        completedAt: null,
      };
    }
    elapsed -= phase.durationMs;
  }
  const completedAt = pull.startAt + pullDurationMs(pull.outcome.status);
  const progress = pull.outcome.status === 'Complete' ? 100 : (phasesFor(pull.outcome.status).at(-1)?.progressTo ?? 0);
  return { status: pull.outcome.status, progress, completedAt };
}

export function pullView(pull: PullRecord, now: number): PullOperation {
  const state = pullState(pull, now);
  const view: PullOperation = {
    id: pull.id,
    companyId: pull.companyId,
    connectionId: pull.connectionId,
    dataType: pull.dataType,
    status: state.status,
    statusDescription: pull.outcome.statusDescription ?? null,
    errorMessage: state.completedAt !== null ? (pull.outcome.errorMessage ?? null) : null,
    requested: iso(pull.requested),
    progress: state.progress,
    isCompleted: state.status === 'Complete',
    isErrored: isPullErrored(state.status),
  };
  if (state.completedAt !== null) view.completed = iso(state.completedAt);
  return view;
}

export function isPullRunning(pull: PullRecord, now: number): boolean {
  return pullState(pull, now).completedAt === null;
}

/** The time of the connection's last successful pull, if any. */
export function connectionLastSync(company: CompanyRecord, connectionId: string, now: number): number | null {
  let latest: number | null = null;
  for (const pull of company.pulls) {
    if (pull.connectionId !== connectionId || pull.outcome.status !== 'Complete') continue;
    const { completedAt } = pullState(pull, now);
    if (completedAt !== null && (latest === null || completedAt > latest)) latest = completedAt;
  }
  return latest;
}

export function companyLastSync(company: CompanyRecord, now: number): number | null {
  let latest: number | null = null;
  for (const connection of company.connections) {
    const last = connectionLastSync(company, connection.id, now);
    if (last !== null && (latest === null || last > latest)) latest = last;
  }
  return latest;
}

export function linkIsUsable(link: OneTimeLink | null, now: number): boolean {
  return !!link && !link.used && now - link.issuedAt < linkLifetimeMs;
}

/**
 * Our choice where Codat is silent (docs/codat-api.md §13): reading a connection always shows a link that works.
 * The current one-time code is kept while it is unused and under a day old; otherwise a new one is issued.
 */
export function currentLink(connection: ConnectionRecord, now: number, random: Random): OneTimeLink {
  if (!linkIsUsable(connection.link, now)) connection.link = { code: random.digits(6), issuedAt: now, used: false };
  return connection.link as OneTimeLink;
}

export function linkPath(connection: ConnectionRecord): string {
  return `/link/companies/${connection.companyId}/connections/${connection.id}/start`;
}

export interface ViewContext {
  baseUrl: string;
  now: number;
  random: Random;
}

export function connectionView(company: CompanyRecord, connection: ConnectionRecord, context: ViewContext): Connection {
  const link = currentLink(connection, context.now, context.random);
  const lastSync = connectionLastSync(company, connection.id, context.now);
  return {
    id: connection.id,
    integrationId: connection.platform.integrationId,
    integrationKey: connection.platform.key,
    sourceId: connection.platform.sourceId,
    sourceType: connection.platform.sourceType,
    platformName: connection.platform.name,
    linkUrl: `${context.baseUrl}${linkPath(connection)}?otp=${link.code}`,
    status: connection.status,
    // Omitted rather than null: the official SDK rejects null here although the spec allows it.
    ...(lastSync !== null ? { lastSync: iso(lastSync) } : {}),
    created: iso(connection.created),
    dataConnectionErrors: connection.errors.length > 0 ? connection.errors.map((error) => ({ ...error })) : null,
  };
}

export function companyView(company: CompanyRecord, context: ViewContext): Company {
  const lastSync = companyLastSync(company, context.now);
  return {
    id: company.id,
    name: company.name,
    ...(company.description !== null ? { description: company.description } : {}),
    redirect: `${context.baseUrl}/link/company/${company.id}`,
    ...(lastSync !== null ? { lastSync: iso(lastSync) } : {}),
    created: iso(company.created),
    createdByUserName: company.createdByUserName,
    products: [],
    tags: { ...company.tags },
    dataConnections: company.connections.map((connection) => connectionView(company, connection, context)),
  };
}

/** Per data type: the latest pull's status and the latest successful one. */
export function dataStatusView(company: CompanyRecord, now: number): DataStatuses {
  const latest = new Map<DataType, PullRecord>();
  const latestSuccess = new Map<DataType, { pull: PullRecord; completedAt: number }>();
  for (const pull of company.pulls) {
    const current = latest.get(pull.dataType);
    if (!current || pull.requested >= current.requested) latest.set(pull.dataType, pull);
    const state = pullState(pull, now);
    if (state.status === 'Complete' && state.completedAt !== null) {
      const best = latestSuccess.get(pull.dataType);
      if (!best || state.completedAt >= best.completedAt)
        latestSuccess.set(pull.dataType, { pull, completedAt: state.completedAt });
    }
  }
  const statuses: DataStatuses = {};
  for (const [dataType, pull] of latest) {
    const success = latestSuccess.get(dataType);
    statuses[dataType] = {
      dataType,
      currentStatus: pullState(pull, now).status,
      latestSyncId: pull.id,
      ...(success ? { lastSuccessfulSync: iso(success.completedAt), latestSuccessfulSyncId: success.pull.id } : {}),
    };
  }
  return statuses;
}
