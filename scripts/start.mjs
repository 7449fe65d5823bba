#!/usr/bin/env node
// `npm start`: build, then run the console in Electron. Where the Electron binary is missing and cannot be
// downloaded, say so in one line and serve the same console to a browser instead.
// `npm run web` (this script with --web): build, then always serve the console to a browser.
// `npm run sandbox` (with --sandbox): build, then run the local Codat stand-in.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');
const webOnly = process.argv.includes('--web');
const sandboxOnly = process.argv.includes('--sandbox');
const passthrough = process.argv.slice(2).filter((arg) => arg !== '--web' && arg !== '--sandbox');

const build = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
  {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
if (build.status !== 0) {
  console.error('The build failed (see above); nothing was started.');
  process.exit(build.status ?? 1);
}

function electronBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

if (sandboxOnly) {
  const sandbox = spawn(process.execPath, [path.join(root, 'out', 'main', 'sandbox.js'), ...passthrough], {
    cwd: root,
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => sandbox.kill(signal));
  sandbox.on('exit', (code) => process.exit(code ?? 0));
} else {
  run();
}

function run() {
  let binary = webOnly ? null : electronBinary();
  if (!binary && !webOnly && existsSync(path.join(electronDir, 'install.js'))) {
    // Electron >= 42 downloads its binary on first use rather than at install; try once, quietly.
    spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
      cwd: root,
      stdio: 'ignore',
      timeout: 300_000,
    });
    binary = electronBinary();
  }

  let child;
  if (binary) {
    child = spawn(binary, [root, ...passthrough], { cwd: root, stdio: 'inherit' });
  } else {
    if (!webOnly) {
      console.log(
        'Electron is not installed on this machine and could not be downloaded, so Linkdesk is serving the same console to your browser instead:',
      );
    }
    child = spawn(process.execPath, [path.join(root, 'out', 'main', 'web.js'), ...passthrough], {
      cwd: root,
      stdio: 'inherit',
    });
  }

  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
