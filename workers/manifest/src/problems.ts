import { problemJson } from '@reel/contracts';
import type { TokenFailure } from '@reel/signing';
import { withCors } from './delivery/index.ts';

/** A problem+json answer a player on another origin can read (CORS on errors too). */
export const mediaProblem = (status: number, code: string, detail: string, instance: string): Response =>
  withCors(problemJson({ status, code, detail, instance }));

/** Stable codes for each way a token fails (docs/PLAYBACK.md); players re-request playback on token_expired. */
export const TOKEN_PROBLEMS: Record<TokenFailure, { code: string; detail: string }> = {
  malformed: { code: 'token_malformed', detail: 'The playback token is not a well-formed token' },
  bad_alg: { code: 'token_algorithm', detail: 'The playback token uses an algorithm other than HS256' },
  unknown_key: { code: 'token_unknown_key', detail: 'The playback token names a signing key we do not have' },
  bad_signature: { code: 'token_invalid', detail: 'The playback token signature does not match' },
  expired: { code: 'token_expired', detail: 'The playback token has expired; request playback again' },
  not_yet_valid: { code: 'token_not_yet_valid', detail: 'The playback token is not valid yet' },
};
