/** The studio's list of a channel's videos: thumbnail, title, status with progress or reason, audience. */
import type { VideoSummary, VideoView } from '@reel/contracts';
import { Link } from '../../lib/router.tsx';
import { formatClock } from './format.ts';
import { failureInWords, statusLabel, VISIBILITIES } from './status.ts';
import { ProgressBar } from './UploadProgress.tsx';

/** A summary, or the full view when a poll fetched one (it carries the failure reason). */
export type Row = VideoSummary | VideoView;

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function Thumbnail({ video }: { video: Row }) {
  if (video.posterUrl) return <img class="thumb" src={video.posterUrl} alt="" loading="lazy" />;
  return (
    <div class={`thumb placeholder status-${video.status}`} aria-hidden="true">
      {video.status === 'ready' ? '▶' : video.status === 'failed' ? '!' : '…'}
    </div>
  );
}

function StatusCell({ video }: { video: Row }) {
  const reason = 'failureReason' in video ? video.failureReason : null;
  return (
    <td class="status-cell">
      <span class={`badge status-${video.status}`}>{statusLabel(video)}</span>
      {video.status === 'processing' && (
        <ProgressBar
          label={`Processing ${video.title}`}
          percent={video.progress ?? 0}
          text={statusLabel(video)}
        />
      )}
      {video.status === 'failed' && reason && <p class="reason">{failureInWords(reason)}</p>}
    </td>
  );
}

function VideoRow({ video }: { video: Row }) {
  const visibility = VISIBILITIES.find((v) => v.value === video.visibility);
  return (
    <tr data-testid="studio-row" data-video-id={video.id}>
      <td class="video-cell">
        <Link href={`/studio/${video.id}`} class="video-link">
          <Thumbnail video={video} />
          <span>
            <strong>{video.title}</strong>
            {video.durationS !== null && <small class="hint">{formatClock(video.durationS)}</small>}
          </span>
        </Link>
      </td>
      <StatusCell video={video} />
      <td>{visibility?.label ?? video.visibility}</td>
      <td>{dateFormat.format(new Date(video.createdAt))}</td>
    </tr>
  );
}

export function VideoTable({ videos }: { videos: Row[] }) {
  return (
    <table class="studio-table">
      <caption class="visually-hidden">Your videos, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Video</th>
          <th scope="col">Status</th>
          <th scope="col">Visibility</th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        {videos.map((v) => (
          <VideoRow key={v.id} video={v} />
        ))}
      </tbody>
    </table>
  );
}
