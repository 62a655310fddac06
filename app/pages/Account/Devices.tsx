import type { SessionList, SessionView } from '@reel/contracts';
import { useState } from 'preact/hooks';
import { Icon } from '../../components/Icon.tsx';
import { ErrorState } from '../../components/States.tsx';
import { api, get, problemMessage } from '../../lib/api.ts';
import { formatDate, timeAgo } from '../../lib/format.ts';
import { useResource } from '../../lib/useResource.ts';

function DeviceItem({ session, onRevoke }: { session: SessionView; onRevoke: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  return (
    <li class={`device${session.current ? ' current' : ''}`} data-testid="device">
      <Icon name="device" size={28} />
      <span class="device-text">
        <span class="device-name">
          {session.deviceLabel}
          {session.current && <span class="badge">This device</span>}
        </span>
        <span class="quiet">
          Active {timeAgo(session.lastSeenAt)} · signed in {formatDate(session.createdAt)}
        </span>
      </span>
      <button
        type="button"
        class="button secondary small"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          await onRevoke().finally(() => setBusy(false));
        }}
      >
        Sign out<span class="visually-hidden"> {session.current ? 'this device' : session.deviceLabel}</span>
      </button>
    </li>
  );
}

/**
 * Where the account is signed in (GET /api/auth/sessions), each with a way to end it. Ending this
 * device's session signs out here too (`onSignedOut`).
 */
export function Devices({ onSignedOut }: { onSignedOut: () => void }) {
  const sessions = useResource(() => get<SessionList>('/api/auth/sessions'), 'sessions');
  const [problem, setProblem] = useState<string | null>(null);
  const revoke = async (s: SessionView) => {
    setProblem(null);
    try {
      await api('DELETE', `/api/auth/sessions/${s.id}`);
      if (s.current) onSignedOut();
      else sessions.reload();
    } catch (err) {
      setProblem(problemMessage(err, 'That device could not be signed out. Try again.'));
    }
  };
  return (
    <section class="panel" aria-labelledby="devices-heading">
      <h2 id="devices-heading">Devices</h2>
      <p class="quiet">Signed in to your account right now. Sign out any you don’t recognise.</p>
      {sessions.error !== undefined && (
        <ErrorState error={sessions.error} title="Couldn’t load your devices" onRetry={sessions.reload} />
      )}
      <ul class="devices" aria-busy={sessions.loading ? 'true' : undefined}>
        {sessions.data?.sessions.map((s) => (
          <DeviceItem key={s.id} session={s} onRevoke={() => revoke(s)} />
        ))}
      </ul>
      <p class="form-problem" role="alert">
        {problem}
      </p>
    </section>
  );
}
