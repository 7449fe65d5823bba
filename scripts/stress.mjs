#!/usr/bin/env node
// `npm run test:stress`: is the suite stable on a busy machine? Runs `npm test` several times in a row (3 by
// default) while a second `npm test` runs beside it the whole time, each in a fresh clone of the commit, and reports
// for each run whether it passed, its test counts and its wall time, then the same suite alone once for comparison.
//
//   npm run test:stress                       HEAD, 3 runs under load, then 1 alone
//   npm run test:stress -- --runs 5 --ref <commit> --parent <folder for the clones> --no-alone
//
// The clones share this checkout's node_modules (a symlink), so nothing is installed; each has its own build
// output and test results, so the two suites never write over each other.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    ref: { type: 'string', default: 'HEAD' },
    parent: { type: 'string', default: os.tmpdir() },
    'no-alone': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a whole number of at least 1, not "${values.runs}".`);
  process.exit(2);
}

function cloneAt(name) {
  const directory = mkdtempSync(path.join(values.parent, `linkdesk-${name}-`));
  const cloned = spawnSync('git', ['clone', '--quiet', '--no-checkout', root, directory], { stdio: 'inherit' });
  const checkedOut =
    cloned.status === 0 && spawnSync('git', ['checkout', '--quiet', values.ref], { cwd: directory, stdio: 'inherit' });
  if (!checkedOut || checkedOut.status !== 0) throw new Error(`Could not check out ${values.ref} in ${directory}.`);
  symlinkSync(path.join(root, 'node_modules'), path.join(directory, 'node_modules'), 'dir');
  return directory;
}

/** Runs `npm test` in a clone; resolves with its exit code, wall time and the counts its runners printed. */
function npmTest(directory, logName) {
  const began = performance.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['test'], { cwd: directory, env: { ...process.env, CI: '1' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => {
      writeFileSync(path.join(directory, logName), output);
      resolve({ code: code ?? 1, seconds: (performance.now() - began) / 1000, counts: countsIn(output), output });
    });
  });
}

function countsIn(output) {
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  const vitest = /Tests\s+(?:(\d+) failed \| )?(\d+) passed/.exec(plain);
  // Playwright's summary lines stand alone, indented ("  77 passed (9.1m)"); vitest's "Test Files  58 passed (58)"
  // comes earlier in the output and must not be taken for them.
  const summary = (word) => Number([...plain.matchAll(new RegExp(`^\\s+(\\d+) ${word}\\b`, 'gm'))].at(-1)?.[1] ?? 0);
  const playwright = { passed: summary('passed'), failed: summary('failed'), flaky: summary('flaky') };
  return {
    vitest: vitest ? `${vitest[2]} passed, ${vitest[1] ?? 0} failed` : 'did not run',
    e2e: `${playwright.passed} passed, ${playwright.failed} failed${playwright.flaky ? `, ${playwright.flaky} flaky` : ''}`,
  };
}

const loadClone = cloneAt('load');
const measuredClone = cloneAt('measured');
const loadAverage = () => os.loadavg()[0].toFixed(1);
console.log(
  `Measuring ${values.ref}: ${runs} run(s) beside a second npm test, then ${values['no-alone'] ? 'none' : 'one'} alone.`,
);

let measuring = true;
const load = (async () => {
  let rounds = 0;
  while (measuring) {
    await npmTest(loadClone, `load-${++rounds}.log`);
  }
  return rounds;
})();

const results = [];
for (let run = 1; run <= runs; run++) {
  const loadBefore = loadAverage();
  const result = await npmTest(measuredClone, `run-${run}.log`);
  results.push({ run: `under load ${run}`, ...result, load: `${loadBefore}→${loadAverage()}` });
  console.log(line(results.at(-1)));
}
measuring = false;
console.log('Waiting for the load suite to finish its current round…');
await load;
if (!values['no-alone']) {
  const loadBefore = loadAverage();
  const alone = await npmTest(measuredClone, 'alone.log');
  results.push({ run: 'alone', ...alone, load: `${loadBefore}→${loadAverage()}` });
  console.log(line(results.at(-1)));
}

function line(result) {
  const verdict = result.code === 0 ? 'passed' : `FAILED (exit ${result.code})`;
  return `${result.run}: ${verdict} in ${Math.round(result.seconds)} s (load ${result.load}); vitest ${result.counts.vitest}; e2e ${result.counts.e2e}`;
}

const failed = results.filter((result) => result.code !== 0);
console.log(`\n${results.length - failed.length} of ${results.length} runs passed. Logs: ${measuredClone}`);
rmSync(loadClone, { recursive: true, force: true });
process.exit(failed.length ? 1 : 0);
