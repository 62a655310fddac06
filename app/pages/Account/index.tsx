import type { Me } from '@reel/contracts';
import { useEffect, useState } from 'preact/hooks';
import { Avatar } from '../../components/Avatar.tsx';
import { Loading } from '../../components/States.tsx';
import { formatDate } from '../../lib/format.ts';
import { problemMessage } from '../../lib/api.ts';
import { navigate, type PageProps } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import { Devices } from './Devices.tsx';
import { PlanPanel } from './PlanPanel.tsx';
import './account.css';

function Membership({ me }: { me: Me }) {
  return (
    <section class="panel" aria-labelledby="member-heading">
      <h2 id="member-heading">Membership</h2>
      <dl class="facts-list">
        <div>
          <dt>Email</dt>
          <dd data-testid="email">{me.user.email}</dd>
        </div>
        <div>
          <dt>Name</dt>
          <dd>{me.user.displayName}</dd>
        </div>
        <div>
          <dt>Member since</dt>
          <dd>{formatDate(me.user.createdAt)}</dd>
        </div>
      </dl>
    </section>
  );
}

function CurrentProfile({ me }: { me: Me }) {
  return (
    <section class="panel" aria-labelledby="profile-heading">
      <h2 id="profile-heading">Profile</h2>
      <div class="current-profile">
        {me.profile ? (
          <>
            <Avatar name={me.profile.name} avatar={me.profile.avatar} size={48} />
            <span>
              Watching as <strong>{me.profile.name}</strong>
              {me.profile.isKids && <span class="badge">Kids</span>}
            </span>
          </>
        ) : (
          <span>No profile chosen on this device yet.</span>
        )}
        <a class="button secondary" href="/profiles?next=/account">
          Switch profile
        </a>
      </div>
    </section>
  );
}

/** Signing out of this device, or of every device after a confirmation. */
function SignOutPanel() {
  const { signOut, signOutEverywhere } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const everywhere = async () => {
    try {
      await signOutEverywhere();
      navigate('/signin', { replace: true });
    } catch (err) {
      setProblem(problemMessage(err));
    }
  };
  return (
    <section class="panel" aria-labelledby="signout-heading">
      <h2 id="signout-heading">Sign out</h2>
      <div class="actions">
        <button type="button" class="button secondary" onClick={() => signOut().then(() => navigate('/'))}>
          Sign out of this device
        </button>
        {!confirming && (
          <button type="button" class="button danger" onClick={() => setConfirming(true)}>
            Sign out everywhere
          </button>
        )}
      </div>
      {confirming && (
        <div class="confirm">
          <p id="confirm-text">This signs out every device on your account, including this one.</p>
          <div class="actions">
            <button type="button" class="button danger" onClick={everywhere}>
              Yes, sign out everywhere
            </button>
            <button type="button" class="button secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <p class="form-problem" role="alert">
        {problem}
      </p>
    </section>
  );
}

/** `/account`: membership, plan, profile, devices and signing out. Signed-out visitors are sent to sign in. */
export default function Account(_: PageProps) {
  const { me, signOut } = useSession();
  useEffect(() => {
    document.title = 'Account · Reel';
    if (me === null) navigate('/signin?next=/account', { replace: true });
  }, [me]);
  if (me === undefined) return <Loading label="Loading your account…" />;
  if (me === null) return null;
  return (
    <div class="account-page page">
      <h1>Account</h1>
      <div class="account-grid">
        <Membership me={me} />
        <PlanPanel />
        <CurrentProfile me={me} />
        <Devices onSignedOut={() => signOut().then(() => navigate('/signin', { replace: true }))} />
        <SignOutPanel />
      </div>
    </div>
  );
}
