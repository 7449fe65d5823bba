import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createExternalLinkPolicy } from '@main/security/external-links';
import { createRedactor } from '@main/security/redaction';
import { createProfileService } from '@main/services/profiles';
import { createFileSettingsStore, createMemorySettingsStore, type SettingsStore } from '@main/storage/settings';
import { failureOf } from '@support/failure';
import { startTestSandbox, type TestSandbox } from '@support/sandbox';
import { createTestVault } from '@support/vault';

let codat: TestSandbox;
let training: TestSandbox;
let trainingStarts = 0;
beforeAll(async () => {
  codat = await startTestSandbox({ companies: 15, apiKey: 'live-key-0123456789abcdef' });
  training = await startTestSandbox({ companies: 15 });
});
afterAll(async () => {
  await codat.close();
  await training.close();
});
beforeEach(() => {
  codat.control.clearFaults();
  trainingStarts = 0;
});

function serviceWith(options: { settings?: SettingsStore; vault?: ReturnType<typeof createTestVault> } = {}) {
  const settings = options.settings ?? createMemorySettingsStore();
  const vault = options.vault ?? createTestVault();
  const policy = createExternalLinkPolicy();
  const changes: string[] = [];
  const redactor = createRedactor();
  const service = createProfileService({
    settings,
    vault,
    redactor,
    training: {
      start: async () => {
        trainingStarts += 1;
        return { url: training.url, apiKey: training.apiKey };
      },
    },
    allowOrigin: (origin) => void policy.allowOrigin(origin),
    onChanged: (activeId) => changes.push(activeId),
    http: { retry: { retries: 0 } },
  });
  return { service, settings, vault, policy, changes, redactor };
}

const production = { name: 'Production', baseUrl: '', environment: 'production' as const };

