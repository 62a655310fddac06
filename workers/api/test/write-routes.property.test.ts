/**
 * Property tests over EVERY write route, discovered from /api/openapi.json (so a new route is covered
 * the day it is added): invalid bodies never produce a 5xx and change nothing; any request a user makes
 * against another user's resources changes none of that user's rows.
 */
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../src/domain/sessions.ts';
import { createDb } from '../src/db.ts';
import { call, callJson, makeUser } from './helpers.ts';

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
};
type Operation = { method: string; path: string; body: JsonSchema | null; authenticated: boolean };
type OpenApi = {
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema: JsonSchema }> } }>
  >;
  components?: { schemas?: Record<string, JsonSchema> };
};

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];
/** Routes a signed-out client uses; they act on no one's existing resources. */
const PUBLIC_WRITES = /\/api\/auth\/(signup|login|password-reset)/;
const IGNORED_TABLES = new Set(['rate_limits', 'd1_migrations']);

async function writeOperations(): Promise<Operation[]> {
  const doc = await callJson<OpenApi>('GET', '/api/openapi.json', 200);
  const resolve = (s: JsonSchema): JsonSchema =>
    s.$ref ? resolve(doc.components?.schemas?.[s.$ref.split('/').pop() ?? ''] ?? {}) : s;
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => WRITE_METHODS.includes(method))
      .map(([method, op]) => {
        const schema = op.requestBody?.content?.['application/json']?.schema;
        return {
          method: method.toUpperCase(),
          path,
          body: schema ? resolve(schema) : null,
          authenticated: !PUBLIC_WRITES.test(path),
        };
      }),
  );
}

/** A JSON value of a type the schema does not allow at that place. */
const wrongTypeFor = (s: JsonSchema) => {
  const types = [s.type ?? []].flat();
  const candidates: [string, fc.Arbitrary<unknown>][] = [
    ['string', fc.string()],
    ['number', fc.double({ noNaN: true })],
    ['integer', fc.integer()],
    ['boolean', fc.boolean()],
    ['array', fc.array(fc.integer(), { maxLength: 3 })],
    ['object', fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 })],
  ];
  const allowed = (t: string) =>
    types.includes(t) ||
    (t === 'integer' && types.includes('number')) ||
    (t === 'number' && types.includes('integer'));
  const wrong = candidates.filter(([t]) => types.length > 0 && !allowed(t)).map(([, a]) => a);
  return wrong.length ? fc.oneof(...wrong) : fc.constant(undefined);
};

/** Bodies that cannot satisfy `schema`: malformed JSON, non-objects, a missing required field, a wrong type. */
function invalidBody(schema: JsonSchema): fc.Arbitrary<string> {
  const props = Object.entries(schema.properties ?? {}).filter(([, p]) => p.type !== undefined);
  const variants: fc.Arbitrary<string>[] = [
    fc.constantFrom('{', '{"a":', 'not json', '[1,'),
    fc
      .oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.integer()))
      .map((v) => JSON.stringify(v)),
  ];
  const required = schema.required ?? [];
  if (required.length) {
    variants.push(
      fc
        .dictionary(
          fc.string({ maxLength: 8 }).filter((k) => !required.includes(k)),
          fc.jsonValue(),
          { maxKeys: 4 },
        )
        .map((o) => JSON.stringify(o)),
    );
  }
  if (props.length) {
    variants.push(
      fc.constantFrom(...props).chain(([name, p]) =>
        wrongTypeFor(p)
          .filter((v) => v !== undefined)
          .map((v) => JSON.stringify({ [name]: v })),
      ),
    );
  }
  return fc.oneof(...variants);
}

async function tables(): Promise<string[]> {
  const r = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  ).all<{ name: string }>();
  return r.results.map((t) => t.name).filter((t) => !IGNORED_TABLES.has(t));
}

type Row = Record<string, unknown>;

/** Every row of every table, except `last_seen_at` (refreshed by reads). */
async function snapshot(): Promise<Map<string, Row[]>> {
  const out = new Map<string, Row[]>();
  for (const t of await tables()) {
    const r = await env.DB.prepare(`SELECT * FROM "${t}"`).all<Row>();
    out.set(
      t,
      r.results.map(({ last_seen_at: _ignored, ...rest }) => rest),
    );
  }
  return out;
}

/** Ids reachable from `seed` through any row that mentions an owned value (user → profiles, channels → videos …). */
function ownedIds(snap: Map<string, Row[]>, seed: string): Set<string> {
  const owned = new Set([seed]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const rows of snap.values()) {
      for (const row of rows) {
        const id = row.id;
        if (
          typeof id === 'string' &&
          !owned.has(id) &&
          Object.values(row).some((v) => typeof v === 'string' && owned.has(v))
        ) {
          owned.add(id);
          grew = true;
        }
      }
    }
  }
  return owned;
}

