/**
 * The Follow-ups page in Debian's Chromium with 5 000 past hand-overs (12 weeks of them, in the states a real
 * desk accumulates): the time from pressing "Follow-ups" in the navigation until the first group's table and the
 * "Link completion" table are on screen, the time to show the completion by platform, the longest task while
 * the page sits idle (its clocks tick). (The size of its lazily loaded chunks: bundle.ts.)
 *
 * The hand-overs are written as main's store writes them (`<data>/followups/training.json`); those main still
 * watches (not ended, link issued within the week) point at real companies of the training sandbox, with the
 * status it reports, so that a check during the run changes nothing.
 */
import { chromium, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  handOverSchema,
  isHandOverWatched,
  linkLifetimeMs,
  type HandOver,
  type HandOverMethod,
} from '@shared/domain/handovers';
import { osUserName } from '@main/platform/node';
import { trainingProfileId } from '@main/storage/settings';
import { startSandbox } from '@sandbox/server';
import { startConsoleWebHost } from '@web/host';
import { chromiumLaunchOptions, monitorOffDataDir } from './console';

export interface FollowUpsPageBench {
  handOvers: number;
  /** Rows the page shows (groups of what to do next; done items before today are kept, not shown). */
  rowsShown: number;
  /** Rows per group (`expired`, `problem`, …). */
  rowsByGroup: Record<string, number>;
  runs: number;
  /** Medians over the runs, from the click on "Follow-ups" until painted. */
  firstGroupMs: number;
  completionMs: number;
  /** Every run's figures, in order (the first includes loading the chunks). */
  firstGroupRunsMs: number[];
  completionRunsMs: number[];
  /** The answer to `followups.list` (read by the navigation's badge at start): time and size. */
  listMs: number;
  listKiB: number;
  /** Longest task between the click and the completion table painted. */
  longestTaskMs: number;
  /** "By: Platform" in Link completion, from the click until the table is painted again (median). */
  byPlatformMs: number;
  /** The longest task in 12 s of the page standing still (its clocks tick every 1, 5 and 15 s). */
  idleLongestTaskMs: number;
  idleLongTasks: number;
}

const hour = 3_600_000;
const day = 24 * hour;

const platforms = [
  { key: 'gbol', name: 'Xero', weight: 30 },
  { key: 'qhyg', name: 'QuickBooks Online', weight: 25 },
  { key: 'tgff', name: 'Sage Accounting', weight: 12 },
  { key: 'fbrh', name: 'FreeAgent', weight: 10 },
  { key: 'akxx', name: 'Oracle NetSuite', weight: 8 },
  { key: 'trji', name: 'Dynamics 365 Business Central', weight: 7 },
  { key: 'fztf', name: 'Shopify', weight: 8 },
];
const firstWords = ['Harbour', 'Kestrel', 'Bramble', 'Northgate', 'Copper', 'Willow', 'Atlas', 'Juniper', 'Redfern'];
const secondWords = ['Bakery', 'Joinery', 'Dental', 'Logistics', 'Studio', 'Coffee', 'Plumbing', 'Outfitters'];
const suffixes = ['Ltd', 'LLP', 'Limited', '& Sons', 'Co.', 'GmbH'];

/** A hand-over as generated, before the watched ones are given real sandbox companies. */
interface Draft {
  handOver: HandOver;
  /** Hand-overs of the same connection (fresh links) share a chain. */
  chain: number;
}

/**
 * 5 000 hand-overs over the last 12 weeks by five people (one of them this OS user, for "mine"): most customers
 * link within a day and finish their first sync, some let the link expire, a few cancel or fail, one in ten is
 * handed a fresh link that supersedes the first (a few twice), and a handful are still open.
 */
