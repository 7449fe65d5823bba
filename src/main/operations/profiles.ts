import type { ProfileSummary } from '@shared/contract';
import type { ProfileService } from '../services/profiles';
import type { AreaHandlers } from './types';

export function profileOperations(
  profiles: ProfileService,
  /** Told when a profile was saved: its host may have changed, so its branding cache is checked again. */
  onSaved: (profileId: string) => void,
): AreaHandlers<'profiles'> {
  const named = (id: string) => profiles.list().profiles.find((profile) => profile.id === id);
  return {
    'profiles.list': () => profiles.list(),
    'profiles.save': {
      audit(input) {
        const before = input.id ? named(input.id) : undefined;
        return {
          target: { profileName: before?.name ?? input.name },
          after: (saved) => ({
            target: { profileName: saved.name },
            ...(before ? { detail: describeProfileEdit(before, saved, !!input.apiKey) } : {}),
          }),
        };
      },
      async run(input) {
        const saved = await profiles.save(input);
        onSaved(saved.id);
        return saved;
      },
    },
    'profiles.remove': {
      audit: ({ id }) => ({ target: { profileName: named(id)?.name ?? id } }),
      run: ({ id }) => profiles.remove(id),
    },
    'profiles.activate': ({ id }) => profiles.activate(id),
    'profiles.test': ({ id }) => profiles.test(id),
  };
}

/** What a profile edit changed, in a few words for the audit trail (the key itself never, only its hint). */
export function describeProfileEdit(before: ProfileSummary, after: ProfileSummary, keyReplaced: boolean): string {
  const changes = [
    before.name !== after.name ? `renamed from ${before.name}` : null,
    before.baseUrl !== after.baseUrl ? `address ${before.baseUrl} → ${after.baseUrl}` : null,
    before.environment !== after.environment ? `environment ${before.environment} → ${after.environment}` : null,
    keyReplaced ? `key replaced (${before.keyHint ?? 'none'} → ${after.keyHint ?? 'none'})` : null,
  ].filter((change): change is string => change !== null);
  return changes.length > 0 ? `Changed: ${changes.join('; ')}` : 'Saved without changes';
}
