import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStaticFile } from '@main/static-files';

let root: string;
let outside: string;
beforeAll(async () => {
  outside = await mkdtemp(path.join(tmpdir(), 'linkdesk-static-'));
  root = path.join(outside, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'export {}');
  await writeFile(path.join(outside, 'secret.txt'), 'do not serve');
  // A sibling whose name starts with the renderer folder's: a prefix test on the path would let it through.
  await mkdir(path.join(outside, 'renderer-private'));
  await writeFile(path.join(outside, 'renderer-private', 'secret.txt'), 'do not serve either');
});
afterAll(() => rm(outside, { recursive: true, force: true }));

describe('renderer file serving', () => {
  it('serves index.html for / and files with their content type', async () => {
    expect((await readStaticFile(root, '/'))?.contentType).toMatch(/text\/html/);
    expect((await readStaticFile(root, '/assets/app.js?v=1'))?.contentType).toMatch(/javascript/);
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/../../secret.txt',
    '/..%2fsecret.txt',
    '/%00',
    '/%E0%A4%A',
  ])('refuses %s', async (urlPath) => {
    expect(await readStaticFile(root, urlPath)).toBeNull();
  });

  it.each(['/../renderer-private/secret.txt', '/..%2frenderer-private%2fsecret.txt'])(
    'refuses %s, in a sibling folder whose name begins like the renderer folder’s',
    async (urlPath) => {
      expect(await readStaticFile(root, urlPath)).toBeNull();
    },
  );

  it('refuses missing files and unknown types', async () => {
    expect(await readStaticFile(root, '/nope.js')).toBeNull();
    await writeFile(path.join(root, 'data.bin'), 'x');
    expect(await readStaticFile(root, '/data.bin')).toBeNull();
  });
});
