import type { TitleState, VideoView } from '@reel/contracts';
import { Icon } from '../../components/Icon.tsx';
import { formatClock } from '../../lib/format.ts';
import { navigate } from '../../lib/router.tsx';
import type { TitleStateControls } from './useTitleState.ts';
import { RatingControl } from './RatingControl.tsx';

/** Below this many seconds in, a title counts as not started (a stray tap should not say "Resume"). */
const RESUME_MIN_S = 5;

function playLabel(history: TitleState['history']): { text: string; detail: string | null } {
  if (!history || history.positionS < RESUME_MIN_S) return { text: 'Play', detail: null };
  if (history.completed) return { text: 'Watch again', detail: null };
  return { text: 'Resume', detail: `from ${formatClock(history.positionS)}` };
}

function PlayButton({ video, history }: { video: VideoView; history: TitleState['history'] }) {
  const { text, detail } = playLabel(history);
  const fraction =
    detail && history && video.durationS ? Math.min(history.positionS / video.durationS, 1) : null;
  return (
    <div class="play-block">
      <a class="button primary large" href={`/watch/${video.id}`} data-testid="play">
        <Icon name="play" /> {text}
        {detail && <span class="play-detail">{detail}</span>}
        <span class="visually-hidden"> {video.title}</span>
      </a>
      {fraction !== null && (
        <span class="resume-bar" role="img" aria-label={`${Math.round(fraction * 100)}% watched`}>
          <span style={{ width: `${fraction * 100}%` }} />
        </span>
      )}
    </div>
  );
}

/**
 * What a person does on a title page: play (or resume), keep it on their list, rate it. Signed-out
 * visitors can play public titles; the list and ratings ask them to sign in first.
 */
export function TitleActions({
  video,
  controls,
  signedIn,
}: {
  video: VideoView;
  controls: TitleStateControls;
  signedIn: boolean;
}) {
  const { state, problem } = controls;
  const signIn = () => navigate(`/signin?next=${encodeURIComponent(`/title/${video.id}`)}`);
  const onList = state?.onWatchlist ?? false;
  return (
    <div class="title-actions">
      <div class="actions">
        <PlayButton video={video} history={state?.history ?? null} />
        <button
          type="button"
          class={`button secondary large${onList ? ' on' : ''}`}
          aria-pressed={signedIn ? onList : undefined}
          disabled={signedIn && !state}
          onClick={signedIn ? controls.toggleWatchlist : signIn}
          data-testid="watchlist"
        >
          <Icon name={onList ? 'check' : 'plus'} />
          {onList ? 'On my list' : 'My list'}
          {!signedIn && <span class="visually-hidden"> (sign in to keep a list)</span>}
        </button>
      </div>
      {signedIn && state ? (
        <RatingControl title={video.title} score={state.rating?.score ?? null} onRate={controls.rate} />
      ) : (
        !signedIn && (
          <p class="quiet">
            <a href={`/signin?next=${encodeURIComponent(`/title/${video.id}`)}`}>Sign in</a> to rate this
            title and keep a list.
          </p>
        )
      )}
      <p class="action-problem" role="status">
        {problem}
      </p>
    </div>
  );
}
