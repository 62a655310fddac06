/**
 * The "Subtitles" tab: the video's tracks (`GET /api/videos/{id}/subtitles`), adding one from an SRT or
 * WebVTT file (`POST`, replacing that language's track) and deleting one. A ready title is processed
 * again so the new tracks reach viewers; its current version keeps playing meanwhile.
 */
import type { SubtitleTrack } from '@reel/contracts';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiProblem, api } from '../../lib/api.ts';
import { SubtitleForm } from './SubtitleForm.tsx';

type Props = { videoId: string; onChanged: () => void };

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function TrackTable({ tracks, onDelete }: { tracks: SubtitleTrack[]; onDelete: (t: SubtitleTrack) => void }) {
  if (tracks.length === 0) return <p class="hint">No subtitles yet.</p>;
  return (
    <table class="studio-table compact">
      <caption class="visually-hidden">Subtitle tracks</caption>
      <thead>
        <tr>
          <th scope="col">Language</th>
          <th scope="col">Label</th>
          <th scope="col">Format</th>
          <th scope="col">Added</th>
          <th scope="col">
            <span class="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tracks.map((t) => (
          <tr key={t.language} data-testid="subtitle-row">
            <td>{t.language}</td>
            <td>{t.label}</td>
            <td>{t.format.toUpperCase()}</td>
            <td>{dateFormat.format(new Date(t.createdAt))}</td>
            <td>
              <button
                type="button"
                class="quiet"
                aria-label={`Delete ${t.label} subtitles`}
                onClick={() => onDelete(t)}
              >
                Delete
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SubtitlesPanel({ videoId, onChanged }: Props) {
  const [tracks, setTracks] = useState<SubtitleTrack[] | null>(null);
  const [notice, setNotice] = useState('');
  const load = useCallback(async () => {
    const r = await api<{ tracks: SubtitleTrack[] }>('GET', `/api/videos/${videoId}/subtitles`);
    setTracks(r.tracks);
  }, [videoId]);
  useEffect(() => {
    load().catch(() => setTracks([]));
  }, [load]);

  const changed = (message: string) => {
    setNotice(message);
    onChanged();
    void load();
  };
  const remove = async (t: SubtitleTrack) => {
    try {
      await api('DELETE', `/api/videos/${videoId}/subtitles/${encodeURIComponent(t.language)}`);
      changed(`${t.label} subtitles deleted.`);
    } catch (err) {
      setNotice(err instanceof ApiProblem ? err.detail : 'Could not delete the subtitles.');
    }
  };

  return (
    <div class="panel-body">
      {tracks === null ? (
        <p class="loading">Loading subtitles…</p>
      ) : (
        <TrackTable tracks={tracks} onDelete={(t) => void remove(t)} />
      )}
      <p class="notice" role="status" aria-live="polite">
        {notice}
      </p>
      <SubtitleForm
        videoId={videoId}
        onAdded={(track, retranscoding) =>
          changed(
            retranscoding
              ? `${track.label} subtitles added. Reel is preparing a version with them; the current one keeps playing.`
              : `${track.label} subtitles added.`,
          )
        }
      />
    </div>
  );
}
