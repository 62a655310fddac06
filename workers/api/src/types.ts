import type { Config } from './config.ts';
import type { Db } from './db.ts';
import type { schema } from './db.ts';

export type User = typeof schema.users.$inferSelect;
export type Session = typeof schema.sessions.$inferSelect;
export type Profile = typeof schema.profiles.$inferSelect;

/** Who is asking: resolved once per request by the session middleware. */
export type Auth = {
  user: User;
  session: Session;
  profile: Profile | null;
  /** How the request authenticated: cookie-authenticated unsafe requests are Origin-checked. */
  via: 'cookie' | 'bearer';
};

export type AppEnv = {
  Bindings: Env;
  Variables: {
    requestId: string;
    now: number;
    config: Config;
    db: Db;
    auth: Auth | null;
  };
};