describe('profiles', () => {
  it('starts on the built-in training sandbox, which needs no key and starts on first use', async () => {
    const { service, policy } = serviceWith();
    const listed = service.list();
    expect(listed.activeId).toBe('training');
    expect(listed.profiles).toEqual([
      expect.objectContaining({
        id: 'training',
        builtIn: true,
        environment: 'training',
        keyHint: null,
        protection: 'none',
      }),
    ]);
    expect(trainingStarts).toBe(0);
    const api = await service.activeApi();
    expect((await api.profile()).name).toBe('Linkdesk Training Sandbox');
    await service.activeApi();
    expect(trainingStarts).toBe(1);
    // The trainee's consent pages may be opened in the system browser.
    expect(policy.check(`${training.url}/link/company/x`).allowed).toBe(true);
  });

  it('validates a key with GET /profile before storing it, keeps only ciphertext, and shows a four-character hint', async () => {
    const { service, settings } = serviceWith();
    const saved = await service.save({ ...production, baseUrl: codat.url, apiKey: codat.apiKey });
    expect(saved).toMatchObject({
      name: 'Production',
      environment: 'production',
      keyHint: '…cdef',
      protection: 'os_keychain',
      keyStatus: 'ready',
    });
    expect(JSON.stringify(saved)).not.toContain(codat.apiKey);
    const stored = JSON.stringify(settings.read());
    expect(stored).not.toContain(codat.apiKey);
    expect(stored).not.toContain(Buffer.from(codat.apiKey).toString('base64'));
    expect(settings.read().profiles[0]?.key).toMatchObject({ storage: 'os_keychain', ciphertext: expect.any(String) });
    expect(JSON.stringify(service.list())).not.toContain(codat.apiKey);
  });

  it('accepts a pasted Basic header as the key', async () => {
    const { service } = serviceWith();
    const saved = await service.save({ ...production, baseUrl: codat.url, apiKey: codat.authorization });
    expect(saved.keyHint).toBe('…cdef');
    expect((await service.test(saved.id)).clientName).toBe('Linkdesk Training Sandbox');
  });

  it.each([
    [401, 'wrong key', /did not accept this API key/],
    [403, 'outdated', /outdated or not allowed/],
    [402, 'limit', /reached a limit or a free account has expired/],
  ])('explains a %s (%s) in plain words and stores nothing', async (status, _what, explanation) => {
    const { service, settings } = serviceWith();
    let apiKey = codat.apiKey;
    if (status === 401) apiKey = 'not-the-right-key-at-all';
    else codat.control.addFault({ path: '/profile', status, times: 1 });
    const failure = await failureOf(service.save({ ...production, baseUrl: codat.url, apiKey }));
    expect(failure.error).toMatchObject({ code: 'codat', status, correlationId: expect.any(String) });
    expect(failure.error.message).toMatch(explanation);
    expect(settings.read().profiles).toEqual([]);
  });

  it('asks for a choice where no keyring protects keys, then stores weakly or for the session only', async () => {
    const settings = createMemorySettingsStore();
    const { service } = serviceWith({ settings, vault: createTestVault('weak') });
    const unchosen = await failureOf(service.save({ ...production, baseUrl: codat.url, apiKey: codat.apiKey }));
    expect(unchosen.error).toMatchObject({ code: 'invalid_input', details: ['storage'] });
    expect(unchosen.error.message).toMatch(/session only, or store it with weak protection/);
    const weak = await service.save({ ...production, baseUrl: codat.url, apiKey: codat.apiKey, storage: 'weak' });
    expect(weak.protection).toBe('weak');
    const session = await service.save({
      name: 'Test',
      baseUrl: codat.url,
      environment: 'test',
      apiKey: codat.apiKey,
      storage: 'session_only',
    });
    expect(session).toMatchObject({ protection: 'session_only', keyStatus: 'ready' });
    expect(settings.read().profiles.find((profile) => profile.id === session.id)?.key).toEqual({
      storage: 'session_only',
    });
    // The next session has the weak key but must ask for the session-only one again.
    const { service: nextSession } = serviceWith({ settings, vault: createTestVault('weak') });
    const byId = new Map(nextSession.list().profiles.map((profile) => [profile.id, profile]));
    expect(byId.get(weak.id)).toMatchObject({ keyStatus: 'ready' });
    expect(byId.get(session.id)).toMatchObject({
      keyStatus: 'missing',
      keyProblem: expect.stringMatching(/Enter it again/),
    });
    expect((await failureOf(nextSession.apiFor(session.id))).error.code).toBe('not_configured');
  });

  it('never offers weak storage where the machine cannot encrypt at all', async () => {
    const { service } = serviceWith({ vault: createTestVault('session_only') });
    const refused = await failureOf(
      service.save({ ...production, baseUrl: codat.url, apiKey: codat.apiKey, storage: 'weak' }),
    );
    expect(refused.error.message).toMatch(/only be kept for this session/);
    expect(
      (await service.save({ ...production, baseUrl: codat.url, apiKey: codat.apiKey, storage: 'session_only' }))
        .protection,
    ).toBe('session_only');
  });

  it('reports a key that can no longer be decrypted, asks for it again, and keeps other profiles working', async () => {
    const settings = createMemorySettingsStore();
    const vault = createTestVault();
    const { service } = serviceWith({ settings, vault });
    const broken = await service.save({ ...production, baseUrl: codat.url, apiKey: codat.apiKey });
    const fine = await service.save({
      name: 'Test',
      baseUrl: codat.url,
      environment: 'test',
      apiKey: codat.authorization,
    });
    const ciphertext = settings.read().profiles.find((profile) => profile.id === broken.id)?.key;
    vault.breakCiphertext((ciphertext as { ciphertext: string }).ciphertext);
    const { service: restarted } = serviceWith({ settings, vault });
    const byId = new Map(restarted.list().profiles.map((profile) => [profile.id, profile]));
    expect(byId.get(broken.id)).toMatchObject({
      keyStatus: 'undecryptable',
      keyProblem: expect.stringMatching(/can no longer be decrypted/),
    });
    expect(byId.get(fine.id)).toMatchObject({ keyStatus: 'ready' });
    expect((await restarted.test(fine.id)).clientName).toBeTruthy();
    expect((await failureOf(restarted.test(broken.id))).error).toMatchObject({ code: 'not_configured' });
    // Entering the key again mends it.
    expect(
      (await restarted.save({ id: broken.id, ...production, baseUrl: codat.url, apiKey: codat.apiKey })).keyStatus,
    ).toBe('ready');
  });

  it('edits a profile without asking for its key again', async () => {
    const { service } = serviceWith();
    const saved = await service.save({ ...production, baseUrl: codat.url, apiKey: codat.apiKey });
    const renamed = await service.save({
      id: saved.id,
      name: 'Production (EU)',
      baseUrl: codat.url,
      environment: 'production',
    });
    expect(renamed).toMatchObject({
      id: saved.id,
      name: 'Production (EU)',
      keyHint: '…cdef',
      createdAt: saved.createdAt,
    });
  });

  describe('a stored key never follows a new address', () => {
    let elsewhere: TestSandbox;
    beforeAll(async () => {
      elsewhere = await startTestSandbox({ companies: 1 });
    });
    afterAll(() => elsewhere.close());
    beforeEach(() => elsewhere.control.clearRequests());

    it('refuses to save a new host without its key, and sends the stored key nowhere new', async () => {
      const { service, settings } = serviceWith();
      const saved = await service.save({ ...production, baseUrl: codat.url, apiKey: codat.apiKey });
      const moved = await failureOf(service.save({ id: saved.id, ...production, baseUrl: `${elsewhere.url}/` }));
      expect(moved.error).toMatchObject({ code: 'invalid_input', details: ['apiKey'] });
      expect(moved.error.message).toMatch(/address.*changed.*enter the API key/i);
      expect(elsewhere.control.requests()).toEqual([]);
      // Nothing changed: the profile still points where its key belongs, and still works there.
      expect(settings.read().profiles[0]).toMatchObject({ baseUrl: codat.url });
      expect((await service.test(saved.id)).baseUrl).toBe(codat.url);
      expect(elsewhere.control.requests()).toEqual([]);
    });

    it('keeps the key when only the path changes on the same origin', async () => {
      const { service } = serviceWith();
      const saved = await service.save({ ...production, baseUrl: codat.url, apiKey: codat.apiKey });
      const renamed = await service.save({ id: saved.id, ...production, name: 'Renamed', baseUrl: `${codat.url}/` });
      expect(renamed).toMatchObject({ name: 'Renamed', keyStatus: 'ready' });
    });

    it('moves to a new host when the key for it is given', async () => {
      const { service } = serviceWith();
      const saved = await service.save({ ...production, baseUrl: codat.url, apiKey: codat.apiKey });
      const moved = await service.save({
        id: saved.id,
        ...production,
        baseUrl: elsewhere.url,
        apiKey: elsewhere.apiKey,
      });
      expect(moved).toMatchObject({ baseUrl: elsewhere.url, keyStatus: 'ready' });
      expect((await service.test(saved.id)).baseUrl).toBe(elsewhere.url);
      expect(elsewhere.control.requests().length).toBeGreaterThan(0);
    });

    it('a settings file edited to point a stored key elsewhere makes the key unusable, not sent', async () => {
      const directory = await mkdtemp(path.join(tmpdir(), 'linkdesk-settings-'));
      const vault = createTestVault();
      const { service } = serviceWith({ settings: createFileSettingsStore(directory), vault });
      const saved = await service.save({ ...production, baseUrl: codat.url, apiKey: codat.apiKey });
      const file = path.join(directory, 'settings.json');
      await writeFile(file, (await readFile(file, 'utf8')).replaceAll(codat.url, elsewhere.url));

      const { service: restarted } = serviceWith({ settings: createFileSettingsStore(directory), vault });
      expect(restarted.list().profiles.find((profile) => profile.id === saved.id)).toMatchObject({
        keyStatus: 'undecryptable',
        keyProblem: expect.stringMatching(/address changed/),
      });
      expect((await failureOf(restarted.test(saved.id))).error).toMatchObject({ code: 'not_configured' });
      expect(elsewhere.control.requests()).toEqual([]);
    });

    it('a key held in memory is not sent to an address changed behind the profile service’s back', async () => {
      const { service, settings } = serviceWith();
      const saved = await service.save({ ...production, baseUrl: codat.url, apiKey: codat.apiKey });
      // Another writer of the settings (not `save`, which asks for the key) points the profile elsewhere.
      const current = settings.read();
      settings.write({
        ...current,
        profiles: current.profiles.map((profile) => ({ ...profile, baseUrl: elsewhere.url })),
      });
      expect(service.list().profiles.find((profile) => profile.id === saved.id)).toMatchObject({
        keyStatus: 'undecryptable',
        keyProblem: expect.stringMatching(/address changed/),
      });
      expect((await failureOf(service.test(saved.id))).error).toMatchObject({ code: 'not_configured' });
      expect(elsewhere.control.requests()).toEqual([]);
    });

    it('a key stored before keys carried their address is not sent anywhere until it is entered again', async () => {
      const vault = createTestVault();
      const settings = createMemorySettingsStore();
      const { service } = serviceWith({ settings, vault });
      const saved = await service.save({ ...production, baseUrl: codat.url, apiKey: codat.apiKey });
      // The old format: the vault held the bare key, which says nothing of where it belongs.
      const current = settings.read();
      settings.write({
        ...current,
        profiles: current.profiles.map((profile) => ({
          ...profile,
          baseUrl: elsewhere.url,
          key: { storage: 'os_keychain' as const, ciphertext: vault.encrypt(codat.apiKey) },
        })),
      });

      const { service: restarted } = serviceWith({ settings, vault });
      expect(restarted.list().profiles.find((profile) => profile.id === saved.id)).toMatchObject({
        keyStatus: 'undecryptable',
        keyProblem: expect.stringMatching(/ties each stored key to its address/),
      });
      expect((await failureOf(restarted.test(saved.id))).error).toMatchObject({ code: 'not_configured' });
      expect(elsewhere.control.requests()).toEqual([]);
    });
  });

  it('switches the active profile, telling per-profile caches, and removing the active one falls back to training', async () => {
    const { service, settings, changes } = serviceWith();
    const switched: string[] = [];
    service.onSwitch((id) => switched.push(id));
    const saved = await service.save({ ...production, baseUrl: codat.url, apiKey: codat.apiKey });
    expect(service.activate(saved.id)).toMatchObject({ id: saved.id, environment: 'production' });
    expect((await service.activeApi()).http.baseUrl).toBe(codat.url);
    expect(service.remove(saved.id)).toEqual({ removed: true });
    expect(settings.read().activeProfileId).toBe('training');
    expect(JSON.stringify(settings.read())).not.toContain('ciphertext');
    expect(switched).toEqual([saved.id, 'training']);
    expect(changes.at(-1)).toBe('training');
    expect((await failureOf(Promise.resolve().then(() => service.remove('training')))).error.code).toBe(
      'invalid_input',
    );
  });

  it('tests a connection: the Codat client name and redirect URL', async () => {
    const { service } = serviceWith();
    const saved = await service.save({ ...production, baseUrl: codat.url, apiKey: codat.apiKey });
    expect(await service.test(saved.id)).toMatchObject({
      clientName: 'Linkdesk Training Sandbox',
      redirectUrl: `${codat.url}/link/finished`,
      baseUrl: codat.url,
    });
  });

  it('registers every key with the redactor', async () => {
    const { service, redactor } = serviceWith();
    await service.save({ ...production, baseUrl: codat.url, apiKey: codat.apiKey });
    expect(redactor.redact(`key=${codat.apiKey} header=${codat.authorization}`)).toBe(
      'key=[redacted] header=Basic [redacted]',
    );
  });
});

