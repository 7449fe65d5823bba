/**
 * The per-profile file mechanism under both stores, on a real (temporary) folder: what the store tests do not reach —
 * a file that is there but cannot be read, and a change that throws.
 */
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProfileFileStore } from '@main/storage/profile-file-store';

const start = Date.parse('2026-06-01T09:00:00.000Z');

const folder = () => path.join(mkdtempSync(path.join(tmpdir(), 'linkdesk-profile-file-')), 'notes');

/** A store of strings, `{ version: 1, notes: [...] }`. */
const notesStore = (directory: string, problems: string[]) =>
  createProfileFileStore<string[]>({
    directory,
    now: () => start,
    onProblem: (message) => problems.push(message),
    wording: {
      logArea: 'notes',
      fileKind: 'notes',
      records: 'note(s)',
      notThisKind: 'not a notes file',
      startsEmpty: 'notes start empty for now',
      notSaved: (file, reason) => `Could not save notes to ${file} (${reason}).`,
    },
    empty: () => [],
    parse: (json) => {
      const notes = (json as { notes?: unknown })?.notes;
      return Array.isArray(notes) ? { value: notes.map(String), unreadable: null, kept: notes.length } : null;
    },
    serialise: (notes) => ({ version: 1, notes }),
    prune: (notes) => notes,
    copy: (notes) => [...notes],
  });

describe('a per-profile file store', () => {
  it('starts empty on a file it cannot read, says why, and leaves the file where it is', async () => {
    const directory = folder();
    // A folder where the profile's file should be: there, but not readable as a file.
    mkdirSync(path.join(directory, 'p1.json'), { recursive: true });
    const problems: string[] = [];
    const store = notesStore(directory, problems);

    expect(await store.read('p1')).toEqual([]);
    expect(problems).toEqual([
      expect.stringMatching(/^Could not read .*p1\.json \(.*EISDIR\); notes start empty for now\.$/),
    ]);
    expect(readdirSync(directory)).toEqual(['p1.json']);
  });

  it('keeps going after a change that throws: that change is lost, the ones before and after it are kept', async () => {
    const directory = folder();
    const problems: string[] = [];
    const store = notesStore(directory, problems);

    const first = store.update('p1', (notes) => [...notes, 'first']);
    const broken = store.update('p1', () => {
      throw new Error('a bug in one change');
    });
    const third = store.update('p1', (notes) => [...notes, 'third']);

    await expect(broken).rejects.toThrow('a bug in one change');
    expect(await first).toEqual(['first']);
    expect(await third).toEqual(['first', 'third']);
    expect(await notesStore(directory, problems).read('p1')).toEqual(['first', 'third']);
    expect(problems).toEqual([]);
  });
});
