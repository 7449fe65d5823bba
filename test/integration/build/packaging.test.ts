/**
 * Packaging: electron-builder.yml is valid, and a Linux `--dir` build packs exactly the app.
 *
 * Offline by construction: nothing here can download Electron. The build uses a stub `electronDist`
 * (a fake `electron` executable), and the broken-config case points `electronDist` at a missing
 * directory, so getting past config validation would fail loudly instead of reaching the network.
 *
 * The build runs in a temporary copy of the project (package.json, lockfile, electron-builder.yml,
 * assets/, build/, a fake `out/` tree, decoy src/ test/ bench/ docs/ files, node_modules symlinked
 * to the real one), so it depends neither on `npm run build` nor on the repo's state, and writes
 * nothing into the repo: dist/ lands in the temp dir, which is removed afterwards.
 */
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { build, Packager, type AfterPackContext, type Configuration } from 'electron-builder';
import { extractFile, listPackage } from '@electron/asar';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// electron-builder refuses to pack a file under /tmp unless it lies under os.tmpdir() as that was when it loaded.
// The test run points TMPDIR at a folder of its own (test/support/temporary-root.ts), so a checkout under /tmp (as
// on some CI machines) needs the machine's temporary folder back before electron-builder loads.
vi.hoisted(() => {
  const system = process.env['LINKDESK_SYSTEM_TMPDIR'];
  if (system) process.env['TMPDIR'] = system;
});

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BUILD_TIMEOUT_MS = 120_000;

interface PackageJson {
  name?: string;
  main?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  version?: string;
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

// --- stub Electron ---------------------------------------------------------------------------------

/** The marker @electron/fuses looks for; the fuse wire follows it: version byte, length byte, one byte per fuse. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_DISABLE = 0x30; // '0'
const FUSE_ENABLE = 0x31; // '1'
/** FuseV1 order: RunAsNode, EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable,
 *  EnableNodeCliInspectArguments, EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar,
 *  LoadBrowserProcessSpecificV8Snapshot, GrantFileProtocolExtraPrivileges. Stub starts at Electron's defaults. */
const STUB_FUSE_WIRE = '10110001';

/**
 * A directory electron-builder accepts as an unpacked Linux Electron build: an `electron` executable,
 * LICENSE, version and an (empty) resources/. The executable is a shell script that also carries a
 * fuse wire, so electron-builder's real `electronFuses` step runs on it and its result can be checked;
 * no need to switch fuses off for this test.
 */
async function makeStubElectronDist(dir: string, electronVersion: string): Promise<void> {
  await mkdir(path.join(dir, 'resources'), { recursive: true });
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stub electron for packaging tests"\nexit 0\n# '),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, STUB_FUSE_WIRE.length]),
    Buffer.from(STUB_FUSE_WIRE),
    Buffer.from('\n'),
  ]);
  await writeFile(path.join(dir, 'electron'), binary, { mode: 0o755 });
  await writeFile(path.join(dir, 'LICENSE'), 'stub\n');
  await writeFile(path.join(dir, 'version'), electronVersion);
}

function readFuseWire(binary: Buffer): string {
  const at = binary.indexOf(FUSE_SENTINEL);
  if (at < 0) throw new Error('no fuse sentinel in the packaged executable');
  const wire = at + FUSE_SENTINEL.length;
  const length = binary[wire + 1] ?? 0;
  return binary.subarray(wire + 2, wire + 2 + length).toString('latin1');
}

// --- temp project ------------------------------------------------------------------------------------

/** Files a developer has around that must never reach app.asar. */
const DECOYS: Record<string, string> = {
  'src/main/electron/index.ts': 'export {}\n',
  'src/renderer/main.tsx': 'export {}\n',
  'test/unit/decoy.test.ts': 'export {}\n',
  'bench/decoy.bench.ts': 'export {}\n',
  'docs/decoy.md': '# decoy\n',
  'tsconfig.json': '{}\n',
  'electron.vite.config.ts': 'export default {}\n',
  'out/main/index.js.map': '{}\n',
};

/** Stand-in for the electron-vite build output (`npm run build`). */
const FAKE_OUT: Record<string, string> = {
  'out/main/index.js': 'console.log("linkdesk main")\n',
  // The SVG sanitiser's worker thread, started from its own file beside main's (src/main/branding/images.ts).
  'out/main/svg-worker.js': 'console.log("linkdesk svg worker")\n',
  'out/preload/index.cjs': '"use strict"\n',
  'out/renderer/index.html': '<!doctype html><title>Linkdesk</title>\n',
  'out/renderer/assets/index.js': 'console.log("linkdesk renderer")\n',
};

async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), content);
  }
}

