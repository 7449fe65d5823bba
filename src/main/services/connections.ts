/**
 * A company's connections: create one (checking the one-accounting-connection rule first, with what is known),
 * read it fresh, unlink or delete it. What Codat answers replaces what the company cache knew.
 */
import type { SourceType, Extensible } from '@shared/codat/schemas';
import { checkCanConnect } from '@shared/domain/connections';
import { BridgeFailure } from '@shared/result';
import type { CodatApi } from '../codat/api';
import { explainGone } from './codat-errors';
import type { CompanyCache } from './company-cache';
import type { CompanyService } from './companies';

export interface ConnectionServiceOptions {
  api(): Promise<CodatApi>;
  cache: CompanyCache;
  companies: Pick<CompanyService, 'get'>;
}

export function createConnectionService(options: ConnectionServiceOptions) {
  const { cache } = options;
  return {
    /** Checks the one-accounting-connection rule before any call, using what is known of the company. */
    async create(companyId: string, platformKey: string, sourceType: Extensible<SourceType> | undefined) {
      const company = await options.companies.get(companyId, false);
      const check = checkCanConnect(company, sourceType);
      if (!check.allowed) {
        throw new BridgeFailure({ code: 'conflict', message: check.reason, details: [check.existing.id] });
      }
      const known = (company.dataConnections ?? []).map((connection) => connection.id);
      const connection = await (await options.api()).createConnection(companyId, platformKey, known);
      cache.rememberConnection(companyId, connection);
      return connection;
    },

    /** Always fresh: a one-time link must be read right before it is handed over. */
    async get(companyId: string, connectionId: string) {
      const connection = await (await options.api()).getConnection(companyId, connectionId);
      cache.rememberConnection(companyId, connection);
      return connection;
    },

    /** Revoke: the connection stays, Unlinked. */
    async unlink(companyId: string, connectionId: string) {
      const connection = await (await options.api()).unlinkConnection(companyId, connectionId).catch(explainGone);
      cache.rememberConnection(companyId, connection);
      return connection;
    },

    async delete(companyId: string, connectionId: string) {
      await (await options.api()).deleteConnection(companyId, connectionId).catch(explainGone);
      cache.forgetConnection(companyId, connectionId);
      return { deleted: true as const };
    },

    /** The statuses this console saw a connection in, for its timeline. */
    observed: (connectionId: string) => cache.observed(connectionId),
  };
}

export type ConnectionService = ReturnType<typeof createConnectionService>;
