/**
 * THE bridge contract: every operation the renderer may ask main for, and every event main may push, one file per
 * area (`companies.ts` holds `companies.*`, as src/main/operations does). Types on both sides are inferred from these
 * schemas; nothing else describes the bridge. Values must survive JSON (the web host) as well as structured clone
 * (IPC): dates are ISO strings. What each effect (`read`, `act`, `write`) means: ./effects.ts.
 */
import type { AuditAction } from '../domain/audit';
import type { Result } from '../result';
import { appEvents, appOperations } from './app';
import { auditEvents, auditOperations } from './audit';
import { codatEvents, codatOperations } from './codat';
import { companyOperations } from './companies';
import { connectionOperations } from './connections';
import { dataOperations } from './data';
import { diagnosisOperations } from './diagnosis';
import type { Effect, OperationSpec } from './effects';
import { followUpEvents, followUpOperations } from './followups';
import { healthEvents, healthOperations } from './health';
import { inboxEvents, inboxOperations, monitorOperations } from './inbox';
import { integrationEvents, integrationOperations } from './integrations';
import { inviteOperations } from './invites';
import { profileEvents, profileOperations } from './profiles';
import { systemOperations } from './system';
import type { z } from './zod';

export { type AppInfo } from './app';
export { type AuditStatus } from './audit';
export { type TimelineEvent } from './diagnosis';
export { followUpSettingsSchema, type FollowUpSettings } from './followups';
export { type ScanState } from './health';
export {
  brandingSettingsSchema,
  brandingSlotsOf,
  type BrandingCacheState,
  type BrandingSettings,
  type CachedImage,
  type IntegrationCard,
  type IntegrationCatalog,
} from './integrations';
export { profileInputSchema, type KeyStorage, type ProfileInput, type ProfileSummary } from './profiles';

/** Every operation, by area; each area is served by one file in main (src/main/operations/<area>.ts). */
export const operations = {
  ...appOperations,
  ...profileOperations,
  ...companyOperations,
  ...connectionOperations,
  ...dataOperations,
  ...diagnosisOperations,
  ...healthOperations,
  ...integrationOperations,
  ...inviteOperations,
  ...followUpOperations,
  ...inboxOperations,
  ...monitorOperations,
  ...auditOperations,
  ...codatOperations,
  ...systemOperations,
} as const satisfies Record<`${string}.${string}`, OperationSpec>;

export const events = {
  ...appEvents,
  ...codatEvents,
  ...profileEvents,
  ...healthEvents,
  ...auditEvents,
  ...inboxEvents,
  ...followUpEvents,
  ...integrationEvents,
} as const satisfies Record<`${string}.${string}`, z.ZodType>;

export type OperationName = keyof typeof operations;
export type EventName = keyof typeof events;
export type OperationInput<N extends OperationName> = z.input<(typeof operations)[N]['input']>;
export type ParsedInput<N extends OperationName> = z.output<(typeof operations)[N]['input']>;
export type OperationOutput<N extends OperationName> = z.output<(typeof operations)[N]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

type OperationsThat<E extends Effect> = {
  [N in OperationName]: (typeof operations)[N]['effect'] extends E ? N : never;
}[OperationName];
/** Operations that change nothing: a data layer may call them by itself, and again on an event. */
export type ReadOperationName = OperationsThat<'read'>;
/** Operations that change Linkdesk's own state or start work: only when the user asks. */
export type ActOperationName = OperationsThat<'act'>;
/** Admin writes: each recorded in the audit trail by the dispatcher. */
export type WriteOperationName = OperationsThat<'write'>;

export const operationNames = Object.keys(operations) as OperationName[];
export const eventNames = Object.keys(events) as EventName[];

/** The audit action a write records for this (already parsed) input; null for reads and acts. */
export function auditActionOf<N extends OperationName>(name: N, input: ParsedInput<N>): AuditAction | null {
  const spec: OperationSpec = operations[name];
  if (spec.effect !== 'write') return null;
  return typeof spec.audit === 'function' ? (spec.audit as (input: ParsedInput<N>) => AuditAction)(input) : spec.audit;
}

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(operations, name);
}
export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

type AreaOf<N> = N extends `${infer Area}.${string}` ? Area : never;
type Area = AreaOf<OperationName>;
type Method<N extends OperationName> =
  {} extends OperationInput<N>
    ? (input?: OperationInput<N>) => Promise<Result<OperationOutput<N>>>
    : (input: OperationInput<N>) => Promise<Result<OperationOutput<N>>>;

/** What the renderer sees as `window.linkdesk`. */
export type LinkdeskApi = {
  [A in Area]: { [N in OperationName as N extends `${A}.${infer M}` ? M : never]: Method<N> };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};
