import './settings.css';
import { useState } from 'react';
import type { ProfileSummary } from '@shared/contract';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { formatDateTime } from '@renderer/lib/format';
import { useProfilesStore } from '@renderer/stores/profiles-store';
import { AboutConsole } from './AboutConsole';
import { BrandingCacheSettings } from './BrandingCacheSettings';
import { FollowUpSettings } from './FollowUpSettings';
import { InviteTemplateEditor } from './InviteTemplateEditor';
import { MonitorSettings } from './MonitorSettings';
import { ProfileForm } from './ProfileForm';
import { useProfilesListing, useProfileTest } from './useSettings';

const protectionLabel: Record<ProfileSummary['protection'], string> = {
  os_keychain: 'Key encrypted by the OS keychain',
  weak: 'Key stored with weak protection',
  session_only: 'Key kept for this session only',
  none: 'No key needed',
};
const environmentLabel = { training: 'Training', test: 'Test', production: 'Production' } as const;

export function SettingsPage() {
  const { listing, loadError } = useProfilesListing();
  const [editing, setEditing] = useState<ProfileSummary | 'new' | null>(null);
  const [message, setMessage] = useState('');

  return (
    <>
      <section className="card wide" aria-labelledby="profiles-heading">
        <div className="section-header">
          <h2 id="profiles-heading">Profiles</h2>
          <button
            type="button"
            className="button button-primary"
            onClick={() => setEditing('new')}
            disabled={editing !== null}
          >
            Add profile
          </button>
        </div>
        {listing && (
          <p className={`secret-storage ${listing.secretStorage.osKeychain ? '' : 'warning'}`}>
            {listing.secretStorage.explanation}
          </p>
        )}
        <p className="success-message status-line" role="status">
          {message}
        </p>
        {editing !== null && listing && (
          <ProfileForm
            {...(editing !== 'new' ? { editing } : {})}
            secretLevel={listing.secretStorage.level}
            onDone={(done) => {
              setMessage(done);
              setEditing(null);
            }}
            onCancel={() => setEditing(null)}
          />
        )}
        {loadError && <ErrorNotice error={loadError} title="Could not load the profiles." />}
        {!listing && !loadError && (
          <p aria-busy="true" className="loading-line">
            Loading profiles…
          </p>
        )}
        {listing && (
          <ul className="profile-list">
            {listing.profiles.map((profile) => (
              <ProfileRow
                key={profile.id}
                profile={profile}
                active={profile.id === listing.activeId}
                onEdit={() => setEditing(profile)}
                onMessage={setMessage}
              />
            ))}
          </ul>
        )}
      </section>
      <InviteTemplateEditor />
      <FollowUpSettings />
      <MonitorSettings />
      <BrandingCacheSettings />
      <AboutConsole />
    </>
  );
}

function ProfileRow({
  profile,
  active,
  onEdit,
  onMessage,
}: {
  profile: ProfileSummary;
  active: boolean;
  onEdit(): void;
  onMessage(message: string): void;
}) {
  const activate = useProfilesStore((state) => state.activate);
  const remove = useProfilesStore((state) => state.remove);
  const { testing, tested, failure, test } = useProfileTest(profile.id);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const headingId = `profile-${profile.id}`;

  return (
    <li className="profile" aria-labelledby={headingId} data-environment={profile.environment}>
      <div className="profile-main">
        <h3 id={headingId}>
          {profile.name}
          <span className={`environment-badge env-${profile.environment}`}>
            {environmentLabel[profile.environment]}
          </span>
          {active && <span className="active-badge">Active</span>}
        </h3>
        <dl className="facts facts-compact profile-facts">
          <dt>Base URL</dt>
          <dd>{profile.baseUrl}</dd>
          <dt>Key</dt>
          <dd>
            {profile.keyHint ? `${profile.keyHint} · ` : ''}
            {protectionLabel[profile.protection]}
          </dd>
          {!profile.builtIn && (
            <>
              <dt>Added</dt>
              <dd>{formatDateTime(profile.createdAt)}</dd>
            </>
          )}
        </dl>
        {profile.keyProblem && (
          <p className="field-error" role="note">
            {profile.keyProblem}
          </p>
        )}
        {tested && (
          <p className="success-message" role="status">
            Connected to Codat client “{tested.clientName}”. Hosted Link redirect: {tested.redirectUrl}
          </p>
        )}
        {testing && (
          <p className="progress" role="status">
            <span className="spinner" aria-hidden="true" /> Asking Codat…
          </p>
        )}
        {failure && <ErrorNotice error={failure} title="The connection test failed." />}
      </div>
      <div className="profile-actions">
        {!active && (
          <button
            type="button"
            className="button"
            onClick={async () => {
              const result = await activate(profile.id);
              onMessage(result.ok ? `Now using ${profile.name}.` : result.error.message);
            }}
          >
            Use this profile
          </button>
        )}
        <button type="button" className="button" onClick={test} disabled={testing || profile.keyStatus !== 'ready'}>
          Test connection
        </button>
        {!profile.builtIn && (
          <>
            <button type="button" className="button" onClick={onEdit}>
              {profile.keyStatus === 'ready' ? 'Edit' : 'Enter key again'}
            </button>
            {confirmingRemove ? (
              <span className="confirm" role="group" aria-label={`Confirm removing ${profile.name}`}>
                <span>Remove {profile.name}? Its stored key is deleted from this computer.</span>
                <button
                  type="button"
                  className="button button-danger"
                  onClick={async () => {
                    const result = await remove(profile.id);
                    onMessage(result.ok ? `Removed ${profile.name}.` : result.error.message);
                  }}
                >
                  Remove profile
                </button>
                <button type="button" className="button" onClick={() => setConfirmingRemove(false)}>
                  Keep it
                </button>
              </span>
            ) : (
              <button type="button" className="button" onClick={() => setConfirmingRemove(true)}>
                Remove profile
              </button>
            )}
          </>
        )}
      </div>
    </li>
  );
}
