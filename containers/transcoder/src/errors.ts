/** Stable snake_case failure codes the API stores as `failureReason.code`. */
export type FailureCode =
  | 'unsupported_container'
  | 'unsupported_source'
  | 'corrupt_source'
  | 'empty_source'
  | 'no_video_stream'
  | 'duration_too_long'
  | 'resolution_too_large'
  | 'too_many_frames'
  | 'too_many_streams'
  | 'ffmpeg_failed'
  | 'ffmpeg_timeout'
  | 'invalid_subtitles'
  | 'packaging_failed';

/** The `{code, message}` a failed transcode reports; `retryable` tells the job queue whether to try again. */
export interface Failure {
  code: FailureCode;
  message: string;
}

/** Corrupt or unsupported sources fail at once; crashes and timeouts may retry (DESIGN.md "Transcode"). */
const RETRYABLE: ReadonlySet<FailureCode> = new Set(['ffmpeg_failed', 'ffmpeg_timeout', 'packaging_failed']);

/** Thrown by the transcoder's steps; `toFailure` turns anything thrown into a `Failure` value. */
export class TranscodeError extends Error {
  readonly code: FailureCode;

  constructor(code: FailureCode, message: string) {
    super(message);
    this.name = 'TranscodeError';
    this.code = code;
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}

/** Converts anything thrown into `{code, message}`; unknown errors become a retryable `ffmpeg_failed`. */
export function toFailure(error: unknown): Failure & { retryable: boolean } {
  if (error instanceof TranscodeError) {
    return { code: error.code, message: error.message, retryable: error.retryable };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'ffmpeg_failed', message, retryable: true };
}
