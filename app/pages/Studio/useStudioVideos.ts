/**
 * The signed-in creator's channels (`GET /api/channels`) and the videos of the chosen one, newest first
 * (`GET /api/channels/{id}/videos`, every status for the owner). Videos being processed are re-read every
 * few seconds, and failed ones once, so the list shows live progress and failure reasons.
 */
import type { ChannelView, VideoPage, VideoView } from '@reel/contracts';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../lib/api.ts';
import { problemToErrors } from './forms.tsx';
import { isBusy } from './status.ts';
import type { Row } from './VideoTable.tsx';

const LIST_POLL_MS = 3000;
const PAGE = 50;

export type StudioVideos = {
  channels: ChannelView[] | null;
  channelId: string | null;
  setChannelId: (id: string) => void;
  videos: Row[] | null;
  nextCursor: string | null;
  error: string;
  loadMore: () => void;
};

const fetchView = (id: string) => api<{ video: VideoView }>('GET', `/api/videos/${id}`).then((r) => r.video);

/** Replaces the rows whose full view was fetched (deleted ones drop out). */
function merge(rows: Row[], views: VideoView[]): Row[] {
  const byId = new Map(views.map((v) => [v.id, v]));
  return rows.map((r) => byId.get(r.id) ?? r).filter((r) => r.status !== 'deleted');
}

function useChannels(setError: (m: string) => void) {
  const [channels, setChannels] = useState<ChannelView[] | null>(null);
  const [channelId, setChannelId] = useState<string | null>(null);
  useEffect(() => {
    api<{ channels: ChannelView[] }>('GET', '/api/channels')
      .then((r) => {
        setChannels(r.channels);
        setChannelId(r.channels[0]?.id ?? null);
      })
      .catch((err) => setError(problemToErrors(err).message));
  }, [setError]);
  return { channels, channelId, setChannelId };
}

export function useStudioVideos(): StudioVideos {
  const [error, setError] = useState('');
  const { channels, channelId, setChannelId } = useChannels(setError);
  const [videos, setVideos] = useState<Row[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const rows = useRef<Row[]>([]);
  rows.current = videos ?? [];

  const detail = useCallback(async (wanted: (r: Row) => boolean) => {
    const ids = rows.current.filter(wanted).map((r) => r.id);
    if (ids.length === 0) return;
    const views = await Promise.all(ids.map((id) => fetchView(id).catch(() => null)));
    setVideos(
      (prev) =>
        prev &&
        merge(
          prev,
          views.filter((v): v is VideoView => v !== null),
        ),
    );
  }, []);

  const loadPage = useCallback(
    async (cursor: string | null) => {
      if (!channelId) return;
      const query = `limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      try {
        const page = await api<VideoPage>('GET', `/api/channels/${channelId}/videos?${query}`);
        const fresh = page.items.filter((v) => v.status !== 'deleted');
        setVideos((prev) => (cursor && prev ? [...prev, ...fresh] : fresh));
        setNextCursor(page.nextCursor);
        rows.current = cursor ? [...rows.current, ...fresh] : fresh;
        await detail((r) => r.status === 'failed' && !('failureReason' in r));
      } catch (err) {
        setError(problemToErrors(err).message);
      }
    },
    [channelId, detail],
  );

  useEffect(() => {
    if (channels && !channelId) setVideos([]);
    else void loadPage(null);
  }, [channels, channelId, loadPage]);

  const busy = (videos ?? []).some((v) => isBusy(v.status));
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => {
      if (!document.hidden) void detail((r) => isBusy(r.status));
    }, LIST_POLL_MS);
    return () => clearInterval(timer);
  }, [busy, detail]);

  return {
    channels,
    channelId,
    setChannelId,
    videos,
    nextCursor,
    error,
    loadMore: () => void loadPage(nextCursor),
  };
}
