/**
 * The studio's handle on a source upload: asks the API for a fresh target, runs a `SourceUpload`, and
 * exposes its state and controls to the page. It lives on the video page (not in a tab) so switching tabs
 * never stops an upload, and it warns before the page is closed mid-upload.
 */
import type { UploadTarget } from '@reel/contracts';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../lib/api.ts';
import { formatBytes } from './format.ts';
import { problemToErrors } from './forms.tsx';
import { SourceUpload, type UploadState } from './source-upload.ts';

export type SourceUploadHandle = {
  /** null before the first upload of this visit; `preparing` while the target is requested. */
  state: UploadState | { phase: 'preparing'; total: number } | { phase: 'refused'; message: string } | null;
  fileName: string | null;
  start: (file: File) => void;
  pause: () => void;
  resume: () => void;
  cancel: () => void;
};

const ACTIVE = new Set(['preparing', 'uploading', 'reconnecting']);

export function useSourceUpload(videoId: string, onComplete: () => void): SourceUploadHandle {
  const [state, setState] = useState<SourceUploadHandle['state']>(null);
  const [file, setFile] = useState<File | null>(null);
  const current = useRef<SourceUpload | null>(null);
  const completed = useRef(onComplete);
  completed.current = onComplete;

  const start = useCallback(
    async (chosen: File) => {
      current.current?.dispose();
      setFile(chosen);
      setState({ phase: 'preparing', total: chosen.size });
      let target: UploadTarget;
      try {
        // A fresh target every time: it also replaces the source of a video that already has one.
        target = await api<UploadTarget>('POST', `/api/videos/${videoId}/uploads`);
      } catch (err) {
        setState({ phase: 'refused', message: problemToErrors(err).message });
        return;
      }
      if (chosen.size > target.maxBytes) {
        setState({
          phase: 'refused',
          message: `Files up to ${formatBytes(target.maxBytes)} can be uploaded.`,
        });
        return;
      }
      const upload = new SourceUpload(chosen, target, videoId, (next) => {
        setState(next);
        if (next.phase === 'complete') completed.current();
      });
      current.current = upload;
      await upload.start();
    },
    [videoId],
  );

  // A failed upload starts again with a fresh target; the remembered upload URL still resumes the bytes
  // already sent when its signature is valid.
  const resume = useCallback(() => {
    if (state?.phase === 'failed' && file) void start(file);
    else current.current?.resume();
  }, [state?.phase, file, start]);

  const cancel = useCallback(() => {
    void current.current?.cancel();
    current.current = null;
    setState(null);
    setFile(null);
  }, []);

  const active = state !== null && ACTIVE.has(state.phase);
  useEffect(() => {
    if (!active) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [active]);
  useEffect(() => () => current.current?.dispose(), []);

  return {
    state,
    fileName: file?.name ?? null,
    start: (f) => void start(f),
    pause: () => current.current?.pause(),
    resume,
    cancel,
  };
}
