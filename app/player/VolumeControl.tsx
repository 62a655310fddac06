import { Icon } from './Icon.tsx';

type Props = { volume: number; muted: boolean; onVolume: (v: number) => void; onToggleMute: () => void };

/** Mute button and a native range (arrow keys, screen-reader value for free); widens on hover or focus. */
export function VolumeControl({ volume, muted, onVolume, onToggleMute }: Props) {
  const silent = muted || volume === 0;
  const level = silent ? 0 : Math.round(volume * 100);
  return (
    <div class="rp-volume">
      <button
        type="button"
        class="rp-button"
        aria-label={silent ? 'Unmute (m)' : 'Mute (m)'}
        title={silent ? 'Unmute (m)' : 'Mute (m)'}
        onClick={onToggleMute}
      >
        <Icon name={silent ? 'volumeOff' : volume < 0.5 ? 'volumeLow' : 'volumeHigh'} />
      </button>
      <input
        class="rp-volume-range"
        type="range"
        min={0}
        max={100}
        step={5}
        value={level}
        aria-label="Volume"
        aria-valuetext={`${level}%`}
        onInput={(e) => onVolume(Number(e.currentTarget.value) / 100)}
      />
    </div>
  );
}
