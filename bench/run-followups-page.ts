/** Runs only the Follow-ups page figure (`npx tsx bench/run-followups-page.ts`), without the whole bench. */
import { benchFollowUpsPage } from './followups-page';

console.log(JSON.stringify(await benchFollowUpsPage(Number(process.argv[2] ?? 5000)), null, 2));
