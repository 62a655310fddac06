import { useEffect, useState } from 'preact/hooks';

export type MediaState = {
  paused: boolean;
  ended: boolean;
  /** Stalled for data (show the spinner). */
  waiting: boolean;
  currentTime: number;
  duration: number;
  /** End of the buffered range that holds the playhead, for the seek bar. */
  bufferedEnd: number;
  volume: number;
  muted: boolean;
  rate: number;
  pictureInPicture: boolean;
};

const EVENTS = [
  'play',
  'pause',
  'playing',
  'waiting',
  'seeking',
  'seeked',
  'timeupdate',
  'durationchange',
  'loadedmetadata',
  'progress',
  'volumechange',
  'ratechange',
  'ended',
  'canplay',
  'emptied',
  'enterpictureinpicture',
  'leavepictureinpicture',
] as const;

function bufferedEndOf(video: HTMLVideoElement): number {
  const { buffered, currentTime } = video;
  for (let i = 0; i < buffered.length; i++) {
    if (buffered.start(i) <= currentTime + 0.5 && currentTime <= buffered.end(i)) return buffered.end(i);
  }
  return currentTime;
}

function read(video: HTMLVideoElement | null, waiting: boolean): MediaState {
  return {
    paused: video?.paused ?? true,
    ended: video?.ended ?? false,
    waiting,
    currentTime: video?.currentTime ?? 0,
    duration: video && Number.isFinite(video.duration) ? video.duration : 0,
    bufferedEnd: video ? bufferedEndOf(video) : 0,
    volume: video?.volume ?? 1,
    muted: video?.muted ?? false,
    rate: video?.playbackRate ?? 1,
    pictureInPicture: video !== null && document.pictureInPictureElement === video,
  };
}

/** The `<video>` element's state, re-rendered on its media events (HTML §4.8.11.16 event summary). */
export function useMediaState(video: HTMLVideoElement | null): MediaState {
  const [state, setState] = useState(() => read(video, false));
  useEffect(() => {
    if (!video) return;
    let waiting = false;
    const update = (e?: Event) => {
      if (e?.type === 'waiting' || e?.type === 'seeking') waiting = true;
      else if (e && ['playing', 'seeked', 'canplay', 'pause', 'emptied'].includes(e.type)) waiting = false;
      setState(read(video, waiting && !video.paused));
    };
    for (const e of EVENTS) video.addEventListener(e, update);
    update();
    return () => {
      for (const e of EVENTS) video.removeEventListener(e, update);
    };
  }, [video]);
  return state;
}
