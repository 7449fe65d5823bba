import { create } from 'zustand';
import type { OperationOutput, ProfileInput, ProfileSummary } from '@shared/contract';
import type { BridgeError, Result } from '@shared/result';
import { linkdesk } from '../api';
import { useAppStore } from './app-store';

type Listing = OperationOutput<'profiles.list'>;

interface ProfilesState {
  listing: Listing | null;
  loadError: BridgeError | null;
  load(): Promise<void>;
  save(input: ProfileInput): Promise<Result<ProfileSummary>>;
  remove(id: string): Promise<Result<{ removed: true }>>;
  activate(id: string): Promise<Result<ProfileSummary>>;
}

/** Profiles as main reports them; reloaded after every change so the UI never shows a guess. */
export const useProfilesStore = create<ProfilesState>()((set, get) => ({
  listing: null,
  loadError: null,
  async load() {
    const result = await linkdesk.profiles.list();
    if (result.ok) set({ listing: result.value, loadError: null });
    else set({ loadError: result.error });
  },
  async save(input) {
    const result = await linkdesk.profiles.save(input);
    if (result.ok) await get().load();
    return result;
  },
  async remove(id) {
    const result = await linkdesk.profiles.remove({ id });
    await get().load();
    await useAppStore.getState().refreshInfo();
    return result;
  },
  async activate(id) {
    const result = await linkdesk.profiles.activate({ id });
    await get().load();
    await useAppStore.getState().refreshInfo();
    return result;
  },
}));
