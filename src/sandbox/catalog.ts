/**
 * The platforms the sandbox offers (real keys and names from docs/codat-api.md §9) and which data each supports.
 * Logos and buttons are generated lettermarks served by the sandbox, never real trademarks.
 */
import {
  accountingDataTypes,
  bankingDataTypes,
  commerceDataTypes,
  type DataType,
  type SourceType,
} from '@shared/codat/schemas';
import { uuidFromString } from './random';

export interface PlatformEntry {
  key: string;
  name: string;
  sourceType: SourceType;
  enabled: boolean;
  isOfflineConnector: boolean;
  isBeta: boolean;
  integrationId: string;
  sourceId: string;
}

type Row = [key: string, name: string, options?: { disabled?: true; offline?: true; beta?: true }];

const accounting: Row[] = [
  ['gbol', 'Xero'],
  ['qhyg', 'QuickBooks Online'],
  ['ndsk', 'QuickBooks Online Sandbox'],
  ['pqsw', 'QuickBooks Desktop', { offline: true }],
  ['knfz', 'Sage Intacct'],
  ['tgff', 'Sage Accounting'],
  ['hbql', 'Sage 50 (UK)', { offline: true }],
  ['jcrp', 'Sage 200 Standard'],
  ['akxx', 'Oracle NetSuite'],
  ['trji', 'Dynamics 365 Business Central'],
  ['rqwd', 'Dynamics 365 Finance & Operations', { disabled: true }],
  ['fbrh', 'FreeAgent'],
  ['vxvy', 'FreshBooks'],
  ['pdvj', 'MYOB Business'],
  ['qudb', 'Exact (Netherlands)', { disabled: true }],
  ['pbbf', 'Exact (UK)'],
  ['pbtz', 'Wave'],
  ['rvam', 'Workday', { disabled: true, beta: true }],
  ['rwuv', 'Zoho Books'],
  ['mqjo', 'Codat Sandbox'],
];
const banking: Row[] = [
  ['suuo', 'Plaid'],
  ['upvr', 'TrueLayer'],
  ['dfxm', 'Basiq', { disabled: true }],
];
const commerce: Row[] = [
  ['fztf', 'Shopify'],
  ['zsth', 'Square'],
  ['exgd', 'Stripe'],
  ['ugxp', 'Zettle'],
  ['qkdj', 'Amazon Seller Central', { beta: true }],
  ['vqzp', 'BigCommerce'],
  ['fqly', 'Clover', { beta: true }],
  ['ltpp', 'WooCommerce'],
  ['aiwb', 'Commerce Sandbox'],
];

function entries(rows: Row[], sourceType: SourceType): PlatformEntry[] {
  return rows.map(([key, name, options = {}]) => ({
    key,
    name,
    sourceType,
    enabled: !options.disabled,
    isOfflineConnector: !!options.offline,
    isBeta: !!options.beta,
    integrationId: uuidFromString(`integration:${key}`),
    sourceId: uuidFromString(`source:${key}`),
  }));
}

export const platforms: readonly PlatformEntry[] = [
  ...entries(accounting, 'Accounting'),
  ...entries(banking, 'Banking'),
  ...entries(commerce, 'Commerce'),
];
export const platformsByKey: ReadonlyMap<string, PlatformEntry> = new Map(platforms.map((p) => [p.key, p]));

/** What "Fetch on first link" queues, per source type (kept small so 100 000 seeded companies stay light). */
export const initialSyncTypes: Readonly<Partial<Record<SourceType, readonly DataType[]>>> = {
  Accounting: ['company', 'chartOfAccounts', 'customers', 'invoices', 'bills'],
  Banking: ['banking-accounts', 'banking-transactions'],
  Commerce: ['commerce-companyInfo', 'commerce-orders', 'commerce-customers'],
};

const typesBySource: Readonly<Partial<Record<SourceType, readonly DataType[]>>> = {
  Accounting: accountingDataTypes,
  Banking: bankingDataTypes,
  Commerce: commerceDataTypes,
};

export function sourceTypeOfDataType(dataType: DataType): SourceType {
  if (dataType.startsWith('banking-')) return 'Banking';
  if (dataType.startsWith('commerce-')) return 'Commerce';
  return 'Accounting';
}

/**
 * Whether a platform offers a data type. Every platform offers its source type's core types; a few
 * accounting platforms lack some of the rest, so `NotSupported` shows up as it does with Codat.
 */
export function platformSupports(platform: PlatformEntry, dataType: DataType): boolean {
  if (!(typesBySource[platform.sourceType] ?? []).includes(dataType)) return false;
  if ((initialSyncTypes[platform.sourceType] ?? []).includes(dataType)) return true;
  const unsupported: Record<string, readonly DataType[]> = {
    pbtz: ['purchaseOrders', 'salesOrders', 'itemReceipts', 'transfers'],
    vxvy: ['journalEntries', 'journals', 'purchaseOrders'],
    fbrh: ['salesOrders', 'itemReceipts'],
    pqsw: ['cashFlowStatement'],
  };
  return !(unsupported[platform.key] ?? []).includes(dataType);
}
