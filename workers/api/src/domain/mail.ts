import type { Config } from '../config.ts';
import { type Db, schema } from '../db.ts';
import { newId } from '../ids.ts';

/** A plain-text message to one recipient. */
export type MailMessage = { to: string; subject: string; text: string };

/** Where outgoing mail goes; chosen once per request by `createMailer`. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** Development and test: mail is written to `outbox_emails` instead of leaving the machine. */
export class OutboxMailer implements Mailer {
  constructor(
    private readonly db: Db,
    private readonly now: number,
  ) {}

  async send(message: MailMessage): Promise<void> {
    await this.db.insert(schema.outboxEmails).values({
      id: newId(),
      to: message.to,
      subject: message.subject,
      body: message.text,
      createdAt: this.now,
    });
  }
}

export type HttpMailSettings = { url: string; apiKey: string; from: string };
export type Fetcher = (input: string, init: RequestInit) => Promise<Response>;

/**
 * Production: POSTs `{from, to: [address], subject, text}` as JSON with `Authorization: Bearer <key>`,
 * the shape of Resend's `POST /emails` (and of several compatible relays). A non-2xx answer throws.
 */
export class HttpMailer implements Mailer {
  constructor(
    private readonly settings: HttpMailSettings,
    // Wrapped so `fetch` is never called with this class as its receiver (workerd: Illegal invocation).
    private readonly fetcher: Fetcher = (input, init) => fetch(input, init),
  ) {}

  async send(message: MailMessage): Promise<void> {
    const res = await this.fetcher(this.settings.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.settings.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        from: this.settings.from,
        to: [message.to],
        subject: message.subject,
        text: message.text,
      }),
    });
    const answer = await res.text();
    if (!res.ok) throw new Error(`mail API answered ${res.status}: ${answer.slice(0, 200)}`);
  }
}

/** Production sends through the HTTP mail API; every other environment writes to the outbox table. */
export function createMailer(config: Config, db: Db, now: number): Mailer {
  if (config.ENVIRONMENT !== 'production') return new OutboxMailer(db, now);
  const { MAIL_API_URL: url, MAIL_API_KEY: apiKey, MAIL_FROM: from } = config;
  // readConfig already refuses a production config without these; this keeps the types honest.
  if (!url || !apiKey || !from)
    throw new Error('mail is not configured (MAIL_API_URL, MAIL_API_KEY, MAIL_FROM)');
  return new HttpMailer({ url, apiKey, from });
}
