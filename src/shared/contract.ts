/**
 * THE bridge contract: every operation the renderer may ask main for, and every event main may push.
 * Types on both sides are inferred from these schemas; nothing else describes the bridge.
 * Values must survive JSON (the web host) as well as structured clone (IPC): dates are ISO strings.
 */
import { z } from 'zod';
import { bridgeErrorSchema, type Result } from './result';
import { pageIds } from './pages';
import {
  companySchema,
  connectionSchema,
  dataStatusesSchema,
  dataTypeSchema,
  pullOperationSchema,
  readValidationResultSchema,
  sourceTypeSchema,
} from './codat/schemas';
import { auditActions, auditRecordSchema, type AuditAction } from './domain/audit';
import { followUpNoticeSchema, followUpNotifySchema } from './domain/followup-notices';
import { inboxNoticeSchema } from './domain/inbox-alerts';
import { handOverEventSchema, handOverSchema } from './domain/handovers';
import { healthIssueSchema, healthThresholdsSchema } from './domain/health/model';
import {
  inboxIssueSchema,
  inboxStates,
  monitorRoundSchema,
  monitorSettingsSchema,
  monitorStatusSchema,
} from './domain/inbox';
import { addressProblem } from './domain/invite';
import { tagFilterSchema } from './domain/tag-filter';

// The renderer's CSP forbids eval; tell zod not to probe for it.
z.config({ jitless: true });

const noInput = z.object({}).strict();

export const environmentSchema = z.enum(['training', 'test', 'production']);

export const secretStorageSchema = z.object({
  /** True only when API keys are encrypted by the OS keychain (Keychain, DPAPI, libsecret/kwallet). */
  osKeychain: z.boolean(),
  level: z.enum(['os_keychain', 'weak', 'session_only']),
  /** One plain sentence for the settings page. */
  explanation: z.string(),
});

export const keyStorageSchema = z.enum(['os_keychain', 'weak', 'session_only']);
export type KeyStorage = z.infer<typeof keyStorageSchema>;

/** What the renderer may know about a profile: never the key, only its last four characters. */
export const profileSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  environment: environmentSchema,
  builtIn: z.boolean(),
  keyHint: z.string().nullable(),
  createdAt: z.string(),
  /** How its key is kept; `none` for the training sandbox, which needs no key. */
  protection: z.union([keyStorageSchema, z.literal('none')]),
  keyStatus: z.enum(['ready', 'missing', 'undecryptable']),
  /** Why the key cannot be used, in plain words, when keyStatus is not ready. */
  keyProblem: z.string().optional(),
});
export type ProfileSummary = z.infer<typeof profileSummarySchema>;

const profileName = z.string().trim().min(1, 'Give the profile a name.').max(60, 'Keep the name under 60 characters.');
const baseUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
      return (
        (url.protocol === 'https:' || (url.protocol === 'http:' && local)) &&
        !url.username &&
        !url.password &&
        !url.search &&
        !url.hash
      );
    } catch {
      return false;
    }
  }, 'Use an https:// address such as https://api.codat.io (plain http only for a sandbox on this computer).');

export const profileInputSchema = z
  .object({
    /** Absent for a new profile. */
    id: z.string().min(1).optional(),
    name: profileName,
    baseUrl,
    environment: z.enum(['test', 'production']),
    /** A new key (raw, or a pasted `Basic …` header). Required for a new profile; absent keeps the current one. */
    apiKey: z.string().trim().min(8, 'That key is too short to be a Codat API key.').max(512).optional(),
    /** Required where the OS keychain is unavailable: keep the key for this session, or store it weakly. */
    storage: z.enum(['weak', 'session_only']).optional(),
  })
  .strict();
export type ProfileInput = z.input<typeof profileInputSchema>;

const codatId = z.string().regex(/^[0-9A-Fa-f-]{36}$/, 'Not a Codat ID.');

/** An image from the branding cache: a path on the console's own origin, never a remote URL. */
export const cachedImageSchema = z.object({
  src: z.string().regex(/^\/branding-cache\/[0-9a-f]{64}\.(png|jpg|gif|webp|svg)$/),
  alt: z.string(),
});
export type CachedImage = z.infer<typeof cachedImageSchema>;

/** A platform's four branding images (any may be missing), each described by `image`. */
export const brandingSlotsOf = <T extends z.ZodType>(image: T) =>
  z.object({
    logoFull: image.nullable(),
    logoSquare: image.nullable(),
    buttonDefault: image.nullable(),
    buttonHover: image.nullable(),
  });

