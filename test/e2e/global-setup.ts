/** Starts one web host for the read-only shell tests; specs that change state start their own (fixtures.ts). */
import { startWebHostProcess } from './web-host-process';

export default async function globalSetup() {
  const host = await startWebHostProcess('web-host-shared');
  process.env['LINKDESK_WEB_URL'] = host.url;
  process.env['LINKDESK_WEB_ORIGIN'] = host.origin;
  process.env['LINKDESK_WEB_TOKEN'] = host.token;
  return () => host.stop();
}
