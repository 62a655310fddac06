import type { MediaState } from '../hooks/useMediaState.ts';
import type { PlayerActions } from '../hooks/usePlayerActions.ts';
import { formatTime } from './format.ts';
import { Icon } from './Icon.tsx';
import type { CaptionStyle } from './preferences.ts';
import { chapterAt, SeekBar } from './SeekBar.tsx';
import { SettingsMenu } from './SettingsMenu.tsx';
import type { Chapter, EngineTracks, ThumbnailCue } from './types.ts';
import { VolumeControl } from './VolumeControl.tsx';

type Props = {
  media: MediaState;
  tracks: EngineTracks;
  chapters: Chapter[];
  thumbnails: ThumbnailCue[];
  captionStyle: CaptionStyle;
  actions: PlayerActions;
  fullscreen: { active: boolean; supported: boolean };
  pictureInPicture: { supported: boolean };
  onMenuOpen: (open: boolean) => void;
};

type ButtonProps = {
  label: string;
  icon: Parameters<typeof Icon>[0];
  onClick: () => void;
  pressed?: boolean;
};

/** An icon button whose accessible name (and tooltip) names the action and its shortcut. */
function ControlButton({ label, icon, onClick, pressed }: ButtonProps) {
  return (
    <button
      type="button"
      class="rp-button"
      aria-label={label}
      title={label}
      aria-pressed={pressed}
      onClick={onClick}
    >
      <Icon {...icon} />
    </button>
  );
}

/** The bottom bar: seek bar, then transport, volume, time and chapter, captions, settings, PiP, fullscreen. */
export function Controls(p: Props) {
  const { media, tracks, actions } = p;
  const chapter = chapterAt(p.chapters, media.currentTime);
  const longForm = media.duration >= 3600;
  return (
    <div class="rp-controls">
      <SeekBar
        currentTime={media.currentTime}
        duration={media.duration}
        bufferedEnd={media.bufferedEnd}
        chapters={p.chapters}
        thumbnails={p.thumbnails}
        onSeek={actions.seekTo}
      />
      <div class="rp-bar">
        <ControlButton
          label={media.paused ? 'Play (k)' : 'Pause (k)'}
          icon={{ name: media.paused ? 'play' : 'pause' }}
          onClick={actions.togglePlay}
        />
        <ControlButton
          label="Back 10 seconds (j)"
          icon={{ name: 'back', label: '10' }}
          onClick={() => actions.seekBy(-10)}
        />
        <ControlButton
          label="Forward 10 seconds (l)"
          icon={{ name: 'forward', label: '10' }}
          onClick={() => actions.seekBy(10)}
        />
        <VolumeControl
          volume={media.volume}
          muted={media.muted}
          onVolume={actions.setVolume}
          onToggleMute={actions.toggleMute}
        />
        <span class="rp-time">
          {formatTime(media.currentTime, longForm)} / {formatTime(media.duration, longForm)}
        </span>
        {chapter && <span class="rp-chapter-title">{chapter.title}</span>}
        <span class="rp-spacer" />
        {tracks.subtitles.length > 0 && (
          <ControlButton
            label="Subtitles (c)"
            icon={{ name: 'captions' }}
            pressed={tracks.subtitle >= 0}
            onClick={actions.toggleCaptions}
          />
        )}
        <SettingsMenu
          tracks={tracks}
          rate={media.rate}
          captionStyle={p.captionStyle}
          onLevel={actions.setLevel}
          onRate={actions.setRate}
          onSubtitle={actions.setSubtitle}
          onCaptionStyle={actions.setCaptionStyle}
          onAudio={actions.setAudio}
          onOpenChange={p.onMenuOpen}
        />
        {p.pictureInPicture.supported && (
          <ControlButton
            label="Picture-in-picture (i)"
            icon={{ name: 'pip' }}
            pressed={media.pictureInPicture}
            onClick={actions.togglePictureInPicture}
          />
        )}
        {p.fullscreen.supported && (
          <ControlButton
            label={p.fullscreen.active ? 'Exit full screen (f)' : 'Full screen (f)'}
            icon={{ name: p.fullscreen.active ? 'fullscreenExit' : 'fullscreen' }}
            onClick={actions.toggleFullscreen}
          />
        )}
      </div>
    </div>
  );
}
