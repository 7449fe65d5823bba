/**
 * Runs only the Follow-ups page figure, without the whole bench: `npx tsx bench/run-followups-page.ts [count]`
 * (after `npx electron-vite build`). Prints its part of results.json, with the machine's load when it ran.
 */
import os from 'node:os';
import { benchFollowUpsPage } from './followups-page';

const loadBefore = os.loadavg();
const result = await benchFollowUpsPage(Number(process.argv[2] ?? 5000));
console.log(JSON.stringify({ loadBefore, loadAfter: os.loadavg(), followUpsPage: result }, null, 2));
