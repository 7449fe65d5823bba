/**
 * Each operation's effect says what its handler does. The renderer's data layer calls a `read` by itself and again
 * on events, so an operation that starts work or changes Linkdesk's state must never be labelled one; the
 * dispatcher audits exactly the `write`s.
 */
import { describe, expect, it } from 'vitest';
import { operationNames, operations, type ActOperationName, type WriteOperationName } from '@shared/contract';

/** What each does when called: it must run only when the user asks, so none of them is a read. */
const acts: Record<ActOperationName, string> = {
  'profiles.activate': 'switches the active profile, saved in the settings',
  'health.startScan': 'starts a scan of the portfolio, spending Codat requests',
  'health.cancelScan': 'stops a running scan',
  'health.saveThresholds': 'saves the Health thresholds',
  'integrations.refresh': 'fetches the list and every platform’s branding again',
  'integrations.saveCacheSettings': 'saves the branding cache settings',
  'invites.saveSettings': 'saves the invite template and sender',
  'followups.record': 'records a hand-over and starts following it up',
  'followups.clearDone': 'forgets the hand-overs that have ended',
  'followups.checkNow': 'asks Codat about every followed hand-over now',
  'followups.saveSettings': 'saves the follow-up settings and plans the next check with them',
  'inbox.acknowledge': 'moves issues to Acknowledged',
  'inbox.snooze': 'snoozes issues',
  'inbox.mute': 'mutes issues',
  'inbox.unmute': 'unmutes issues',
  'monitor.saveSettings': 'saves the monitor settings and plans the rounds again',
  'monitor.checkNow': 'starts a monitor round, spending Codat requests',
  'system.openExternal': 'opens a link in the browser or the mail app',
  'system.notify': 'shows a desktop notification',
  'system.openLogsFolder': 'opens the file manager',
};

/** Recorded in the audit trail, each exactly once. */
const writes: Record<WriteOperationName, string> = {
  'profiles.save': 'adds or edits a profile and its key',
  'profiles.remove': 'removes a profile and its key',
  'companies.create': 'creates a company in Codat',
  'companies.delete': 'deletes a company in Codat',
  'connections.create': 'creates a connection in Codat',
  'connections.unlink': 'revokes a connection’s access in Codat',
  'connections.delete': 'deletes a connection in Codat',
  'data.refreshAll': 'asks Codat to sync every data type',
  'data.refreshDataType': 'asks Codat to sync one data type',
  'invites.composed': 'hands a link over to a customer by invite',
  'followups.freshLink': 'hands a fresh link over to a customer',
};

describe('operation effects', () => {
  it.each(Object.entries(acts))('%s is an act, never a read: it %s', (name) => {
    expect(operations[name as ActOperationName].effect).toBe('act');
  });

  it.each(Object.entries(writes))('%s is an audited write: it %s', (name) => {
    expect(operations[name as WriteOperationName].effect).toBe('write');
  });

  it('labels every other operation a read (a new act or write is described above first)', () => {
    const described = new Set<string>([...Object.keys(acts), ...Object.keys(writes)]);
    const others = operationNames.filter((name) => !described.has(name));
    expect(others.filter((name) => operations[name].effect !== 'read')).toEqual([]);
    expect(others).toContain('companies.search');
  });
});
