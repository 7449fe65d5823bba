/**
 * Follow-ups: every connection link handed over (copied, opened, or sent in an invite) is recorded here, per
 * profile, so that it is followed until it ends, whether or not its company view is open. When Codat issued a
 * link is learnt from what main sees: the first time it saw that link in an answer of Codat's.
 */
import { randomUUID } from 'node:crypto';
import type { Company, Connection, DataStatuses } from '@shared/codat/schemas';
import {
  isHandOverDone,
  recordHandOver,
  syncBaselineOf,
  type HandOver,
  type HandOverMethod,
} from '@shared/domain/handovers';
import { isQuotaLow } from '@shared/domain/quota';
import { BridgeFailure } from '@shared/result';
import type { RateLimitInfo } from '../codat/http';
import type { WatchState } from './followups-watcher';
import type { HandOverStore } from './handovers-store';

/** How many links' first sightings are remembered (one per connection). */
const maxSightings = 5_000;

export interface FollowUpServiceOptions {
  store: HandOverStore;
  now(): number;
  /** The OS user, recorded as who handed the link over. */
  user: string;
  profileId(): string;
  /**
   * The company as main last saw it (names, the connection's errors), asking Codat only when it never did; with
   * `fresh`, always as Codat has it now (one request, which carries each connection's current link).
   */
  company(companyId: string, fresh?: boolean): Promise<Company>;
  /** The latest X-Rate-Limit figures: fresh links are not created out of the quota's reserve. */
  rateLimit?(): RateLimitInfo | null;
  /** The company's data status now (the first sync is told from older ones by it). */
  dataStatus(companyId: string): Promise<DataStatuses>;
  /** What the watcher last did. */
  watchState(): WatchState;
  /** Hand-overs were recorded (the watcher wakes up). */
  onRecorded(profileId: string, handOver: HandOver): void;
  /** Hand-overs were forgotten (the pages showing them read them again). */
  onCleared(profileId: string): void;
}

export function createFollowUpService(options: FollowUpServiceOptions) {
  /** Per connection, the link main last saw and when it first saw it. */
  const sightings = new Map<string, { url: string; at: number }>();

  /**
   * Whether the company may hold data from before this hand-over: it has a connection that is, or was, linked.
   * Not asked again for a link already recorded (its baseline is kept).
   */
  async function mayHaveSynced(profileId: string, company: Company, connectionId: string): Promise<boolean> {
    if (!(company.dataConnections ?? []).some((connection) => connection.status !== 'PendingAuth')) return false;
    const recorded = await options.store.list(profileId);
    const issued = sightings.get(connectionId);
    return !recorded.some(
      (item) =>
        item.connection.id === connectionId &&
        issued !== undefined &&
        item.link.issuedAt === new Date(issued.at).toISOString(),
    );
  }

  function connectionOf(company: Company, connectionId: string): Connection {
    const connection = company.dataConnections?.find((candidate) => candidate.id === connectionId);
    if (!connection) {
      throw new BridgeFailure({
        code: 'invalid_input',
        message: `Codat lists no connection ${connectionId} for ${company.name}, so its link cannot be followed up.`,
      });
    }
    return connection;
  }

  async function recordFor(
    company: Company,
    connectionId: string,
    how: HandOverMethod,
    recipient?: string,
  ): Promise<HandOver> {
    const profileId = options.profileId();
    const companyId = company.id;
    const connection = connectionOf(company, connectionId);
    const now = options.now();
    const issued = sightings.get(connectionId);
    const syncBaseline = (await mayHaveSynced(profileId, company, connectionId))
      ? await options
          .dataStatus(companyId)
          .then(syncBaselineOf)
          .catch(() => null)
      : null;
    let recorded: HandOver | undefined;
    await options.store.update(profileId, (handOvers) => {
      const result = recordHandOver(
        handOvers,
        {
          id: randomUUID(),
          profileId,
          company: { id: company.id, name: company.name },
          connection: {
            id: connection.id,
            platformKey: connection.integrationKey ?? '',
            platformName: connection.platformName,
          },
          by: options.user,
          how,
          recipient: recipient ?? null,
          linkIssuedAt: issued?.url === connection.linkUrl ? issued.at : now,
          errors: connection.dataConnectionErrors ?? [],
          syncBaseline,
        },
        now,
      );
      recorded = result.recorded;
      return result.handOvers;
    });
    options.onRecorded(profileId, recorded!);
    return recorded!;
  }

  return {
    /** Every connection Codat describes passes here: a link not seen before was issued about now. */
    sawConnection(connection: Pick<Connection, 'id' | 'linkUrl'>): void {
      const known = sightings.get(connection.id);
      if (known?.url === connection.linkUrl) return;
      sightings.delete(connection.id);
      sightings.set(connection.id, { url: connection.linkUrl, at: options.now() });
      if (sightings.size > maxSightings) sightings.delete(sightings.keys().next().value as string);
    },

    /** What was seen belongs to the profile it was seen under. */
    forgetSightings(): void {
      sightings.clear();
    },

    async record(companyId: string, connectionId: string, how: HandOverMethod, recipient?: string): Promise<HandOver> {
      return recordFor(await options.company(companyId), connectionId, how, recipient);
    },

    /**
     * A link that works, read from Codat now (one request for the company, whose connections carry their current
     * links), recorded as handed over for a mail merge or invites. Nothing is recorded when it fails.
     */
    async freshLink(companyId: string, connectionId: string) {
      const limit = options.rateLimit?.() ?? null;
      if (isQuotaLow(limit)) {
        throw new BridgeFailure({
          code: 'rate_limited',
          message: `Only ${limit?.remaining ?? 0} of today's Codat requests are left, kept for your team's own work: no fresh link was created.`,
        });
      }
      const company = await options.company(companyId, true);
      const url = connectionOf(company, connectionId).linkUrl;
      const handOver = await recordFor(company, connectionId, 'fresh_link');
      // Who the latest invite for this connection went to: the mail merge's recipient.
      const lastInvite = (await options.store.list(handOver.profileId))
        .filter((item) => item.connection.id === connectionId && item.recipient !== null)
        .reduce<HandOver | null>((latest, item) => (latest === null || item.at >= latest.at ? item : latest), null);
      return { url, expiresAt: handOver.link.expiresAt, handOver, lastRecipient: lastInvite?.recipient ?? null };
    },

    async list() {
      const handOvers = await options.store.list(options.profileId());
      return { handOvers, problem: options.store.problem(), watch: options.watchState(), you: options.user };
    },

    /** Forgets the hand-overs that have ended; open ones (and expired or failed ones, still to act on) stay. */
    async clearDone(): Promise<{ cleared: number }> {
      const profileId = options.profileId();
      let cleared = 0;
      await options.store.update(profileId, (handOvers) => {
        const kept = handOvers.filter((item) => !isHandOverDone(item));
        cleared = handOvers.length - kept.length;
        return kept;
      });
      if (cleared > 0) options.onCleared(profileId);
      return { cleared };
    },
  };
}

export type FollowUpService = ReturnType<typeof createFollowUpService>;