describe('settings file', () => {
  it('moves a corrupt file aside, starts on defaults and says so', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'linkdesk-settings-'));
    await writeFile(path.join(directory, 'settings.json'), '{"version": 1, "profiles": [ {"id": ');
    const store = createFileSettingsStore(directory);
    expect(store.read()).toEqual({ version: 1, activeProfileId: 'training', profiles: [] });
    expect(store.notices).toEqual([
      expect.stringMatching(/could not read its settings file.*kept as .*settings\.json\.corrupt-/),
    ]);
    const files = await readdir(directory);
    expect(files.some((file) => file.startsWith('settings.json.corrupt-'))).toBe(true);
    // It writes a fresh, valid file, atomically.
    store.write({ version: 1, activeProfileId: 'training', profiles: [] });
    expect(JSON.parse(await readFile(path.join(directory, 'settings.json'), 'utf8'))).toMatchObject({ version: 1 });
    expect(createFileSettingsStore(directory).notices).toEqual([]);
  });

  it('treats a file that parses but breaks the schema as corrupt too', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'linkdesk-settings-'));
    await writeFile(path.join(directory, 'settings.json'), JSON.stringify({ version: 7 }));
    expect(createFileSettingsStore(directory).notices).toHaveLength(1);
  });
});

describe('status bar figures', () => {
  it('passes on rate-limit figures only from the active profile', async () => {
    const figures: Array<number | null> = [];
    const settings = createMemorySettingsStore();
    const service = createProfileService({
      settings,
      vault: createTestVault(),
      redactor: createRedactor(),
      training: { start: async () => ({ url: training.url, apiKey: training.apiKey }) },
      allowOrigin: () => {},
      onRateLimit: (info) => figures.push(info.remaining),
    });
    const saved = await service.save({ name: 'Other', baseUrl: codat.url, environment: 'test', apiKey: codat.apiKey });
    await service.test(saved.id);
    expect(figures).toEqual([]);
    service.activate(saved.id);
    await service.test(saved.id);
    expect(figures).toHaveLength(1);
  });
});
