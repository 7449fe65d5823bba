/** `npm run sandbox -- --port 4100 --companies 2000 --seed 7 [--speed 1] [--start ISO] [--quota N]` */
import { parseArgs } from 'node:util';
import { startSandbox } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4100' },
    companies: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '7' },
    speed: { type: 'string', default: '1' },
    start: { type: 'string' },
    quota: { type: 'string', default: '100000' },
  },
  allowPositionals: false,
});

const whole = (name: keyof typeof values, min: number, max: number): number => {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max}, not "${String(values[name])}".`);
    process.exit(2);
  }
  return value;
};

const speed = Number(values.speed);
if (!(speed >= 0)) {
  console.error(`--speed must be 0 (a manual clock) or more, not "${values.speed}".`);
  process.exit(2);
}
const began = performance.now();
const sandbox = await startSandbox({
  port: whole('port', 0, 65535),
  companies: whole('companies', 0, 100_000),
  seed: whole('seed', 0, 2 ** 31),
  dailyQuota: whole('quota', 0, 10_000_000),
  clock: { speed, ...(values.start ? { start: values.start } : {}) },
}).catch((error: NodeJS.ErrnoException) => {
  console.error(error.code === 'EADDRINUSE' ? `Port ${values.port} is in use; try --port 0.` : error.message);
  process.exit(1);
});

console.log(
  `Linkdesk sandbox (a local stand-in for https://api.codat.io) is ready in ${Math.round(performance.now() - began)} ms.`,
);
console.log(`  Base URL:       ${sandbox.url}`);
console.log(`  API key:        ${sandbox.apiKey}`);
console.log(`  Authorization:  ${sandbox.authorization}`);
console.log(`  Control API:    ${sandbox.url}/_sandbox/ (same Authorization header)`);
console.log(
  `  Try:            curl -H 'Authorization: ${sandbox.authorization}' '${sandbox.url}/companies?page=1&pageSize=5'`,
);

const stop = () => void sandbox.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
