import type { ProfileList, ProfileView } from '@reel/contracts';
import { useEffect, useState } from 'preact/hooks';
import { Avatar } from '../../components/Avatar.tsx';
import { Icon } from '../../components/Icon.tsx';
import { ErrorState, Loading } from '../../components/States.tsx';
import { ApiProblem, api, get, problemMessage } from '../../lib/api.ts';
import { nextPath } from '../../lib/next.ts';
import { navigate, type PageProps } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import { useResource } from '../../lib/useResource.ts';
import { AddProfile } from './AddProfile.tsx';
import { PinDialog } from './PinDialog.tsx';
import './profiles.css';

/** Most profiles an account may hold (contracts MAX_PROFILES_PER_ACCOUNT). */
const MAX_PROFILES = 5;

function ProfileTile({
  profile,
  active,
  onPick,
}: {
  profile: ProfileView;
  active: boolean;
  onPick: () => void;
}) {
  const notes = [
    profile.isKids ? 'kids profile' : '',
    profile.hasPin ? 'locked with a PIN' : '',
    active ? 'current' : '',
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <li>
      <button
        type="button"
        class={`profile-tile${active ? ' active' : ''}`}
        onClick={onPick}
        data-testid="profile"
      >
        <span class="tile-avatar">
          <Avatar name={profile.name} avatar={profile.avatar} size={112} />
          {profile.hasPin && (
            <span class="tile-lock" aria-hidden="true">
              <Icon name="lock" size={18} />
            </span>
          )}
        </span>
        <span class="tile-name">{profile.name}</span>
        {profile.isKids && <span class="kids-badge">Kids</span>}
        {notes && <span class="visually-hidden">({notes})</span>}
      </button>
    </li>
  );
}

/**
 * Selecting a profile: straight away, or through the PIN dialog for a locked one. Afterwards the session
 * is refreshed (the header shows the new profile) and the picker goes on to `next`.
 */
function useProfilePick(next: string) {
  const { refresh } = useSession();
  const [locked, setLocked] = useState<ProfileView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const select = async (profile: ProfileView, pin?: string) => {
    await api('POST', `/api/profiles/${profile.id}/select`, pin === undefined ? {} : { pin });
    await refresh();
    navigate(next, { replace: true });
  };
  const pick = (profile: ProfileView) => {
    setProblem(null);
    if (profile.hasPin) return setLocked(profile);
    select(profile).catch((err: unknown) =>
      setProblem(
        err instanceof ApiProblem && err.code === 'kids_profile_restricted'
          ? 'A kids profile can’t switch to this profile. Sign in again to change profiles.'
          : problemMessage(err),
      ),
    );
  };
  return { locked, setLocked, problem, pick, select };
}

function AddTile({ onAdd }: { onAdd: () => void }) {
  return (
    <li>
      <button type="button" class="profile-tile add" onClick={onAdd}>
        <span class="tile-avatar add-avatar" aria-hidden="true">
          <Icon name="plus" size={48} />
        </span>
        <span class="tile-name">Add profile</span>
      </button>
    </li>
  );
}

/** `/profiles`: "Who's watching?" Pick a profile (its PIN if locked) and go on to `?next=` (home). */
export default function Profiles({ query }: PageProps) {
  const { me } = useSession();
  const next = nextPath(query);
  const list = useResource(() => get<ProfileList>('/api/profiles'), `profiles:${me?.user.id}`);
  const { locked, setLocked, problem, pick, select } = useProfilePick(next);
  const [adding, setAdding] = useState(false);
  useEffect(() => {
    document.title = 'Who’s watching? · Reel';
    if (me === null)
      navigate(`/signin?next=${encodeURIComponent(`/profiles?next=${next}`)}`, { replace: true });
  }, [me, next]);
  if (me === null) return null;
  if (list.loading) return <Loading label="Loading profiles…" />;
  if (!list.data)
    return <ErrorState error={list.error} title="Couldn’t load profiles" onRetry={list.reload} />;
  const { profiles, activeProfileId } = list.data;
  // Sessions on an age-limited profile may not manage profiles (the API refuses with 403).
  const limited = me?.profile?.isKids || me?.profile?.maxAgeRating != null;
  return (
    <div class="profiles-page">
      <h1>Who’s watching?</h1>
      <ul class="profile-grid">
        {profiles.map((p) => (
          <ProfileTile key={p.id} profile={p} active={p.id === activeProfileId} onPick={() => pick(p)} />
        ))}
        {profiles.length < MAX_PROFILES && !limited && !adding && <AddTile onAdd={() => setAdding(true)} />}
      </ul>
      <p class="form-problem" role="alert">
        {problem}
      </p>
      {adding && (
        <AddProfile
          count={profiles.length}
          onAdded={() => {
            setAdding(false);
            list.reload();
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      {locked && (
        <PinDialog
          profile={locked}
          onSubmit={(pin) => select(locked, pin)}
          onCancel={() => setLocked(null)}
        />
      )}
      <p>
        <a class="button secondary" href="/account">
          Account settings
        </a>
      </p>
    </div>
  );
}
