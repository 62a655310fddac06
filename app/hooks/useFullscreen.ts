import { useCallback, useEffect, useState } from 'preact/hooks';

/** Safari on iPhone has no element fullscreen, only the video's own (`webkitEnterFullscreen`). */
type IosVideo = HTMLVideoElement & { webkitEnterFullscreen?: () => void };

/** Fullscreen of the player box (controls and captions included), with the iPhone fallback. */
export function useFullscreen(root: HTMLElement | null, video: HTMLVideoElement | null) {
  const [active, setActive] = useState(false);
  useEffect(() => {
    const onChange = () => setActive(root !== null && document.fullscreenElement === root);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [root]);
  const supported =
    document.fullscreenEnabled || typeof (video as IosVideo | null)?.webkitEnterFullscreen === 'function';
  const toggle = useCallback(() => {
    if (document.fullscreenElement) {
      void document.exitFullscreen();
    } else if (root && document.fullscreenEnabled) {
      void root.requestFullscreen().catch(() => undefined);
    } else {
      (video as IosVideo | null)?.webkitEnterFullscreen?.();
    }
  }, [root, video]);
  return { active, supported, toggle };
}
