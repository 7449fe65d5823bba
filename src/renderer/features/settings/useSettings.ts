/** What the Settings page reads and saves through main: profiles, the invite template, the branding cache, logs. */
import { useEffect, useMemo, useState } from 'react';
import type { BrandingSettings, OperationInput, OperationOutput } from '@shared/contract';
import type { BridgeError } from '@shared/result';
import { linkdesk } from '@renderer/api';
import { useProfilesStore } from '@renderer/stores/profiles-store';

/** The profiles as main reports them, read on arrival and again whenever they change (here or elsewhere). */
export function useProfilesListing() {
  const listing = useProfilesStore((state) => state.listing);
  const loadError = useProfilesStore((state) => state.loadError);
  const load = useProfilesStore((state) => state.load);
  useEffect(() => {
    void load();
    const unsubscribe = linkdesk.on('profiles.changed', () => void load());
    return unsubscribe;
  }, [load]);
  return { listing, loadError };
}

type TestResult = OperationOutput<'profiles.test'>;

/** "Test connection": asks Codat, with the profile's key, who the client is. */
export function useProfileTest(profileId: string) {
  const [testing, setTesting] = useState(false);
  const [tested, setTested] = useState<TestResult | null>(null);
  const [failure, setFailure] = useState<BridgeError | null>(null);
  const test = async () => {
    setTesting(true);
    setFailure(null);
    setTested(null);
    const result = await linkdesk.profiles.test({ id: profileId });
    setTesting(false);
    if (result.ok) setTested(result.value);
    else setFailure(result.error);
  };
  return { testing, tested, failure, test };
}

/** The invite email template and the sender's name. */
export function useInviteSettings() {
  return useMemo(
    () => ({
      read: () => linkdesk.invites.settings(),
      save: (settings: OperationInput<'invites.saveSettings'>) => linkdesk.invites.saveSettings(settings),
    }),
    [],
  );
}

/** The branding cache's time to live and size limit. */
export function useBrandingSettings() {
  return useMemo(
    () => ({
      load: () => linkdesk.integrations.cacheSettings(),
      save: (values: BrandingSettings) => linkdesk.integrations.saveCacheSettings(values),
    }),
    [],
  );
}

/** How often follow-ups are checked, and which are notified. */
export function useFollowUpSettings() {
  return useMemo(
    () => ({
      read: () => linkdesk.followups.settings(),
      save: (settings: OperationInput<'followups.saveSettings'>) => linkdesk.followups.saveSettings(settings),
    }),
    [],
  );
}

/** "Open logs folder": opened by the desktop app, or only named by the browser console. */
export function useLogsFolder() {
  const [answer, setAnswer] = useState<OperationOutput<'system.openLogsFolder'> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const open = async () => {
    const result = await linkdesk.system.openLogsFolder();
    if (result.ok) setAnswer(result.value);
    else setFailure(result.error.message);
  };
  return { answer, failure, open };
}

/** The active profile's monitor settings ("Monitor in the background", how often, its budget). */
export function useMonitorSettings() {
  return useMemo(
    () => ({
      read: () => linkdesk.monitor.settings(),
      save: (settings: OperationInput<'monitor.saveSettings'>) => linkdesk.monitor.saveSettings(settings),
      /** Another profile's settings are not these: read them again when the profile changes. */
      onProfileChange: (listener: () => void) => linkdesk.on('profiles.changed', listener),
      /** Settings saved elsewhere (the tray's Pause / Resume monitoring). */
      onSaved: (listener: () => void) => linkdesk.on('monitor.settingsChanged', listener),
    }),
    [],
  );
}
