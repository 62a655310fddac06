import { useCallback } from 'preact/hooks';

/** Picture-in-picture of the video (W3C Picture-in-Picture); unsupported browsers get no button. */
export function usePictureInPicture(video: HTMLVideoElement | null) {
  const supported = document.pictureInPictureEnabled === true && video?.disablePictureInPicture !== true;
  const toggle = useCallback(() => {
    if (!video) return;
    if (document.pictureInPictureElement === video) void document.exitPictureInPicture();
    else void video.requestPictureInPicture().catch(() => undefined);
  }, [video]);
  return { supported, toggle };
}