export function pastHandOversForPage(count: number, now: number, you: string): Draft[] {
  let seed = 15;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const people = [you, 'alice.morgan', 'bob.okafor', 'carol.nguyen', 'dinesh.rao'];
  const totalWeight = platforms.reduce((sum, platform) => sum + platform.weight, 0);
  const platformOf = () => {
    let roll = random() * totalWeight;
    for (const platform of platforms) if ((roll -= platform.weight) < 0) return platform;
    return platforms[0]!;
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  const hex = (length: number) => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;

  const drafts: Draft[] = [];
  for (let chain = 0; drafts.length < count; chain += 1) {
    const platform = platformOf();
    const company = { id: uuid(), name: `${pick(firstWords)} ${pick(secondWords)} ${pick(suffixes)} ${chain}` };
    const connection = { id: uuid(), platformKey: platform.key, platformName: platform.name };
    const by = pick(people);
    const recipient = `accounts@${company.name.split(' ')[0]!.toLowerCase()}-${chain}.example`;
    // A handful are handed over in the last day and still waiting (two in their last two hours).
    const at = chain < 12 ? now - (chain < 2 ? 23 : 1 + chain) * hour : now - (0.05 + random() * 83.9) * day;
    const how: HandOverMethod = pick(['copied', 'copied', 'invite', 'invite', 'opened', 'fresh_link']);
    const base: HandOver = {
      id: uuid(),
      profileId: trainingProfileId,
      company,
      connection,
      by,
      at: iso(at),
      how,
      recipient: how === 'invite' || how === 'fresh_link' ? recipient : null,
      link: { issuedAt: iso(at), expiresAt: iso(at + linkLifetimeMs) },
      errorBaseline: [],
      syncBaseline: null,
      state: 'awaiting',
      problem: null,
      codatStatus: 'PendingAuth',
      changedAt: null,
      linkedAt: null,
      endedAt: null,
      supersededBy: null,
      notified: [],
    };
    const expiry = at + linkLifetimeMs;
    const toLink = (0.05 + random() ** 2 * 22) * hour;
    const toSync = toLink + (0.1 + random() ** 2 * 8) * hour;
    const roll = random();
    let handOver: HandOver;
    if (chain < 12) {
      handOver = { ...base, notified: expiry - now <= 2 * hour ? ['expiring_soon'] : [] };
    } else if (roll < 0.6 && at + toSync < now) {
      handOver = {
        ...base,
        state: 'synced',
        codatStatus: 'Linked',
        linkedAt: iso(at + toLink),
        endedAt: iso(at + toSync),
        changedAt: iso(at + toSync),
        notified: ['linked', 'first_sync_finished'],
      };
    } else if (roll < 0.66 && at + toSync < now) {
      handOver = {
        ...base,
        state: 'sync_failed',
        codatStatus: 'Linked',
        linkedAt: iso(at + toLink),
        endedAt: iso(at + toSync),
        changedAt: iso(at + toSync),
        problem: {
          errorMessage: pick([
            'bills: FetchError',
            'invoices: AuthError, bills: FetchError',
            'journals: InternalError',
          ]),
        },
        notified: ['linked', 'first_sync_failed'],
      };
    } else if (roll < 0.72 && now - at > 8 * day) {
      // Linked, and the first sync never reported back within the week main watches it.
      handOver = {
        ...base,
        state: 'linked',
        codatStatus: 'Linked',
        linkedAt: iso(at + toLink),
        changedAt: iso(at + toLink),
        notified: ['linked'],
      };
    } else if (roll < 0.78 && expiry < now) {
      const cancelled = random() < 0.75;
      const endedAt = iso(at + toLink);
      handOver = {
        ...base,
        state: cancelled ? 'cancelled' : 'failed',
        endedAt,
        changedAt: endedAt,
        problem: cancelled
          ? {
              statusCode: '401',
              statusText: 'Unauthorized',
              errorMessage: 'The user cancelled the authorisation.',
              erroredOnUtc: endedAt,
            }
          : {
              statusCode: '500',
              statusText: 'InternalServerError',
              errorMessage: `${platform.name} did not answer while authorising.`,
              erroredOnUtc: endedAt,
            },
      };
    } else if (roll < 0.79 && expiry < now) {
      handOver = {
        ...base,
        state: 'gone',
        codatStatus: 'Linked',
        endedAt: iso(at + 3 * day),
        changedAt: iso(at + 3 * day),
      };
    } else if (expiry < now) {
      handOver = {
        ...base,
        state: 'expired',
        endedAt: iso(expiry),
        changedAt: iso(expiry),
        notified: ['expiring_soon', 'expired'],
      };
    } else {
      handOver = { ...base, notified: expiry - now <= 2 * hour ? ['expiring_soon'] : [] };
    }
    // One in ten had a link before this one that went unused and was replaced (one in thirty, two before).
    const earlier = chain >= 12 && random() < 0.1 ? (random() < 0.3 ? 2 : 1) : 0;
    let supersededBy = handOver.id;
    let replacedAt = at;
    const older: HandOver[] = [];
    for (let n = 0; n < earlier && drafts.length + older.length + 1 < count; n += 1) {
      const olderAt = replacedAt - (1 + random() * 3) * day;
      const olderHow: HandOverMethod = pick(['copied', 'invite']);
      const item: HandOver = {
        ...base,
        id: uuid(),
        at: iso(olderAt),
        how: olderHow,
        recipient: olderHow === 'invite' ? recipient : null,
        link: { issuedAt: iso(olderAt), expiresAt: iso(olderAt + linkLifetimeMs) },
        state: 'superseded',
        endedAt: iso(replacedAt),
        changedAt: iso(replacedAt),
        supersededBy,
        notified: ['expiring_soon', 'expired'],
      };
      older.unshift(item);
      supersededBy = item.id;
      replacedAt = olderAt;
    }
    for (const item of [...older, handOver]) drafts.push({ handOver: item, chain });
  }
  // The store keeps them oldest first.
  return drafts.sort((a, b) => Date.parse(a.handOver.at) - Date.parse(b.handOver.at));
}

/** The in-page probe: marks the click on the navigation link, then when each table is first painted. */
const installProbe = `(() => {
  const marks = {};
  const longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask' });
  const painted = (name) => requestAnimationFrame(() => setTimeout(() => {
    marks[name] = performance.now();
    if (marks.group !== undefined && marks.completion !== undefined) window.__followUpsDone(marks);
  }, 0));
  const look = () => {
    if (marks.click === undefined) return;
    if (!marks.groupSeen && document.querySelector('.followups-group table tbody tr')) {
      marks.groupSeen = performance.now();
      painted('group');
    }
    if (!marks.completionSeen && document.querySelector('section.link-completion table tbody tr')) {
      marks.completionSeen = performance.now();
      painted('completion');
    }
  };
  document.addEventListener('click', (event) => {
    if (marks.click === undefined && event.target.closest('a')) { marks.click = performance.now(); look(); }
  }, { capture: true });
  new MutationObserver(look).observe(document.body, { childList: true, subtree: true });
  window.__followUpsLongTasks = longTasks;
  window.__followUpsMarks = new Promise((resolve) => { window.__followUpsDone = resolve; });
})()`;

const byPlatformProbe = `new Promise((resolve) => {
  const table = document.querySelector('section.link-completion table');
  let clicked;
  const radio = [...document.querySelectorAll('section.link-completion input[type=radio]')]
    .find((input) => input.closest('label').textContent.trim() === 'Platform');
  const observer = new MutationObserver(() => {
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - clicked), 0));
  });
  observer.observe(table, { childList: true, subtree: true, characterData: true });
  clicked = performance.now();
  radio.click();
})`;

const idleProbe = `new Promise((resolve) => {
  const tasks = [];
  const observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) tasks.push(entry.duration); });
  observer.observe({ type: 'longtask' });
  setTimeout(() => { observer.disconnect(); resolve(tasks); }, 12_000);
})`;

interface Marks {
  click: number;
  group: number;
  completion: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function openCompanies(page: Page): Promise<void> {
  await page.getByRole('listbox', { name: 'Companies', exact: true }).getByRole('option').first().waitFor();
  // The navigation's badge reads the hand-overs at start; the page is opened once it has them, as a user would.
  await page.locator('.nav-count').waitFor();
}

export async function benchFollowUpsPage(count = 5000, runs = 5): Promise<FollowUpsPageBench> {
  const now = Date.now();
  const drafts = pastHandOversForPage(count, now, osUserName());
  const sandbox = await startSandbox({ companies: 50, seed: 7, clock: { speed: 0 }, dailyQuota: 10_000_000 });
  const codat = async (pathName: string, body: unknown) => {
    const response = await fetch(`${sandbox.url}${pathName}`, {
      method: 'POST',
      headers: { Authorization: sandbox.authorization, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST ${pathName}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string };
  };
  // Those main still watches get a real company and connection in the sandbox (waiting for the customer, as
  // their recorded status says); the chain's older links share them.
  const watchedChains = new Set(drafts.filter((draft) => isHandOverWatched(draft.handOver, now)).map((d) => d.chain));
  const real = new Map<number, { companyId: string; connectionId: string }>();
  for (const chain of watchedChains) {
    const sample = drafts.find((draft) => draft.chain === chain)!.handOver;
    const company = await codat('/companies', { name: sample.company.name });
    const connection = await codat(`/companies/${company.id}/connections`, {
      platformKey: sample.connection.platformKey,
    });
    real.set(chain, { companyId: company.id, connectionId: connection.id });
  }
  const handOvers = drafts.map(({ handOver, chain }) => {
    const ids = real.get(chain);
    const item: HandOver = ids
      ? {
          ...handOver,
          company: { ...handOver.company, id: ids.companyId },
          connection: { ...handOver.connection, id: ids.connectionId },
        }
      : handOver;
    return handOverSchema.parse(item);
  });

  const dataDir = monitorOffDataDir('followups-page');
  mkdirSync(path.join(dataDir, 'followups'));
  writeFileSync(
    path.join(dataDir, 'followups', `${trainingProfileId}.json`),
    JSON.stringify({ version: 1, profileId: trainingProfileId, handOvers }),
  );

  const host = await startConsoleWebHost({
    port: 0,
    rendererDir: path.resolve('out/renderer'),
    version: 'bench',
    dataDir,
    training: { start: async () => ({ url: sandbox.url, apiKey: sandbox.apiKey }) },
  });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // The first visit swaps the URL's one-time token for a cookie; later visits go to the console's home.
    const home = new URL('/', host.url).href;
    const firstGroupRunsMs: number[] = [];
    const completionRunsMs: number[] = [];
    const longest: number[] = [];
    const listTimes: number[] = [];
    let listKiB = 0;
    let rowsShown = 0;
    let rowsByGroup: Record<string, number> = {};
    for (let run = 0; run < runs; run += 1) {
      // From the Companies list each time (a reload would come back to the Follow-ups page by its address).
      await page.goto(run === 0 ? host.url : home);
      await openCompanies(page);
      const list = await page.evaluate<{ ms: number; bytes: number } | null>(`(() => {
        const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/bridge/followups.list'));
        return entry ? { ms: entry.responseEnd - entry.startTime, bytes: entry.decodedBodySize } : null;
      })()`);
      if (list) {
        listTimes.push(list.ms);
        listKiB = list.bytes / 1024;
      }
      await page.evaluate(installProbe);
      await page.getByRole('link', { name: 'Follow-ups' }).click();
      const marks = await page.evaluate<Marks>('window.__followUpsMarks');
      await page.getByRole('region', { name: 'Link completion' }).getByRole('table').waitFor();
      firstGroupRunsMs.push(marks.group - marks.click);
      completionRunsMs.push(marks.completion - marks.click);
      const tasks = await page.evaluate<Array<{ start: number; duration: number }>>('window.__followUpsLongTasks');
      longest.push(Math.max(0, ...tasks.filter((task) => task.start >= marks.click - 1).map((task) => task.duration)));
      rowsByGroup = await page.evaluate<Record<string, number>>(`Object.fromEntries(
        [...document.querySelectorAll('section.followups-group')].map((group) => [
          group.dataset.group,
          group.querySelectorAll('tbody tr').length,
        ]),
      )`);
      rowsShown = Object.values(rowsByGroup).reduce((sum, rows) => sum + rows, 0);
    }

    const byPlatform: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      await page.goto(home);
      await openCompanies(page);
      await page.getByRole('link', { name: 'Follow-ups' }).click();
      await page.getByRole('region', { name: 'Link completion' }).getByRole('table').waitFor();
      byPlatform.push(await page.evaluate<number>(byPlatformProbe));
      await page.getByRole('region', { name: 'Link completion' }).getByRole('rowheader', { name: 'Xero' }).waitFor();
    }
    const idle = await page.evaluate<number[]>(idleProbe);

    return {
      handOvers: handOvers.length,
      rowsShown,
      rowsByGroup,
      runs,
      firstGroupMs: median(firstGroupRunsMs),
      completionMs: median(completionRunsMs),
      firstGroupRunsMs,
      completionRunsMs,
      listMs: listTimes.length ? median(listTimes) : NaN,
      listKiB,
      longestTaskMs: median(longest),
      byPlatformMs: median(byPlatform),
      idleLongestTaskMs: Math.max(0, ...idle),
      idleLongTasks: idle.length,
    };
  } finally {
    await browser.close();
    await host.close();
    await sandbox.close();
  }
}
