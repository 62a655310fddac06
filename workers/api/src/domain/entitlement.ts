/**
 * Who may play a title, and with which policy (DESIGN.md "Playback and enforcement"; docs/PLAYBACK.md). Pure:
 * every fact comes from the server (D1 rows, `request.cf`); client hints may only lower the caps.
 */
import {
  DATA_SAVER_MAX_SHORT_SIDE,
  type DeviceClass,
  type PlaybackInput,
  type PlaybackPolicy,
  SOFTWARE_MAX_SHORT_SIDE,
  type VideoCodec,
} from '@reel/contracts';
import { ApiError, notFound } from '../errors.ts';
import type { Auth } from '../types.ts';
import { mayManage } from './channels.ts';
import { mayViewRating } from './viewer.ts';

/** What D1 says about the title being started. */
export interface TitleFacts {
  videoId: string;
  ownerId: string;
  status: string;
  deletedAt: number | null;
  visibility: 'public' | 'unlisted' | 'private';
  ageRating: number;
  minimumPlanRank: number;
  minimumPlanId: string;
  allowedCountries: string[];
  protected: boolean;
  /** The published asset: its id and R2 prefix `videos/{id}/a/{attemptId}/`. */
  asset: { id: string; prefix: string } | null;
}

export interface PlanFacts {
  rank: number;
  maxShortSide: number;
  maxConcurrentStreams: number;
}

/** Owners and admins preview at any size: the plan cap exists for viewers. */
const UNCAPPED_SHORT_SIDE = 4320;

export interface Entitlement {
  /** Owner or admin: may play private titles and is not capped by the plan. */
  privileged: boolean;
  asset: { id: string; prefix: string };
}

/** Refuses with the code a player can explain to a person; returns what the grant is based on. */
export function checkEntitlement(
  title: TitleFacts,
  auth: Auth | null,
  plan: PlanFacts,
  country: string | undefined,
): Entitlement {
  const privileged = auth !== null && mayManage(auth, title.ownerId);
  const visible = title.status === 'ready' && title.deletedAt === null && title.visibility !== 'private';
  // Private, deleted or unfinished titles do not exist for anyone but their owner (no existence leak).
  if (!privileged && !visible) throw notFound('Video');
  if (!privileged && !mayViewRating(auth, title.ageRating)) {
    if (auth === null) throw new ApiError(401, 'sign_in_required', 'Sign in to watch this title');
    throw new ApiError(403, 'age_restricted', 'This title is rated above what this profile may watch');
  }
  if (title.status !== 'ready' || title.deletedAt !== null || title.asset === null) {
    throw new ApiError(409, 'not_ready', `This video is ${title.status}; it plays once it is ready`);
  }
  if (!privileged && plan.rank < title.minimumPlanRank) {
    if (auth === null) throw new ApiError(401, 'sign_in_required', 'Sign in to watch this title');
    throw new ApiError(403, 'plan_required', `This title needs the ${title.minimumPlanId} plan or higher`, {
      requiredPlan: title.minimumPlanId,
    });
  }
  if (title.allowedCountries.length > 0 && !(country && title.allowedCountries.includes(country))) {
    throw new ApiError(403, 'geo_blocked', 'This title is not available in your country', {
      country: country ?? null,
    });
  }
  return { privileged, asset: title.asset };
}

/** hls.js and Safari on phones: a hint of the device class when the client sends none. */
export const deviceClassFrom = (userAgent: string | undefined): DeviceClass =>
  /Mobi|Android|iPhone|iPad/.test(userAgent ?? '') ? 'mobile' : 'desktop';

/**
 * The policy the token carries. Caps: the plan (unless privileged), data saver 480, software protection 720 on
 * protected titles; hints only lower them. Codecs default to H.264, which every device decodes.
 */
export function policyFor(
  title: Pick<TitleFacts, 'protected'>,
  plan: PlanFacts,
  privileged: boolean,
  hints: PlaybackInput,
  userAgent: string | undefined,
): PlaybackPolicy {
  const caps = [privileged ? UNCAPPED_SHORT_SIDE : plan.maxShortSide];
  const dataSaver = hints.dataSaver ?? false;
  if (dataSaver) caps.push(DATA_SAVER_MAX_SHORT_SIDE);
  // Every playback is `software` until a DRM licence exchange exists (DESIGN.md "Protection").
  if (title.protected) caps.push(SOFTWARE_MAX_SHORT_SIDE);
  if (hints.maxShortSide !== undefined) caps.push(hints.maxShortSide);
  return {
    maxShortSide: Math.min(...caps),
    protection: 'software',
    deviceClass: hints.deviceClass ?? deviceClassFrom(userAgent),
    codecs: [...new Set<VideoCodec>(hints.codecs ?? ['h264'])],
    dataSaver,
    encrypted: title.protected,
  };
}