export const integrationBrandingSchema = brandingSlotsOf(cachedImageSchema);
export type IntegrationBranding = z.infer<typeof integrationBrandingSchema>;

export const integrationCardSchema = z.object({
  key: z.string(),
  name: z.string(),
  sourceType: sourceTypeSchema.optional(),
  enabled: z.boolean(),
  isOfflineConnector: z.boolean(),
  isBeta: z.boolean(),
  /** The square logo's cached path (the renderer never loads remote images), or null. */
  logo: z.string().nullable(),
  branding: integrationBrandingSchema,
  /** Why some of the branding is missing, in plain words, when it is. */
  brandingNote: z.string().optional(),
});
export type IntegrationCard = z.infer<typeof integrationCardSchema>;

export const brandingCacheStateSchema = z.object({
  /** When the list was last fetched from Codat; null when nothing is cached yet. */
  cachedAt: z.string().nullable(),
  /** Older than the cache's time to live. */
  stale: z.boolean(),
  /** The last attempt to reach Codat failed for want of a network: what is shown is the cache. */
  offline: z.boolean(),
  refreshing: z.boolean(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  /** Why the last background refresh failed, if it did. */
  lastError: bridgeErrorSchema.nullable(),
});
export type BrandingCacheState = z.infer<typeof brandingCacheStateSchema>;

export const integrationCatalogSchema = brandingCacheStateSchema.extend({
  integrations: z.array(integrationCardSchema),
  /** The "Powered by Codat" mark when the profile's host serves one; the preview falls back to text. */
  poweredBy: cachedImageSchema.nullable(),
});
export type IntegrationCatalog = z.infer<typeof integrationCatalogSchema>;

export const brandingSettingsSchema = z.object({
  /** After this many days the cache is shown but fetched again in the background. */
  ttlDays: z.number().int().min(1, 'At least 1 day.').max(365, 'At most 365 days.'),
  /** The cache's images are kept under this size; the least recently used go first. */
  maxMegabytes: z.number().int().min(5, 'At least 5 MB.').max(2000, 'At most 2000 MB.'),
});
export type BrandingSettings = z.infer<typeof brandingSettingsSchema>;

export const followUpSettingsSchema = z.object({
  /** How often main asks Codat about hand-overs while a link still works or a first sync runs. */
  checkEveryMinutes: z.number().int().min(1, 'At least every minute.').max(60, 'At most every 60 minutes.'),
  /** Which follow-ups are notified on the desktop; settings saved before there was a choice get all of them. */
  notify: followUpNotifySchema.prefault({}),
});
export type FollowUpSettings = z.infer<typeof followUpSettingsSchema>;

/** When main last asked Codat about hand-overs, and why it could not, if it could not. */
export const followUpWatchSchema = z.object({
  checkedAt: z.string().nullable(),
  problem: z.string().nullable(),
  /** The problem's kind, for a short notice (the status bar). */
  reason: z.enum(['rate_limited', 'quota', 'unreachable', 'refused']).nullable().optional(),
  nextCheckAt: z.string().nullable(),
});

export const connectivitySchema = z.object({
  /** null until main has tried. */
  online: z.boolean().nullable(),
  checkedAt: z.string().nullable(),
});

export const inviteTemplateSchema = z.object({
  subject: z.string().max(300),
  body: z.string().max(10_000),
});
export const inviteSettingsSchema = z.object({
  template: inviteTemplateSchema,
  /** Who the invite is from (the {sender} placeholder). */
  sender: z.string().max(200),
});

export const timelineEventSchema = z.object({
  at: z.string(),
  kind: z.enum(['created', 'status_observed', 'error', 'error_resolved', 'pull', 'audit']),
  title: z.string(),
  detail: z.string().optional(),
  /** For pulls: to open the pull operation. */
  datasetId: z.string().optional(),
  tone: z.enum(['good', 'bad', 'neutral', 'progress']),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const scanStateSchema = z.object({
  scanId: z.string(),
  state: z.enum(['running', 'finished', 'cancelled', 'failed', 'paused_for_quota']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  companiesScanned: z.number().int(),
  totalCompanies: z.number().int().nullable(),
  /** Codat requests this scan made (cached reuse costs none). */
  requestsUsed: z.number().int(),
  closerLooks: z.number().int(),
  reused: z.number().int(),
  rateLimitRemaining: z.number().int().nullable(),
  issuesFound: z.number().int(),
  /** Companies Codat listed that Linkdesk could not read, so did not scan (absent: none). */
  unreadable: z.number().int().optional(),
  error: z.string().optional(),
});
export type ScanState = z.infer<typeof scanStateSchema>;

/** Records of actions that happened but could not be written to the audit trail yet (disk full, read-only). */
export const auditStatusSchema = z.object({
  pending: z.number().int().min(0),
  /** Why, in plain words; null when nothing is waiting. */
  problem: z.string().nullable(),
});
export type AuditStatus = z.infer<typeof auditStatusSchema>;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  host: z.enum(['electron', 'web']),
  activeProfile: z.object({ id: z.string(), name: z.string(), environment: environmentSchema }).nullable(),
  secretStorage: secretStorageSchema,
  /** Things the user must be told once, e.g. a settings file that was moved aside. */
  notices: z.array(z.string()),
  audit: auditStatusSchema,
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/**
 * What an operation does to the world, declared where it is defined:
 * - `read`: changes nothing;
 * - `local`: changes only this console's own settings;
 * - `write`: changes Codat or the profiles, and is recorded in the audit trail under `audit` by the dispatcher
 *   (exactly one record, success or failure), so no handler can forget to.
 */
export type OperationSpec =
  | { input: z.ZodType; output: z.ZodType; effect: 'read' | 'local' }
  | { input: z.ZodType; output: z.ZodType; effect: 'write'; audit: AuditAction | ((input: never) => AuditAction) };

const read = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) =>
  ({ input, output, effect: 'read' }) as const;
const local = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) =>
  ({ input, output, effect: 'local' }) as const;
const write = <I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  audit: AuditAction | ((input: z.output<I>) => AuditAction),
) => ({ input, output, effect: 'write', audit }) as const;

const companyRef = z.object({ companyId: codatId }).strict();
const connectionRef = z.object({ companyId: codatId, connectionId: codatId }).strict();
const profileRef = z.object({ id: z.string().min(1) }).strict();

/** Every operation, by area; each area is served by one service in main (src/main/operations/<area>.ts). */
export const operations = {
  // app: what main says about itself
  'app.info': read(noInput, appInfoSchema),

  // profiles: named Codat profiles and their keys
  'profiles.list': read(
    noInput,
    z.object({ profiles: z.array(profileSummarySchema), activeId: z.string(), secretStorage: secretStorageSchema }),
  ),
  'profiles.save': write(profileInputSchema, profileSummarySchema, (input) =>
    input.id ? 'profile.edit' : 'profile.add',
  ),
  'profiles.remove': write(profileRef, z.object({ removed: z.literal(true) }), 'profile.remove'),
  'profiles.activate': local(profileRef, profileSummarySchema),
  'profiles.test': read(
    profileRef,
    z.object({ clientName: z.string(), redirectUrl: z.string(), baseUrl: z.string(), checkedAt: z.string() }),
  ),

  // companies: find, open, create, delete
  'companies.search': read(
    z
      .object({
        text: z.string().max(200),
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(500).default(100),
        /** Only companies with this tag (`region=uk`); `text`, if any, narrows them by name. */
        tag: tagFilterSchema.optional(),
        /** Which search box asks: a newer search cancels only the same box's older one. */
        box: z.enum(['companies-page', 'palette']).default('companies-page'),
      })
      .strict(),
    z.object({
      results: z.array(companySchema),
      totalResults: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
      /** The text was a company ID, looked up directly. */
      byId: z.boolean(),
      /** Companies of this page that Linkdesk could not read, left out of `results`. */
      unreadable: z.number().int(),
      /** The text named a connection (its ID, or a deep link to it): the company found is the one that has it. */
      connectionId: codatId.nullable(),
      /** Nothing held the text as typed; these hold it once accents, spaces and punctuation are set aside. */
      loose: z.boolean(),
      /** Nothing matched: the closest names Linkdesk knows, closest first. */
      suggestions: z.array(companySchema),
    }),
  ),
  'companies.get': read(z.object({ companyId: codatId, fresh: z.boolean().default(false) }).strict(), companySchema),
  'companies.findByName': read(
    z.object({ name: z.string().trim().min(1).max(200) }).strict(),
    z.object({ matches: z.array(companySchema) }),
  ),
  'companies.create': write(
    z
      .object({
        customerId: z.string().trim().min(1, 'Enter the customer ID.').max(200),
        description: z.string().max(1000).optional(),
        tags: z.record(z.string().min(1).max(27), z.string().max(100)).optional(),
      })
      .strict(),
    companySchema,
    'company.create',
  ),
  /** Irreversible: the company, its connections and its cached data. */
  'companies.delete': write(companyRef, z.object({ deleted: z.literal(true) }), 'company.delete'),

  // connections: a company's link to one platform
  'connections.create': write(
    z.object({ companyId: codatId, platformKey: z.string().regex(/^[a-z]{4}$/) }).strict(),
    connectionSchema,
    'connection.create',
  ),
  'connections.get': read(connectionRef, connectionSchema),
  /** Revokes access (PATCH status Unlinked): no new syncs; data already synced stays; the customer can re-link. */
  'connections.unlink': write(connectionRef, connectionSchema, 'connection.unlink'),
  /** Irreversible: revokes and ends access to data already synced. */
  'connections.delete': write(connectionRef, z.object({ deleted: z.literal(true) }), 'connection.delete'),

  // data: what Codat has synced, and asking it to sync again
  'data.status': read(companyRef, dataStatusesSchema),
  'data.history': read(
    z
      .object({
        companyId: codatId,
        page: z.number().int().min(1).default(1),
        pageSize: z.number().int().min(1).max(200).default(50),
        errorsOnly: z.boolean().default(false),
      })
      .strict(),
    z.object({
      results: z.array(pullOperationSchema),
      totalResults: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
      /** Pulls of this page that Linkdesk could not read, left out of `results`. */
      unreadable: z.number().int(),
    }),
  ),
  'data.pull': read(
    z.object({ companyId: codatId, datasetId: codatId }).strict(),
    z.object({ pull: pullOperationSchema, validation: readValidationResultSchema.nullable() }),
  ),
  'data.refreshAll': write(companyRef, z.object({ queued: z.literal(true) }), 'data.refreshAll'),
  'data.refreshDataType': write(
    z.object({ companyId: codatId, dataType: dataTypeSchema, connectionId: codatId.optional() }).strict(),
    pullOperationSchema,
    'data.refreshType',
  ),

  // diagnosis: one company read closely, in plain words
  /** Reads the company closely (fresh company, dataStatus, recent pulls) and classifies it. */
  'diagnosis.company': read(companyRef, z.object({ issues: z.array(healthIssueSchema), checkedAt: z.string() })),
  /** Plain text/markdown for a support ticket: ids, statuses, errors with correlation ids, our reading. No secret. */
  'diagnosis.report': read(companyRef, z.object({ markdown: z.string() })),
  'diagnosis.timeline': read(connectionRef, z.object({ events: z.array(timelineEventSchema) })),

  // health: the portfolio scan
  'health.startScan': read(noInput, scanStateSchema),
  'health.cancelScan': read(z.object({ scanId: z.string() }).strict(), scanStateSchema),
  /** The latest scan of the active profile, with its issues; null before the first scan. */
  'health.results': read(noInput, z.object({ scan: scanStateSchema, issues: z.array(healthIssueSchema) }).nullable()),
  'health.thresholds': read(noInput, healthThresholdsSchema),
  'health.saveThresholds': local(healthThresholdsSchema.strict(), healthThresholdsSchema),

  // integrations: the platforms Codat offers, and their branding cache
  /** Every integration from the branding cache (stale-while-revalidate; fetched on a miss). */
  'integrations.list': read(noInput, integrationCatalogSchema),
  /** Fetches the list and every platform's branding again, now. */
  'integrations.refresh': local(noInput, integrationCatalogSchema),
  'integrations.cacheSettings': read(noInput, brandingSettingsSchema),
  'integrations.saveCacheSettings': local(brandingSettingsSchema.strict(), brandingSettingsSchema),

  // invites: the email that hands a link over
  'invites.settings': read(noInput, inviteSettingsSchema),
  'invites.saveSettings': local(inviteSettingsSchema.strict(), inviteSettingsSchema),
  /** Records that an invite was composed (opened in the mail app or copied), and follows its link up. */
  'invites.composed': write(
    z
      .object({
        companyId: codatId,
        connectionId: codatId,
        how: z.enum(['email_app', 'copied']),
        /** Who it is addressed to, when the composer has an address (copying works without one). */
        recipient: z
          .string()
          .trim()
          .refine((value) => addressProblem(value) === null, 'Not an email address.')
          .optional(),
      })
      .strict(),
    z.object({ recorded: z.literal(true) }),
    'invite.compose',
  ),

  // followups: every link handed over, followed until it ends
  /** The link was copied or opened here: main follows it up (watching Codat) until it ends. */
  'followups.record': local(
    z.object({ companyId: codatId, connectionId: codatId, how: z.enum(['copied', 'opened']) }).strict(),
    handOverSchema,
  ),
  /**
   * The active profile's hand-overs, oldest first. `problem`: the latest are kept in memory only; `watch`: when
   * main last asked Codat about them, and why it could not, if it could not.
   */
  'followups.list': read(
    noInput,
    z.object({
      handOvers: z.array(handOverSchema),
      problem: z.string().nullable(),
      watch: followUpWatchSchema,
      /** The OS user this console runs as (hand-overs' `by`), for "mine". */
      you: z.string(),
    }),
  ),
  /**
   * Forgets the active profile's hand-overs that have ended (first sync finished or failed, replaced by a fresh
   * link, deleted in Codat); open ones stay. Says how many went.
   */
  'followups.clearDone': local(noInput, z.object({ cleared: z.number().int().nonnegative() })),
  /**
   * Asks Codat about every followed hand-over now, without waiting for the next planned check (the customer says
   * they have just authorised). Costs what a planned check costs: one request per 49 companies.
   */
  'followups.checkNow': read(
    noInput,
    z.object({ checked: z.number().int().nonnegative(), problem: z.string().nullable() }),
  ),
  'followups.settings': read(noInput, followUpSettingsSchema),
  'followups.saveSettings': local(followUpSettingsSchema.strict(), followUpSettingsSchema),
  /**
   * Reads the connection's current link from Codat now (links work once, for a day: never a cached one), records its
   * hand-over (how: fresh_link) and audits it. Refused, asking Codat nothing, when the day's quota is down to the
   * reserve. `lastRecipient`: who the latest invite for this connection went to, if one did.
   */
  'followups.freshLink': write(
    connectionRef,
    z.object({
      url: z.string(),
      expiresAt: z.string(),
      handOver: handOverSchema,
      lastRecipient: z.string().nullable(),
    }),
    'link.fresh',
  ),

  // inbox and monitor: the portfolio watched in the background, its issues with a lifecycle
  /** The active profile's inbox: every issue remembered, with counts per tab. */
  'inbox.list': local(
    noInput,
    z.object({
      issues: z.array(inboxIssueSchema),
      counts: z.record(z.enum(inboxStates), z.number().int().nonnegative()),
      /** The inbox file could not be read or written (it is kept in memory meanwhile), in plain words. */
      problem: z.string().nullable(),
    }),
  ),
  /** Triage, by issue key (several at once for bulk actions). Each says how many changed. */
  'inbox.acknowledge': local(
    z.object({ keys: z.array(z.string().min(1).max(400)).min(1).max(5000) }).strict(),
    z.object({ changed: z.number().int() }),
  ),
  'inbox.snooze': local(
    z
      .object({
        keys: z.array(z.string().min(1).max(400)).min(1).max(5000),
        /** Until when (in the future, within a year). */
        until: z.string().refine((value) => Number.isFinite(Date.parse(value)), 'Not a date.'),
      })
      .strict(),
    z.object({ changed: z.number().int() }),
  ),
  'inbox.mute': local(
    z.object({ keys: z.array(z.string().min(1).max(400)).min(1).max(5000) }).strict(),
    z.object({ changed: z.number().int() }),
  ),
  'inbox.unmute': local(
    z.object({ keys: z.array(z.string().min(1).max(400)).min(1).max(5000) }).strict(),
    z.object({ changed: z.number().int() }),
  ),
  'monitor.settings': read(noInput, monitorSettingsSchema),
  'monitor.saveSettings': local(monitorSettingsSchema.strict(), monitorSettingsSchema),
  'monitor.status': read(noInput, monitorStatusSchema),
  /** Starts a round now ("Check now"); its progress comes as `monitor.progress`. A round already running is returned. */
  'monitor.checkNow': read(noInput, monitorRoundSchema),

  // audit: the trail of writes
  'audit.list': read(
    z
      .object({
        action: z.enum(auditActions).optional(),
        /** Matches company id or name. */
        company: z.string().max(200).optional(),
        from: z.string().optional(),
        to: z.string().optional(),
      })
      .strict(),
    z.object({ records: z.array(auditRecordSchema), warnings: z.array(z.string()) }),
  ),

  // codat: reaching Codat at all
  /** Whether the active profile's API answers (any HTTP answer counts), probed now. */
  'codat.checkConnectivity': read(noInput, connectivitySchema),

  // system: the desktop around the console
  'system.openExternal': read(
    z.object({ url: z.string().min(1).max(8192) }).strict(),
    /** `browser`: the web host's page should open it itself (its browser is the user's desktop). */
    z.object({ opened: z.literal(true), by: z.enum(['system', 'browser']), url: z.string() }),
  ),
  'system.notify': read(
    z.object({ title: z.string().min(1).max(200), body: z.string().max(1000) }).strict(),
    z.object({ shown: z.boolean() }),
  ),
  /** Shows the support log's folder in the file manager where the host can; either way, says where it is. */
  'system.openLogsFolder': read(noInput, z.object({ opened: z.boolean(), directory: z.string().nullable() })),
} as const satisfies Record<`${string}.${string}`, OperationSpec>;

export const events = {
  /** A menu item or global shortcut asks the renderer to do something. */
  'ui.command': z.discriminatedUnion('command', [
    z.object({ command: z.literal('focusSearch') }),
    z.object({ command: z.literal('openPalette') }),
    z.object({ command: z.literal('navigate'), page: z.enum(pageIds) }),
  ]),
  /** A deep link (linkdesk://company/…) asks to open a company, and perhaps point at one of its connections. */
  'app.navigate': z.object({ companyId: codatId, connectionId: codatId.optional() }).strict(),
  /** The latest X-Rate-Limit-* figures Codat sent for the active profile. */
  'codat.rateLimit': z.object({
    limit: z.number().int().nullable(),
    remaining: z.number().int().nullable(),
    resetAt: z.string().nullable(),
  }),
  /** The profiles or the active one changed (here or in another window). */
  'profiles.changed': z.object({ activeId: z.string() }),
  /** A health scan moved on (at most a few times a second). */
  'health.progress': scanStateSchema,
  /** Audit records started or stopped waiting to be written. */
  'audit.status': auditStatusSchema,
  /** Whether main can currently reach the active profile's API. */
  'codat.connectivity': z.object({ online: z.boolean(), checkedAt: z.string() }),
  /**
   * Hand-overs were recorded or moved on; `events` are what to tell the user (each notified once). `notice`: the
   * one notification for them (null or absent: none, or every kind turned off), and whether main showed it on
   * the desktop (when not, the page shows it). `watch`: after a check, how the watcher stands.
   */
  /** A monitor round's progress (throttled), and its end. */
  'monitor.progress': monitorRoundSchema,
  /** A profile's monitor settings were saved (Settings, or the tray's Pause / Resume): show them, plan again. */
  'monitor.settingsChanged': z.object({ profileId: z.string(), settings: monitorSettingsSchema }),
  /**
   * The active profile's inbox changed (a round, a scan, triage, a snooze ending): read it again. `notice`: after a
   * round, the one notification for its alerts (null or absent: none), and whether main showed it on the desktop
   * (when not, the page shows it).
   */
  'inbox.changed': z.object({
    profileId: z.string(),
    newCount: z.number().int().nonnegative(),
    notice: inboxNoticeSchema.extend({ shownByMain: z.boolean() }).nullable().optional(),
  }),
  'followups.changed': z.object({
    profileId: z.string(),
    events: z.array(handOverEventSchema),
    notice: followUpNoticeSchema.extend({ shownByMain: z.boolean() }).nullable().optional(),
    watch: followUpWatchSchema.optional(),
  }),
  /** The branding cache started or finished a refresh, or moved on (the Integrations page reloads after). */
  'integrations.changed': brandingCacheStateSchema,
} as const satisfies Record<`${string}.${string}`, z.ZodType>;

export type OperationName = keyof typeof operations;
export type EventName = keyof typeof events;
export type OperationInput<N extends OperationName> = z.input<(typeof operations)[N]['input']>;
export type ParsedInput<N extends OperationName> = z.output<(typeof operations)[N]['input']>;
export type OperationOutput<N extends OperationName> = z.output<(typeof operations)[N]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const operationNames = Object.keys(operations) as OperationName[];
export const eventNames = Object.keys(events) as EventName[];

/** The audit action a write records for this (already parsed) input; null for reads. */
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
