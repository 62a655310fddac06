/**
 * @reel/signing: HMAC signatures shared by the API worker and the Node transcoder (Web Crypto only).
 * Service requests are signed over method, path, timestamp, nonce and body hash (docs/JOBS.md).
 */
export { base64url, hex, hmacBase64url, sha256Hex, timingSafeEqual, utf8 } from './encoding.ts';
export {
  canonicalServiceRequest,
  MAX_SKEW_S,
  memoryNonceStore,
  type NonceStore,
  newNonce,
  SERVICE_HEADERS,
  type SignedParts,
  type SignInput,
  signServiceRequest,
  type VerifyFailure,
  type VerifyInput,
  type VerifyResult,
  verifyServiceRequest,
} from './service.ts';
export { newContentKey, unwrapContentKey, wrapContentKey } from './content-keys.ts';
export { decodeBase64url, type KeyRing, parseKeyRing } from './keyring.ts';
export {
  PlaybackClaims,
  playbackTokenExpiry,
  signPlaybackToken,
  TOKEN_LEEWAY_S,
  type TokenFailure,
  type TokenResult,
  verifyPlaybackToken,
} from './playback.ts';
