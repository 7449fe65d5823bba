/**
 * The monitor on 10 000 sandbox companies: requests and time of its first round, of a round where nothing changed
 * (target: the list pages only, 5 at 2 000 a page), and of a round after 1 % of the connections were deauthorised
 * (target: the list pages and at most 2 requests per changed company), each next to the naive full rescan.
 */
import { performance } from 'node:perf_hooks';
import { createCodatApi } from '@main/codat/api';
import { createCodatHttp } from '@main/codat/http';
import { createMainServices } from '@main/composition';
import { testPorts } from '@support/ports';
import { startSandbox } from '@sandbox/server';
import { defaultMonitorSettings } from '@shared/settings-defaults';
import { naiveScan } from './health';

interface RoundFigures {
  ms: number;
  requests: number;
  listPages: number;
  closerLooks: number;
  newIssues: number;
  resolvedIssues: number;
  state: string;
}

export interface MonitorBench {
  companies: number;
  first: RoundFigures;
  unchanged: RoundFigures;
  changedCompanies: number;
  onePercentChanged: RoundFigures;
  naiveMs: number;
  naiveRequests: number;
}

export async function benchMonitor(companies = 10_000): Promise<MonitorBench> {
  const sandbox = await startSandbox({ companies, seed: 7, clock: { speed: 0 }, dailyQuota: 10_000_000 });
  const now = () => sandbox.control.now();
  const services = createMainServices(
    testPorts(sandbox, { userName: 'bench', now: () => Date.parse(now()) }),
    // The bench runs the rounds itself.
    { monitorTimer: { set: () => 0, clear: () => undefined } },
  );
  try {
    await services.handlers['integrations.list']({});
    await services.handlers['monitor.saveSettings']({ ...defaultMonitorSettings('training'), enabled: true });
    const round = async (): Promise<RoundFigures> => {
      sandbox.control.clearRequests();
      const began = performance.now();
      await services.monitor.checkNow();
      const done = (await services.monitor.settled())!;
      const ms = performance.now() - began;
      const requests = sandbox.control.requests();
      return {
        ms,
        requests: requests.length,
        listPages: requests.filter((request) => /^\/companies\?/.test(request.path)).length,
        closerLooks: done.closerLooks,
        newIssues: done.newIssues,
        resolvedIssues: done.resolvedIssues,
        state: done.state,
      };
    };
    const first = await round();
    sandbox.control.advanceClock(30 * 60_000);
    const unchanged = await round();

    // 1 % of the companies lose a Linked connection (spread over the portfolio).
    const api = createCodatApi(createCodatHttp({ baseUrl: sandbox.url, credential: sandbox.apiKey }));
    const linked: Array<[string, string]> = [];
    for await (const page of api.pages((n) => api.listCompanies({ page: n, pageSize: 2000 }))) {
      for (const company of page.results) {
        const connection = company.dataConnections?.find((candidate) => candidate.status === 'Linked');
        if (connection) linked.push([company.id, connection.id]);
      }
    }
    const changedCompanies = Math.round(companies / 100);
    const step = Math.floor(linked.length / changedCompanies);
    for (let n = 0; n < changedCompanies; n += 1) {
      const [companyId, connectionId] = linked[n * step]!;
      sandbox.control.deauthorize(companyId, connectionId);
    }
    sandbox.control.advanceClock(30 * 60_000);
    const onePercentChanged = await round();

    sandbox.control.clearRequests();
    const naive = await naiveScan(sandbox);
    return {
      companies,
      first,
      unchanged,
      changedCompanies,
      onePercentChanged,
      naiveMs: naive.ms,
      naiveRequests: naive.requests,
    };
  } finally {
    services.dispose();
    await sandbox.close();
  }
}

// `tsx bench/monitor.ts` runs this bench alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchMonitor(Number(process.argv[2] ?? 10_000)), null, 2));
}
