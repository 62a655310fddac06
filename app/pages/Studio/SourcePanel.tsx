/**
 * The "Video file" tab: where the video stands (processing progress live, ready, or why it failed), the
 * upload in progress, and the file picker for a first upload or a replacement.
 */
import type { VideoView } from '@reel/contracts';
import { useState } from 'preact/hooks';
import { Link } from '../../lib/router.tsx';
import { formatClock } from './format.ts';
import { failureInWords, statusLabel } from './status.ts';
import { ProgressBar, UploadProgress } from './UploadProgress.tsx';
import type { SourceUploadHandle } from './useSourceUpload.ts';

type Props = { video: VideoView; upload: SourceUploadHandle };

const ACCEPT = 'video/*,.mp4,.m4v,.mov,.mkv,.webm,.avi,.ts,.flv';

function FilePicker({ onFile, label }: { onFile: (file: File) => void; label: string }) {
  const [dragging, setDragging] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer?.files[0];
    if (file) onFile(file);
  };
  return (
    <label
      class={`dropzone${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <span class="dropzone-title">{label}</span>
      <span class="hint">Drag a file here or press to browse. MP4, MOV, MKV, WebM, AVI or TS.</span>
      <input
        type="file"
        accept={ACCEPT}
        class="visually-hidden"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) onFile(file);
          e.currentTarget.value = '';
        }}
      />
    </label>
  );
}

/** The server's side of the story; an upload running here tells the rest, so it hides stale states. */
function ServerStatus({ video, uploading }: { video: VideoView; uploading: boolean }) {
  if (uploading && video.status !== 'ready' && video.status !== 'processing') return null;
  switch (video.status) {
    case 'processing':
      return (
        <div class="status-card" data-testid="processing">
          <p class="status-title">{statusLabel(video)}</p>
          <ProgressBar label="Processing progress" percent={video.progress ?? 0} text={statusLabel(video)} />
          <p class="hint">
            Reel is building every quality level. You can leave this page; processing continues.
          </p>
        </div>
      );
    case 'ready':
      return (
        <div class="status-card ok" data-testid="ready">
          <p class="status-title">
            Ready{video.durationS === null ? '' : ` · ${formatClock(video.durationS)}`}
          </p>
          <p>
            <Link href={`/watch/${video.id}`}>Watch it on Reel</Link>
          </p>
        </div>
      );
    case 'failed':
      return (
        <div class="status-card bad" data-testid="failed" role="alert">
          <p class="status-title">Processing failed</p>
          {video.failureReason ? (
            <>
              <p>{failureInWords(video.failureReason)}</p>
              <p class="hint">
                Details: {video.failureReason.message} ({video.failureReason.code})
              </p>
            </>
          ) : (
            <p>Reel gave no reason. Upload the file again.</p>
          )}
        </div>
      );
    case 'uploading':
      return (
        <div class="status-card">
          <p class="status-title">Upload not finished</p>
          <p class="hint">Choose the same file again to continue from where it stopped.</p>
        </div>
      );
    default:
      return null;
  }
}

export function SourcePanel({ video, upload }: Props) {
  const [replacing, setReplacing] = useState(false);
  const phase = upload.state?.phase ?? null;
  const uploadRunning = phase !== null && phase !== 'complete' && phase !== 'refused';
  const hasSource = video.status === 'ready' || video.status === 'processing';
  // Once the server has taken the file over (processing), its status card tells the rest.
  const uploadDone = phase === 'complete' && video.status !== 'uploading' && video.status !== 'draft';
  const showPicker = !uploadRunning && (!hasSource || replacing);
  const pick = (file: File) => {
    setReplacing(false);
    upload.start(file);
  };
  return (
    <div class="panel-body">
      <ServerStatus video={video} uploading={uploadRunning} />
      {!uploadDone && <UploadProgress upload={upload} />}
      {showPicker && (
        <FilePicker
          onFile={pick}
          label={video.status === 'draft' ? 'Choose a video file to upload' : 'Choose a new video file'}
        />
      )}
      {hasSource && !uploadRunning && !replacing && (
        <div class="actions">
          <button type="button" onClick={() => setReplacing(true)}>
            Replace video file
          </button>
          {video.publishedAt !== null && (
            <span class="hint">The current version keeps playing until the new one is ready.</span>
          )}
        </div>
      )}
    </div>
  );
}
