/** The live view of a source upload: bar, bytes and percent, speed and time left, and what went wrong. */
import { useEffect, useState } from 'preact/hooks';
import { formatBytes, formatEta } from './format.ts';
import type { SourceUploadHandle } from './useSourceUpload.ts';

type Props = { upload: SourceUploadHandle };

/** Re-renders every second while `on`, so a retry countdown counts down. */
function useTick(on: boolean): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!on) return;
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [on]);
}

export function ProgressBar(props: { label: string; percent: number; text: string; tone?: string }) {
  const percent = Math.max(0, Math.min(100, props.percent));
  return (
    <div
      class={`bar ${props.tone ?? ''}`}
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.floor(percent)}
      aria-valuetext={props.text}
    >
      <div class="bar-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}

/** The sentence under the bar: how fast, or why it is not moving. */
function statusLine(state: NonNullable<SourceUploadHandle['state']>, now: number): string {
  switch (state.phase) {
    case 'preparing':
      return 'Preparing the upload…';
    case 'uploading': {
      if (state.bytesPerSecond === null) return 'Uploading…';
      const eta = formatEta((state.total - state.sent) / Math.max(1, state.bytesPerSecond));
      return `${formatBytes(state.bytesPerSecond)}/s · ${eta}`;
    }
    case 'reconnecting': {
      if (state.offline)
        return 'Connection lost. The upload continues from where it stopped when you are back online.';
      const wait = Math.ceil((state.retryAt - now) / 1000);
      const when = wait > 0 ? `in ${wait} s` : 'now';
      return `Connection lost, retrying ${when} (attempt ${state.attempt})…`;
    }
    case 'paused':
      return 'Paused. Resume to continue from where it stopped.';
    case 'failed':
      return `The upload stopped: ${state.message}`;
    case 'refused':
      return state.message;
    case 'complete':
      return 'Upload complete. Processing starts in a moment.';
  }
}

export function UploadProgress({ upload }: Props) {
  const { state } = upload;
  useTick(state?.phase === 'reconnecting');
  if (!state) return null;
  const sent = 'sent' in state ? state.sent : state.phase === 'complete' ? state.total : 0;
  const total = 'total' in state ? state.total : 0;
  const percent = total > 0 ? (sent / total) * 100 : 0;
  const amounts = `${formatBytes(sent)} of ${formatBytes(total)} · ${Math.floor(percent)}%`;
  const trouble = state.phase === 'reconnecting' || state.phase === 'failed' || state.phase === 'refused';
  return (
    <div class={`upload-card phase-${state.phase}`} data-testid="upload-progress">
      <div class="upload-head">
        <strong class="file-name">{upload.fileName}</strong>
        {state.phase !== 'refused' && <span class="amounts">{amounts}</span>}
      </div>
      {state.phase !== 'refused' && (
        <ProgressBar label="Upload progress" percent={percent} text={amounts} tone={trouble ? 'warn' : ''} />
      )}
      <p class={`upload-status${trouble ? ' warn' : ''}`} role="status" aria-live="polite">
        {statusLine(state, Date.now())}
      </p>
      <div class="actions">
        {(state.phase === 'uploading' || state.phase === 'reconnecting') && (
          <button type="button" onClick={upload.pause}>
            Pause
          </button>
        )}
        {(state.phase === 'paused' || state.phase === 'failed') && (
          <button type="button" class="primary" onClick={upload.resume}>
            {state.phase === 'paused' ? 'Resume' : 'Try again'}
          </button>
        )}
        {state.phase !== 'complete' && state.phase !== 'refused' && (
          <button type="button" class="quiet" onClick={upload.cancel}>
            Cancel upload
          </button>
        )}
      </div>
    </div>
  );
}
