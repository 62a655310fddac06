import type { ChannelInput, ChannelPatch, ChannelView } from '@reel/contracts';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { type Db, schema } from '../db.ts';
import { ApiError, forbidden, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Auth, User } from '../types.ts';
import { isUniqueViolation } from './d1.ts';

const { channels } = schema;
export type ChannelRow = typeof channels.$inferSelect;

/** Owners act on their own resources; admins (users.role 'admin') on anything. */
export const mayManage = (auth: Auth, ownerId: string): boolean =>
  auth.user.role === 'admin' || auth.user.id === ownerId;

export const toChannelView = (c: ChannelRow): ChannelView => ({
  id: c.id,
  handle: c.handle,
  name: c.name,
  description: c.description,
  isDefault: c.isDefault,
  createdAt: new Date(c.createdAt).toISOString(),
});

const handleTaken = (handle: string) =>
  new ApiError(409, 'handle_taken', `The handle "${handle}" is already taken`);

/** Rows only exist on the default path when the owner has no default channel yet (one statement). */
const noDefaultYet = (ownerId: string) =>
  sql`NOT EXISTS (SELECT 1 FROM channels WHERE owner_id = ${ownerId} AND is_default = 1)`;

/**
 * Opens a channel for the caller. The first channel a user opens becomes their default (where videos
 * go when none is named). A taken handle is 409 `handle_taken`; the unique index decides races.
 */
export async function createChannel(db: Db, auth: Auth, input: ChannelInput, now: number) {
  try {
    const [row] = await db
      .insert(channels)
      .values({
        id: newId(),
        ownerId: auth.user.id,
        handle: input.handle,
        name: input.name,
        description: input.description ?? '',
        isDefault: sql`${noDefaultYet(auth.user.id)}`,
        createdAt: now,
      })
      .returning();
    if (!row) throw new Error('channel insert returned no row');
    return row;
  } catch (err) {
    if (isUniqueViolation(err, 'channels.handle')) throw handleTaken(input.handle);
    throw err;
  }
}

export async function findChannel(db: Db, id: string): Promise<ChannelRow | undefined> {
  const [row] = await db.select().from(channels).where(eq(channels.id, id)).limit(1);
  return row;
}

/** Every channel `ownerId` opened, the default first, then oldest first (the studio's channel list). */
export async function listOwnedChannels(db: Db, ownerId: string): Promise<ChannelRow[]> {
  return db
    .select()
    .from(channels)
    .where(eq(channels.ownerId, ownerId))
    .orderBy(desc(channels.isDefault), asc(channels.createdAt), asc(channels.id));
}

/** The channel if the caller may manage it: 404 when missing, 403 when it is someone else's. */
export async function channelForWrite(db: Db, auth: Auth, id: string): Promise<ChannelRow> {
  const channel = await findChannel(db, id);
  if (!channel) throw notFound('Channel');
  if (!mayManage(auth, channel.ownerId)) throw forbidden('This channel belongs to someone else');
  return channel;
}

export async function updateChannel(db: Db, channel: ChannelRow, patch: ChannelPatch): Promise<ChannelRow> {
  // drizzle skips undefined fields in `set`; an empty patch writes nothing.
  if (Object.values(patch).every((v) => v === undefined)) return channel;
  try {
    const [row] = await db.update(channels).set(patch).where(eq(channels.id, channel.id)).returning();
    return row ?? channel;
  } catch (err) {
    if (patch.handle && isUniqueViolation(err, 'channels.handle')) throw handleTaken(patch.handle);
    throw err;
  }
}

/** `Jane Doe!` → `jane-doe`: the readable part of a default channel's handle. */
export function handleStem(displayName: string): string {
  const stem = displayName
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 22)
    .replace(/-+$/, '');
  return stem.length >= 3 ? stem : `creator${stem ? `-${stem}` : ''}`;
}

const randomSuffix = () =>
  newId()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 6);

async function findDefault(db: Db, ownerId: string): Promise<ChannelRow | undefined> {
  const [row] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.ownerId, ownerId), eq(channels.isDefault, true)))
    .limit(1);
  return row;
}

/**
 * The user's default channel, created on first need (handle = display name + random suffix). The
 * insert is conditional in one statement, so two racing first uploads still make one default channel.
 */
export async function ensureDefaultChannel(db: Db, user: User, now: number): Promise<ChannelRow> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await findDefault(db, user.id);
    if (existing) return existing;
    const handle = `${handleStem(user.displayName)}-${randomSuffix()}`;
    try {
      await db.run(sql`
        INSERT INTO channels (id, owner_id, handle, name, description, is_default, created_at)
        SELECT ${newId()}, ${user.id}, ${handle}, ${user.displayName.slice(0, 100)}, '', 1, ${now}
        WHERE ${noDefaultYet(user.id)}`);
    } catch (err) {
      if (!isUniqueViolation(err, 'channels.handle')) throw err;
    }
  }
  const created = await findDefault(db, user.id);
  if (!created) throw new Error('could not create a default channel');
  return created;
}
