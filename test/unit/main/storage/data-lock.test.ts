import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataFolderLock, DataFolderInUse } from '@main/storage/data-lock';
import { makeFolderReadOnly } from '@support/read-only-folder';

const freshFolder = () => mkdtempSync(path.join(tmpdir(), 'linkdesk-data-'));

describe('one console per data folder', () => {
  it('refuses a second console, saying which one holds the folder, until the first lets go', () => {
    const directory = freshFolder();
    const first = acquireDataFolderLock(directory, { host: 'browser console on port 5180' });
    let refusal: unknown;
    try {
      acquireDataFolderLock(directory, { host: 'browser console on port 5181' });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataFolderInUse);
    expect((refusal as Error).message).toMatch(
      new RegExp(
        `Another Linkdesk console \\(browser console on port 5180, process ${process.pid}, started .*\\) is using`,
      ),
    );
    expect((refusal as Error).message).toContain(first.lockFile);
    first.release();
    acquireDataFolderLock(directory, { host: 'browser console on port 5181' }).release();
  });

  it('takes over a lock left by a process that is gone, or one that cannot be read', () => {
    const directory = freshFolder();
    acquireDataFolderLock(directory, { host: 'crashed console' });
    // The same lock file, as a crashed process would leave it: its process is no longer running.
    acquireDataFolderLock(directory, { host: 'next console', isRunning: () => false }).release();
    const lockFile = acquireDataFolderLock(directory, { host: 'x' });
    lockFile.release();
    writeFileSync(lockFile.lockFile, '{"pid": 12');
    acquireDataFolderLock(directory, { host: 'after a torn lock file' }).release();
  });

  it('refuses a lock held on another computer (a shared folder): whether that console still runs cannot be known', () => {
    const directory = freshFolder();
    const lockFile = path.join(directory, 'linkdesk.lock');
    const elsewhere = {
      pid: process.pid,
      hostname: `not-${hostname()}`,
      host: 'desktop app',
      startedAt: '2026-06-01T09:00:00.000Z',
      token: 'another-computer',
    };
    writeFileSync(lockFile, JSON.stringify(elsewhere));
    expect(() => acquireDataFolderLock(directory, { host: 'this console', isRunning: () => false })).toThrow(
      DataFolderInUse,
    );
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toEqual(elsewhere);
  });

  it('a console that lost its lock to another lets go of nothing when it closes', () => {
    const directory = freshFolder();
    const stalled = acquireDataFolderLock(directory, { host: 'stalled console' });
    // Thought gone (say, its process id was reused), its lock was taken over by the next console.
    const next = acquireDataFolderLock(directory, { host: 'next console', isRunning: () => false });
    stalled.release();
    expect(() => acquireDataFolderLock(directory, { host: 'third console' })).toThrow(/next console/);
    next.release();
  });

  it('lets a console start in a folder nobody may write to (it cannot be corrupted there)', (context) => {
    const directory = freshFolder();
    const undo = makeFolderReadOnly(directory);
    if (!undo) return context.skip('this machine cannot make a folder read-only for this user');
    try {
      expect(() => acquireDataFolderLock(directory, { host: 'read-only console' }).release()).not.toThrow();
    } finally {
      undo();
    }
  });

  it(
    'is held across processes: another process on the folder is refused while it runs',
    { timeout: 60_000 },
    async () => {
      const directory = freshFolder();
      const modulePath = path.resolve('src/main/storage/data-lock.ts');
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          `const { acquireDataFolderLock } = await import(${JSON.stringify(modulePath)});
         acquireDataFolderLock(${JSON.stringify(directory)}, { host: 'another console' });
         console.log('locked');
         process.stdin.resume();
         process.stdin.once('end', () => process.exit(0));`,
        ],
        { stdio: ['pipe', 'pipe', 'inherit'] },
      );
      try {
        await new Promise<void>((resolve, reject) => {
          child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
          child.once('exit', (code) => reject(new Error(`the locking process exited early (${code})`)));
        });
        expect(() => acquireDataFolderLock(directory, { host: 'this console' })).toThrow(/another console, process/);
      } finally {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.stdin.end();
        await exited;
      }
      // It let go when it exited.
      acquireDataFolderLock(directory, { host: 'this console' }).release();
    },
  );
});
