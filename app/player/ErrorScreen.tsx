import type { StreamDevice } from '@reel/contracts';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { PlayerError } from './types.ts';

type Props = {
  error: PlayerError;
  videoId: string;
  embedded: boolean;
  onRetry: () => void;
  onEndStream: (sessionId: string) => Promise<void>;
};

type Copy = { title: string; body: string; action?: 'retry' | { href: string; label: string } };

const PLAN_NAMES: Record<string, string> = { basic: 'Basic', standard: 'Standard', premium: 'Premium' };

/** What each refusal means, in words a viewer understands, and the one thing they can do about it. */
function copyFor(error: PlayerError, watchPath: string): Copy {
  switch (error.kind) {
    case 'too_many_streams':
      return {
        title: 'Too many streams',
        body: `Your plan allows ${error.limit} stream${error.limit === 1 ? '' : 's'} at a time. End one to watch here.`,
      };
    case 'stream_evicted':
      return {
        title: 'Playback stopped',
        body: 'This stream was ended from another device, or this one was idle for too long.',
        action: 'retry',
      };
    case 'geo_blocked':
      return { title: 'Not available in your country', body: 'This title can’t be watched where you are.' };
    case 'plan_required': {
      const plan = (error.requiredPlan && PLAN_NAMES[error.requiredPlan]) ?? 'a higher';
      return {
        title: 'Upgrade to watch',
        body: `This title is included with the ${plan} plan.`,
        action: { href: '/account', label: 'See plans' },
      };
    }
    case 'sign_in_required':
      return {
        title: 'Sign in to watch',
        body: 'This title is for Reel members.',
        action: { href: `/signin?next=${encodeURIComponent(watchPath)}`, label: 'Sign in' },
      };
    case 'age_restricted':
      return {
        title: 'Not available on this profile',
        body: 'This title is rated above what this profile may watch.',
        action: { href: '/profiles', label: 'Switch profile' },
      };
    case 'not_found':
      return {
        title: 'This video isn’t available',
        body: 'It may have been removed or made private.',
        action: { href: '/', label: 'Browse Reel' },
      };
    case 'not_ready':
      return {
        title: 'Still processing',
        body: 'This video is being prepared. Try again in a minute.',
        action: 'retry',
      };
    case 'offline':
      return {
        title: 'You’re offline',
        body: 'Check your connection. Playback picks up again once you’re back online.',
        action: 'retry',
      };
    case 'unsupported':
      return {
        title: 'This browser can’t play this video',
        body: 'Try a recent version of Chrome, Edge, Firefox or Safari.',
      };
    case 'media':
      return { title: 'Something went wrong', body: 'The video couldn’t be played.', action: 'retry' };
  }
}

/** The screen that replaces the picture when playback cannot go on. */
export function ErrorScreen({ error, videoId, embedded, onRetry, onEndStream }: Props) {
  const watchPath = `/watch/${encodeURIComponent(videoId)}`;
  const copy = copyFor(error, watchPath);
  // Inside an iframe, links open Reel itself in a new tab rather than navigating the partner's frame.
  const linkProps = embedded ? { target: '_blank', rel: 'noopener' } : {};
  return (
    <div class="rp-error" role="alert" data-kind={error.kind}>
      <h2 class="rp-error-title">{copy.title}</h2>
      <p class="rp-error-body">{copy.body}</p>
      {error.kind === 'too_many_streams' && (
        <DeviceList devices={error.devices} videoId={videoId} onEnd={onEndStream} />
      )}
      <Actions>
        {copy.action === 'retry' && (
          <button type="button" class="rp-cta" onClick={onRetry}>
            {error.kind === 'stream_evicted' ? 'Play here' : 'Try again'}
          </button>
        )}
        {copy.action && copy.action !== 'retry' && (
          <a
            class="rp-cta"
            href={embedded ? `${location.origin}${copy.action.href}` : copy.action.href}
            {...linkProps}
          >
            {copy.action.label}
          </a>
        )}
        {embedded && (
          <a class="rp-secondary" href={`${location.origin}${watchPath}`} {...linkProps}>
            Watch on Reel
          </a>
        )}
      </Actions>
    </div>
  );
}

const Actions = ({ children }: { children: ComponentChildren }) => (
  <div class="rp-error-actions">{children}</div>
);

const ago = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
function since(iso: string): string {
  const minutes = Math.round((Date.parse(iso) - Date.now()) / 60_000);
  if (!Number.isFinite(minutes)) return '';
  return Math.abs(minutes) < 60
    ? ago.format(minutes, 'minute')
    : ago.format(Math.round(minutes / 60), 'hour');
}

type DeviceListProps = {
  devices: StreamDevice[];
  videoId: string;
  onEnd: (sessionId: string) => Promise<void>;
};

/** The devices holding the account's streams (from the 429 body), each with a button to end it. */
function DeviceList({ devices, videoId, onEnd }: DeviceListProps) {
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const end = async (d: StreamDevice) => {
    setBusy(d.sessionId);
    setFailed(null);
    try {
      await onEnd(d.sessionId);
    } catch {
      setFailed(`Couldn’t end the stream on ${d.deviceLabel}. Try again.`);
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <ul class="rp-devices" aria-label="Devices watching now">
        {devices.map((d) => (
          <li key={d.sessionId} class="rp-device" data-testid="stream-device">
            <div>
              <strong>{d.deviceLabel}</strong>
              <span class="rp-device-meta">
                {d.videoId === videoId ? 'Watching this title' : 'Watching another title'} · started{' '}
                {since(d.startedAt)} · active {since(d.lastSeenAt)}
              </span>
            </div>
            <button
              type="button"
              class="rp-secondary"
              aria-label={`End this stream on ${d.deviceLabel}`}
              disabled={busy !== null}
              onClick={() => end(d)}
            >
              {busy === d.sessionId ? 'Ending…' : 'End this stream'}
            </button>
          </li>
        ))}
      </ul>
      {failed && <p class="rp-error-body">{failed}</p>}
    </>
  );
}