async function makeTempProject(dir: string, builderYml: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await cp(path.join(repoRoot, 'package.json'), path.join(dir, 'package.json'));
  // The lockfile lets electron-builder detect npm by file rather than by environment.
  if (existsSync(path.join(repoRoot, 'package-lock.json'))) {
    await cp(path.join(repoRoot, 'package-lock.json'), path.join(dir, 'package-lock.json'));
  }
  await writeFile(path.join(dir, 'electron-builder.yml'), builderYml);
  await cp(path.join(repoRoot, 'assets'), path.join(dir, 'assets'), { recursive: true });
  await cp(path.join(repoRoot, 'build'), path.join(dir, 'build'), { recursive: true });
  await symlink(
    path.join(repoRoot, 'node_modules'),
    path.join(dir, 'node_modules'),
    process.platform === 'win32' ? 'junction' : 'dir',
  );
  await writeTree(dir, { ...FAKE_OUT, ...DECOYS });
  return dir;
}

// --- node_modules helpers ------------------------------------------------------------------------------

/** Node's lookup: <from>/node_modules/<name>, then each parent directory's node_modules. */
function findPackageDir(name: string, from: string): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

/** Names of every package reachable from the app's runtime dependencies (what may legitimately be packed). */
async function runtimeClosure(rootPkg: PackageJson): Promise<Set<string>> {
  const names = new Set<string>();
  const queue: Array<[string, string]> = Object.keys(rootPkg.dependencies ?? {}).map((n) => [n, repoRoot]);
  const visitedDirs = new Set<string>();
  while (queue.length > 0) {
    const [name, from] = queue.shift()!;
    const dir = findPackageDir(name, from);
    if (dir === null || visitedDirs.has(dir)) continue;
    visitedDirs.add(dir);
    names.add(name);
    const pkg = await readJson<PackageJson>(path.join(dir, 'package.json'));
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) queue.push([dep, dir]);
  }
  return names;
}

/** Package names under any node_modules/ in an asar listing ("node_modules/a/node_modules/@s/b" -> a, @s/b). */
function packagedModules(entries: string[]): Set<string> {
  const names = new Set<string>();
  for (const entry of entries) {
    const parts = entry.split('/');
    for (let i = 0; i < parts.length - 1; i++) {
      if (parts[i] !== 'node_modules') continue;
      const first = parts[i + 1]!;
      if (!first.startsWith('@')) names.add(first);
      else if (parts[i + 2] !== undefined) names.add(`${first}/${parts[i + 2]}`);
    }
  }
  return names;
}

// --- tests ----------------------------------------------------------------------------------------------

const electronVersion = (await readJson<PackageJson>(path.join(repoRoot, 'node_modules/electron/package.json')))
  .version!;
const realBuilderYml = await readFile(path.join(repoRoot, 'electron-builder.yml'), 'utf8');
const rootPkg = await readJson<PackageJson>(path.join(repoRoot, 'package.json'));

let workDir = '';

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'linkdesk-packaging-'));
});

afterAll(async () => {
  if (workDir !== '') await rm(workDir, { recursive: true, force: true });
});

