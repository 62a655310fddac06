/** What a video's status and failure reasons mean, in words a creator understands (DESIGN.md statuses). */
import type { VideoSummary, VideoView } from '@reel/contracts';

export type VideoStatus = VideoSummary['status'];
export type FailureReason = NonNullable<VideoView['failureReason']>;

/**
 * A video whose status moves without the creator doing anything: the studio polls it. Not `uploading`:
 * only the browser that sends the bytes moves that one (and it polls while it does), while an abandoned
 * upload stays `uploading` until its target expires.
 */
export const isBusy = (status: VideoStatus): boolean => status === 'processing';

export function statusLabel(video: Pick<VideoSummary, 'status' | 'progress'>): string {
  switch (video.status) {
    case 'draft':
      return 'Draft: no video file yet';
    case 'uploading':
      return 'Uploading';
    case 'processing':
      return video.progress === null ? 'Processing' : `Processing ${video.progress}%`;
    case 'ready':
      return 'Ready';
    case 'failed':
      return 'Failed';
    case 'deleted':
      return 'Deleted';
  }
}

/**
 * The transcoder's failure codes (containers/transcoder/src/errors.ts) and the job queue's own, each with
 * what happened and what to do; unknown codes fall back to the server's message.
 */
const FAILURES: Record<string, string> = {
  unsupported_container: 'The file is not a video format Reel reads. Upload MP4, MOV, MKV, WebM, AVI or TS.',
  unsupported_source:
    'The video uses a codec or layout Reel cannot process. Export it as H.264 MP4 and retry.',
  corrupt_source: 'The file looks damaged or incomplete. Export it again and upload the new file.',
  empty_source: 'The file has no playable content.',
  no_video_stream: 'The file has no video track (is it an audio file?).',
  duration_too_long: 'The video is longer than Reel accepts.',
  resolution_too_large: 'The picture is larger than Reel accepts. Export it at 4K or below.',
  too_many_frames: 'The video has more frames than Reel accepts.',
  too_many_streams:
    'The file has more tracks than Reel accepts. Keep one video track and a few audio tracks.',
  ffmpeg_failed: 'Processing crashed several times. Try uploading the file again.',
  ffmpeg_timeout: 'Processing took too long. Try a shorter or smaller file.',
  invalid_subtitles: 'A subtitle track could not be read. Fix or remove it, then processing runs again.',
  packaging_failed: 'The processed video could not be packaged. Try uploading the file again.',
  attempts_exhausted: 'Processing stopped responding several times. Try uploading the file again.',
};

export function failureInWords(reason: FailureReason): string {
  return FAILURES[reason.code] ?? reason.message;
}

export const AGE_RATINGS = [
  { value: 0, label: 'All ages' },
  { value: 7, label: '7+' },
  { value: 12, label: '12+' },
  { value: 16, label: '16+' },
  { value: 18, label: '18+ (adults only)' },
] as const;

export const VISIBILITIES = [
  { value: 'private', label: 'Private', hint: 'Only you can watch it' },
  { value: 'unlisted', label: 'Unlisted', hint: 'Anyone with the link can watch it' },
  { value: 'public', label: 'Public', hint: 'Listed in the catalog for everyone' },
] as const;

export const PLANS = [
  { value: 'free', label: 'Free (everyone)' },
  { value: 'basic', label: 'Basic and above' },
  { value: 'standard', label: 'Standard and above' },
  { value: 'premium', label: 'Premium only' },
] as const;
