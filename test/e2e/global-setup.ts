/** Starts one web host for the read-only shell tests; specs that change state start their own (fixtures.ts). */
import { useTemporaryRoot } from '../support/temporary-root';
import { startWebHostProcess } from './web-host-process';

export default async function globalSetup() {
  // Every temporary folder the specs, their hosts and Chromium make lives under one root, removed at the end.
  const removeTemporaryRoot = useTemporaryRoot('e2e-run');
  const host = await startWebHostProcess('web-host-shared');
  process.env['LINKDESK_WEB_URL'] = host.url;
  process.env['LINKDESK_WEB_ORIGIN'] = host.origin;
  process.env['LINKDESK_WEB_TOKEN'] = host.token;
  return async () => {
    await host.stop();
    removeTemporaryRoot();
  };
}