describe('electron-builder configuration', () => {
  it("validates the shipped electron-builder.yml against electron-builder's schema", async () => {
    const packager = new Packager({ projectDir: repoRoot }); // picks up <repo>/electron-builder.yml
    await expect(packager.validateConfig()).resolves.toBeUndefined();

    const config = packager.config;
    expect(config.appId).toBe('io.linkdesk.console');
    expect(config.productName).toBe('Linkdesk');
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // Deep links: the installers register linkdesk:// (macOS Info.plist, the Linux .desktop file).
    expect(config.protocols).toEqual([{ name: 'Linkdesk deep link', schemes: ['linkdesk'] }]);
    expect(config.linux?.mimeTypes).toEqual(['x-scheme-handler/linkdesk']);
    // Files the config points at exist.
    for (const file of [config.icon, config.mac?.entitlements, config.mac?.entitlementsInherit]) {
      expect(typeof file).toBe('string');
      expect(existsSync(path.join(repoRoot, file as string)), `${file} exists`).toBe(true);
    }
  });

  it('has a square PNG icon of at least 512 px (needed for the macOS .icns)', async () => {
    const png = await readFile(path.join(repoRoot, 'assets/icon.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBe(height);
    expect(width).toBeGreaterThanOrEqual(512);
  });

  it('rejects a broken copy of the config with a clear schema error, before touching Electron', async () => {
    const brokenYml = realBuilderYml.replace(/^electronFuses:/m, 'electronFuse:'); // a plausible typo
    expect(brokenYml).not.toBe(realBuilderYml);
    const projectDir = await makeTempProject(path.join(workDir, 'broken'), brokenYml);

    const attempt = build({
      projectDir,
      linux: ['dir'],
      publish: 'never',
      // Were validation to let this through, unpacking Electron would fail on this path instead of downloading.
      config: { electronDist: path.join(workDir, 'no-electron-here'), electronVersion },
    });
    await expect(attempt).rejects.toThrow(/Invalid configuration object/);
    await expect(attempt).rejects.toThrow(/unknown property 'electronFuse'/);
    expect(existsSync(path.join(projectDir, 'dist'))).toBe(false);
  });
});

describe('Linux --dir build with a stub Electron', () => {
  let appOutDir = '';
  let asarPath = '';
  let entries: string[] = [];

  beforeAll(async () => {
    const projectDir = await makeTempProject(path.join(workDir, 'project'), realBuilderYml);
    const electronDist = path.join(workDir, 'electron-dist');
    await makeStubElectronDist(electronDist, electronVersion);

    const overrides: Configuration = {
      electronDist,
      electronVersion,
      afterPack: (context: AfterPackContext) => {
        appOutDir = context.appOutDir;
      },
    };
    await build({ projectDir, linux: ['dir'], publish: 'never', config: overrides });

    expect(appOutDir.startsWith(path.join(projectDir, 'dist'))).toBe(true);
    asarPath = path.join(appOutDir, 'resources', 'app.asar');
    entries = listPackage(asarPath, { isPack: false }).map((e) => e.replaceAll('\\', '/').replace(/^\//, ''));
  }, BUILD_TIMEOUT_MS);

  it('produces resources/app.asar and the executable named by linux.executableName', async () => {
    expect((await stat(asarPath)).isFile()).toBe(true);
    expect(existsSync(path.join(appOutDir, 'resources', 'app'))).toBe(false); // asar, not a loose app dir
    expect((await stat(path.join(appOutDir, 'linkdesk'))).isFile()).toBe(true);
  });

  it('packs the build output and package.json', () => {
    expect(entries).toContain('package.json');
    expect(entries).toContain(rootPkg.main);
    expect(rootPkg.main).toBe('out/main/index.js');
    for (const file of Object.keys(FAKE_OUT)) expect(entries).toContain(file);
  });

  it('packs a package.json without scripts or devDependencies', () => {
    const packed = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as PackageJson;
    expect(packed.name).toBe(rootPkg.name);
    expect(packed.main).toBe('out/main/index.js');
    expect(packed.devDependencies).toBeUndefined();
    expect(packed.scripts).toBeUndefined();
  });

  it('packs the runtime dependencies (zod, electron-store)', () => {
    const runtime = Object.keys(rootPkg.dependencies ?? {});
    expect(runtime).toEqual(expect.arrayContaining(['zod', 'electron-store']));
    for (const name of runtime) expect(entries).toContain(`node_modules/${name}/package.json`);
  });

  it('packs no devDependency and nothing outside the runtime dependency tree', async () => {
    const allowed = await runtimeClosure(rootPkg);
    const packed = packagedModules(entries);
    const devOnly = Object.keys(rootPkg.devDependencies ?? {}).filter((name) => !allowed.has(name));
    expect(devOnly).toEqual(expect.arrayContaining(['react', 'react-dom', 'zustand', 'electron', 'vite']));

    expect(devOnly.filter((name) => packed.has(name))).toEqual([]);
    expect([...packed].filter((name) => !allowed.has(name))).toEqual([]);
  });

  it('packs no sources, tests, benchmarks, docs, configs or source maps', () => {
    const leaked = entries.filter(
      (e) =>
        /^(src|test|bench|docs|build|assets|dist)(\/|$)/.test(e) ||
        /^(tsconfig[^/]*\.json|electron\.vite\.config\.ts|electron-builder\.yml|package-lock\.json)$/.test(e) ||
        e.endsWith('.map'),
    );
    expect(leaked).toEqual([]);
  });

  it('flips the electronFuses from electron-builder.yml on the executable', async () => {
    const wire = readFuseWire(await readFile(path.join(appOutDir, 'linkdesk')));
    const fuse = (enabled: boolean) => String.fromCharCode(enabled ? FUSE_ENABLE : FUSE_DISABLE);
    expect(wire).toBe(
      [
        fuse(false), // RunAsNode
        fuse(true), // EnableCookieEncryption
        fuse(false), // EnableNodeOptionsEnvironmentVariable
        fuse(false), // EnableNodeCliInspectArguments
        fuse(true), // EnableEmbeddedAsarIntegrityValidation
        fuse(true), // OnlyLoadAppFromAsar
        STUB_FUSE_WIRE[6], // LoadBrowserProcessSpecificV8Snapshot: not configured, left as is
        fuse(false), // GrantFileProtocolExtraPrivileges
      ].join(''),
    );
  });
});
