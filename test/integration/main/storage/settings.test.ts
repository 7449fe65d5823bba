/**
 * The settings file when the disk says no: a corrupt file in a folder it cannot be moved out of, a settings
 * "file" that cannot be read at all, and a save that fails half-way. The console starts, says what happened,
 * and leaves neither temporary files nor half-applied settings behind.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileSettingsStore, type Settings } from '@main/storage/settings';
import { BridgeFailure } from '@shared/result';
import { makeFolderReadOnly } from '@support/read-only-folder';

const corrupt = '{"version": 1, "profiles": [ {"id": ';
const changed: Settings = {
  version: 1,
  activeProfileId: 'training',
  profiles: [],
  invite: { template: { subject: 'Hi', body: 'Link: {link}' }, sender: 'Sam' },
};

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
async function folder(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'linkdesk-settings-'));
  cleanups.push(() => rm(directory, { recursive: true, force: true }));
  return directory;
}

describe('settings file', () => {
  it('starts on defaults in memory when a corrupt file cannot be moved aside, and never writes to that folder', async (context) => {
    const directory = await folder();
    await writeFile(path.join(directory, 'settings.json'), corrupt);
    const undo = makeFolderReadOnly(directory);
    if (!undo) return context.skip('this machine cannot make a folder read-only (no chmod effect, no chattr)');
    cleanups.push(undo);

    const store = createFileSettingsStore(directory);
    expect(store.read()).toEqual({ version: 1, activeProfileId: 'training', profiles: [] });
    expect(store.notices).toEqual([
      expect.stringMatching(
        /could not read its settings file .*settings\.json.* could not move it aside .*default settings, kept in memory only/,
      ),
    ]);
    // Changes work for this session, and the unreadable file stays exactly as it was.
    store.write(changed);
    expect(store.read()).toEqual(changed);
    undo();
    expect(await readdir(directory)).toEqual(['settings.json']);
    expect(await readFile(path.join(directory, 'settings.json'), 'utf8')).toBe(corrupt);
  });

  it('starts on defaults in memory when the settings file cannot be read at all', async () => {
    const directory = await folder();
    await mkdir(path.join(directory, 'settings.json', 'inside'), { recursive: true });
    const store = createFileSettingsStore(directory);
    expect(store.read()).toEqual({ version: 1, activeProfileId: 'training', profiles: [] });
    expect(store.notices).toEqual([
      expect.stringMatching(/could not read its settings file .*settings\.json.*default settings, kept in memory only/),
    ]);
    store.write(changed);
    expect(store.read()).toEqual(changed);
    expect(await readdir(directory)).toEqual(['settings.json']);
    expect(await readdir(path.join(directory, 'settings.json'))).toEqual(['inside']);
  });

  it('a save that fails leaves no temporary file and the settings as they were, and says why', async () => {
    const directory = await folder();
    const store = createFileSettingsStore(directory);
    const before = store.read();
    // Something now stands where the file must go: the final rename fails, whoever runs the test.
    await mkdir(path.join(directory, 'settings.json', 'inside'), { recursive: true });

    let thrown: unknown;
    try {
      store.write(changed);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BridgeFailure);
    expect((thrown as BridgeFailure).error).toMatchObject({
      code: 'internal',
      message: expect.stringMatching(
        /^Linkdesk could not save its settings to .*settings\.json \(.+\)\. Nothing was changed\.$/,
      ),
    });
    expect(await readdir(directory)).toEqual(['settings.json']);
    expect(store.read()).toEqual(before);
  });

  it('a save into a read-only folder leaves no temporary file either', async (context) => {
    const directory = await folder();
    const store = createFileSettingsStore(directory);
    store.write(changed);
    const undo = makeFolderReadOnly(directory);
    if (!undo) return context.skip('this machine cannot make a folder read-only (no chmod effect, no chattr)');
    cleanups.push(undo);
    expect(() => store.write({ ...changed, activeProfileId: 'other' })).toThrow(/could not save its settings/);
    expect(store.read()).toEqual(changed);
    undo();
    expect(await readdir(directory)).toEqual(['settings.json']);
  });
});
