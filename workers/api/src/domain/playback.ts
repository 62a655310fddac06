/**
 * Playback sessions: start (entitlement → stream lease → session row → signed token), heartbeat and end
 * (DESIGN.md "Playback and enforcement", "Concurrent streams"; docs/PLAYBACK.md).
 */
import {
  DEVICE_CLASSES,
  type PlaybackGrant,
  type PlaybackInput,
  type PlaybackPolicy,
  PROTECTION_LEVELS,
  VIDEO_CODECS,
} from '@reel/contracts';
import { type KeyRing, type PlaybackClaims, playbackTokenExpiry, signPlaybackToken } from '@reel/signing';
import { and, eq, isNull } from 'drizzle-orm';
import { type Db, schema } from '../db.ts';
import { ApiError, notFound } from '../errors.ts';
import { randomToken } from '../ids.ts';
import type { StreamLimiter } from '../objects/stream-limiter.ts';
import { HEARTBEAT_S } from '../objects/stream-limiter.ts';
import type { Auth } from '../types.ts';
import { checkEntitlement, policyFor } from './entitlement.ts';
import { loadTitle, planOf } from './playback-facts.ts';
import { deviceLabelFrom } from './sessions.ts';

export interface PlaybackDeps {
  db: Db;
  limiters: DurableObjectNamespace<StreamLimiter>;
  ring: KeyRing;
  mediaBaseUrl: string;
  now: number;
}

export interface StartRequest {
  videoId: string;
  auth: Auth | null;
  hints: PlaybackInput;
  userAgent: string | undefined;
  /** `request.cf.country`: set by Cloudflare's edge, never by a client header. */
  country: string | undefined;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The attempt folder name inside `videos/{id}/a/{attemptId}/`: the token's asset version. */
export const assetVersionOf = (prefix: string): string => prefix.split('/').at(-2) ?? '';

/** Compact claims: enums as indexes, codecs as a bitmask (packages/signing PlaybackClaims). */
export function toClaims(
  base: { videoId: string; assetVersion: string; sessionId: string; nowS: number; expS: number },
  policy: PlaybackPolicy,
): PlaybackClaims {
  return {
    sub: base.videoId,
    av: base.assetVersion,
    sid: base.sessionId,
    iat: base.nowS,
    nbf: base.nowS,
    exp: base.expS,
    ms: policy.maxShortSide,
    pl: PROTECTION_LEVELS.indexOf(policy.protection),
    dc: DEVICE_CLASSES.indexOf(policy.deviceClass),
    cs: policy.codecs.reduce((mask, c) => mask | (1 << VIDEO_CODECS.indexOf(c)), 0),
    ds: policy.dataSaver ? 1 : 0,
    en: policy.encrypted ? 1 : 0,
  };
}

/** Takes a stream slot for a signed-in account; 429 `too_many_streams` lists the devices holding them. */
async function leaseStream(
  deps: PlaybackDeps,
  userId: string,
  lease: { sessionId: string; deviceLabel: string; videoId: string },
  limit: number,
): Promise<void> {
  const limiter = deps.limiters.getByName(userId);
  const result = await limiter.acquire({ ...lease, startedAt: deps.now }, limit, deps.now);
  if (result.ok) return;
  const devices = result.devices.map((d) => ({
    sessionId: d.sessionId,
    deviceLabel: d.deviceLabel,
    videoId: d.videoId,
    startedAt: iso(d.startedAt),
    lastSeenAt: iso(d.lastSeenAt),
  }));
  throw new ApiError(
    429,
    'too_many_streams',
    `Your plan allows ${limit} stream${limit === 1 ? '' : 's'} at a time; end one to start this`,
    { limit, devices },
  );
}

/** Checks entitlement, takes a stream slot, records the session and signs the token. */
export async function startPlayback(deps: PlaybackDeps, req: StartRequest): Promise<PlaybackGrant> {
  const title = await loadTitle(deps.db, req.videoId);
  if (!title) throw notFound('Video');
  const plan = await planOf(deps.db, req.auth?.user.id ?? null, deps.now);
  const { privileged, asset } = checkEntitlement(title, req.auth, plan, req.country);
  const policy = policyFor(title, plan, privileged, req.hints, req.userAgent);
  const sessionId = randomToken(16);
  const deviceLabel = deviceLabelFrom(req.userAgent, req.hints.deviceLabel);
  if (req.auth) {
    const lease = { sessionId, deviceLabel, videoId: title.videoId };
    await leaseStream(deps, req.auth.user.id, lease, plan.maxConcurrentStreams);
  }
  const nowS = Math.floor(deps.now / 1000);
  const expS = playbackTokenExpiry(nowS, title.durationS);
  await deps.db.insert(schema.playbackSessions).values({
    id: sessionId,
    videoId: title.videoId,
    assetId: asset.id,
    userId: req.auth?.user.id ?? null,
    authSessionId: req.auth?.session.id ?? null,
    privileged,
    deviceLabel,
    createdAt: deps.now,
    expiresAt: expS * 1000,
  });
  const base = { videoId: title.videoId, assetVersion: assetVersionOf(asset.prefix), sessionId, nowS, expS };
  const token = await signPlaybackToken(toClaims(base, policy), deps.ring);
  return {
    manifestUrl: `${deps.mediaBaseUrl}/${token}/master.m3u8`,
    dashUrl: policy.encrypted ? null : `${deps.mediaBaseUrl}/${token}/manifest.mpd`,
    expiresAt: iso(expS * 1000),
    sessionId,
    heartbeatS: HEARTBEAT_S,
    policy,
  };
}

async function liveSession(deps: PlaybackDeps, sessionId: string) {
  const [row] = await deps.db
    .select()
    .from(schema.playbackSessions)
    .where(eq(schema.playbackSessions.id, sessionId))
    .limit(1);
  if (!row) throw notFound('Playback session');
  return row;
}

async function loginAlive(db: Db, authSessionId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: schema.sessions.id })
    .from(schema.sessions)
    .where(eq(schema.sessions.id, authSessionId))
    .limit(1);
  return row !== undefined;
}

const evicted = () =>
  new ApiError(
    409,
    'stream_evicted',
    'This stream was ended (from another device, or it went quiet too long)',
  );

/** Renews the stream lease; 409 `stream_evicted` once the lease or the session is gone. */
export async function heartbeatPlayback(deps: PlaybackDeps, sessionId: string): Promise<void> {
  const row = await liveSession(deps, sessionId);
  if (row.revokedAt !== null || row.expiresAt <= deps.now) throw evicted();
  if (row.userId === null) return;
  const limiter = deps.limiters.getByName(row.userId);
  // Signed out (everywhere) since: the slot goes back, as the token already stopped getting playlists.
  if (row.authSessionId !== null && !(await loginAlive(deps.db, row.authSessionId))) {
    await limiter.release(sessionId);
    throw evicted();
  }
  if (!(await limiter.heartbeat(sessionId, deps.now))) throw evicted();
}

/**
 * Ends a playback: releases its stream slot and revokes the session, so its token gets no new playlist or
 * key. The session id is the capability (128 random bits, known only to the player and its account).
 */
export async function endPlayback(deps: PlaybackDeps, sessionId: string): Promise<void> {
  const row = await liveSession(deps, sessionId);
  await deps.db
    .update(schema.playbackSessions)
    .set({ revokedAt: deps.now })
    .where(and(eq(schema.playbackSessions.id, sessionId), isNull(schema.playbackSessions.revokedAt)));
  if (row.userId !== null) {
    await deps.limiters.getByName(row.userId).release(sessionId);
  }
}
