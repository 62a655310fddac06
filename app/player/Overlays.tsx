import { useEffect, useRef } from 'preact/hooks';
import { formatTime } from './format.ts';
import { Icon } from './Icon.tsx';
import type { NextEpisode } from './types.ts';

/** "Skip intro" / "Skip credits": the markers the creator set on the title. */
export function SkipButton({ label, onSkip }: { label: string; onSkip: () => void }) {
  return (
    <button type="button" class="rp-skip" onClick={onSkip}>
      {label}
    </button>
  );
}

type NextProps = {
  next: NextEpisode;
  secondsLeft: number;
  counting: boolean;
  onPlay: () => void;
  onCancel: () => void;
};

/** The next-episode card: a countdown to autoplay, "Play now" (focused, so Enter plays) and "Cancel". */
export function NextEpisodeCard({ next, secondsLeft, counting, onPlay, onCancel }: NextProps) {
  const play = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // Only take focus from nowhere in particular, never from a control the viewer is using.
    if (document.activeElement === document.body) play.current?.focus();
  }, []);
  return (
    <section class="rp-next" aria-label="Next episode" aria-live="polite">
      {next.posterUrl && <img class="rp-next-poster" src={next.posterUrl} alt="" />}
      <div class="rp-next-body">
        <p class="rp-next-eyebrow">{counting ? `Next episode in ${secondsLeft}` : 'Next episode'}</p>
        <p class="rp-next-title">
          {next.label} · {next.title}
        </p>
        <div class="rp-next-actions">
          <button ref={play} type="button" class="rp-cta" onClick={onPlay}>
            <Icon name="next" /> Play now
          </button>
          <button type="button" class="rp-secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </section>
  );
}

/** "Resumed at 12:34" with a way back to the start, shown for a few seconds after a resume. */
export function ResumeToast({ at, onStartOver }: { at: number; onStartOver: () => void }) {
  return (
    <div class="rp-toast" role="status">
      <span>Resumed at {formatTime(at)}</span>
      <button type="button" class="rp-link-button" onClick={onStartOver}>
        Start over
      </button>
    </div>
  );
}

type CenterProps = { ended: boolean; onPlay: () => void };

/** The big button over a paused (or finished) video. */
export function CenterPlay({ ended, onPlay }: CenterProps) {
  return (
    <button type="button" class="rp-center" aria-label={ended ? 'Replay' : 'Play'} onClick={onPlay}>
      <Icon name={ended ? 'replay' : 'play'} />
    </button>
  );
}

export function Spinner() {
  return <div class="rp-spinner" role="progressbar" aria-label="Loading" />;
}