/** Serialised rows that mention none of `owned`: everything that belongs to someone else. */
function othersRows(snap: Map<string, Row[]>, owned: Set<string>): string[] {
  return [...snap.entries()]
    .flatMap(([t, rows]) =>
      rows
        .filter((r) => !Object.values(r).some((v) => typeof v === 'string' && owned.has(v)))
        .map((r) => `${t}:${JSON.stringify(r)}`),
    )
    .sort();
}

describe('every write route (from the OpenAPI document)', () => {
  let operations: Operation[];
  let attacker: Awaited<ReturnType<typeof makeUser>>;
  let victimIds: string[];

  beforeAll(async () => {
    operations = await writeOperations();
    attacker = await makeUser('creator');
    await env.DB.prepare('UPDATE sessions SET active_profile_id = ? WHERE id = ?')
      .bind(attacker.profileId, attacker.sessionId)
      .run();
    const victim = await makeUser('creator');
    const { video } = await callJson<{ video: { id: string; channelId: string } }>(
      'POST',
      '/api/videos',
      201,
      { token: victim.token, body: { title: 'Victim video', ageRating: 0 } },
    );
    await env.DB.prepare(
      "UPDATE videos SET status = 'ready', visibility = 'public', published_at = ? WHERE id = ?",
    )
      .bind(Date.now(), video.id)
      .run();
    victimIds = [victim.user.id, victim.profileId, victim.sessionId, video.id, video.channelId];
  });

  /** The attacker's token, re-issued when a run signed them out (logout-all is a valid write on oneself). */
  async function attackerToken(): Promise<string> {
    const alive = await env.DB.prepare('SELECT 1 FROM sessions WHERE id = ?')
      .bind(attacker.sessionId)
      .first();
    if (!alive) {
      const { token, session } = await createSession(createDb(env.DB), env.AUTH_PEPPER, {
        userId: attacker.user.id,
        deviceLabel: 'vitest',
        now: Date.now(),
      });
      Object.assign(attacker, { token, sessionId: session.id });
    }
    await env.DB.prepare('DELETE FROM rate_limits').run();
    return attacker.token;
  }

  const concretePath = (template: string, id: string) =>
    template.replace(/\{[^}]+\}/g, encodeURIComponent(id));

  it('discovers the write routes of every resource', () => {
    const paths = operations.map((o) => `${o.method} ${o.path}`);
    for (const expected of [
      'POST /api/auth/signup',
      'POST /api/videos',
      'PATCH /api/videos/{id}',
      'POST /api/profiles',
      'POST /api/channels',
    ]) {
      expect(paths).toContain(expected);
    }
  });

  it('invalid bodies never produce a 5xx and change nothing', async () => {
    const withBody = operations.filter((o) => o.body);
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...withBody)
          .chain((op) =>
            fc.tuple(
              fc.constant(op),
              invalidBody(op.body ?? {}),
              fc.constantFrom(...victimIds, 'x', 'AAAAAAAAAAAAAAAA'),
            ),
          ),
        async ([op, body, id]) => {
          const token = op.authenticated ? await attackerToken() : undefined;
          const before = await snapshot();
          const res = await call(op.method, concretePath(op.path, id), {
            token,
            body,
            headers: { 'cf-connecting-ip': '203.0.113.9' },
          });
          expect(
            res.status,
            `${op.method} ${op.path} ${body}: ${await res.clone().text()}`,
          ).toBeGreaterThanOrEqual(400);
          expect(res.status, `${op.method} ${op.path} ${body}`).toBeLessThan(500);
          expect(await snapshot()).toEqual(before);
        },
      ),
      { numRuns: 150 },
    );
  }, 180_000);

  it("any authenticated write aimed at another user's resources leaves that user's rows untouched", async () => {
    const authed = operations.filter((o) => o.authenticated && o.path.includes('{'));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...authed),
        fc.constantFrom(...victimIds),
        fc.jsonValue({ maxDepth: 2 }),
        async (op, id, body) => {
          const token = await attackerToken();
          const before = await snapshot();
          const res = await call(op.method, concretePath(op.path, id), { token, body: JSON.stringify(body) });
          expect(res.status, `${op.method} ${op.path}`).toBeLessThan(500);
          const after = await snapshot();
          const owned = ownedIds(after, attacker.user.id);
          expect(othersRows(after, owned)).toEqual(othersRows(before, owned));
        },
      ),
      { numRuns: 150 },
    );
  }, 180_000);
});
