import type { PlayerError } from '../../player/types.ts';
import {
  type Command,
  type EmbedPolicy,
  isAllowed,
  type MessageId,
  parseCommand,
  SOURCE,
  VERSION,
} from './bridge.ts';

type Result = Record<string, unknown>;
const MEDIA_EVENTS = ['play', 'pause', 'ended', 'timeupdate', 'loadedmetadata'] as const;
/** Native `timeupdate` fires 4–66 times a second depending on the browser; the parent gets at most 4. */
const TIMEUPDATE_EVERY_MS = 250;

const ERROR_TEXT: Partial<Record<PlayerError['kind'], string>> = {
  not_found: 'This video is not available',
  sign_in_required: 'This video needs a Reel account',
  geo_blocked: 'This video is not available in the viewer’s country',
};

/**
 * Connects the embedded `<video>` to the parent page (docs/EMBED.md). `parent` is the framing page's
 * origin when the browser tells us; otherwise the first command from an allowed origin names it.
 */
export class EmbedBridge {
  private target: string | null;
  private ready = false;
  private lastTick = 0;

  constructor(
    private readonly win: Window,
    private readonly video: HTMLVideoElement,
    private readonly videoId: string,
    private readonly policy: EmbedPolicy,
    private readonly parent: string | null,
  ) {
    this.target = parent && isAllowed(policy, parent) ? parent : null;
  }

  /** Starts listening; returns the function that stops. */
  attach(): () => void {
    this.win.addEventListener('message', this.onMessage);
    for (const e of MEDIA_EVENTS) this.video.addEventListener(e, this.onMedia);
    if (this.video.readyState >= HTMLMediaElement.HAVE_METADATA) this.announceReady();
    return () => {
      this.win.removeEventListener('message', this.onMessage);
      for (const e of MEDIA_EVENTS) this.video.removeEventListener(e, this.onMedia);
    };
  }

  /** The player stopped with an error screen: tell the parent why, in the stable codes of docs/EMBED.md. */
  error(error: PlayerError): void {
    this.post({ type: 'error', code: error.kind, message: ERROR_TEXT[error.kind] ?? 'Playback failed' });
  }

  private post(message: Result): void {
    if (this.target === null) return;
    this.win.parent.postMessage({ source: SOURCE, version: VERSION, ...message }, this.target);
  }

  private announceReady(): void {
    this.ready = true;
    this.post({ type: 'ready', videoId: this.videoId, ...this.position(), paused: this.video.paused });
  }

  private position() {
    const d = this.video.duration;
    return { currentTime: this.video.currentTime, duration: Number.isFinite(d) ? d : null };
  }

  private readonly onMedia = (e: Event) => {
    if (e.type === 'loadedmetadata') {
      if (!this.ready) this.announceReady();
      return;
    }
    if (e.type === 'timeupdate') {
      const now = performance.now();
      if (now - this.lastTick < TIMEUPDATE_EVERY_MS) return;
      this.lastTick = now;
    }
    this.post({ type: e.type, ...this.position() });
  };

  /** Only the window that framed us, at an allowed origin (and its real origin, when known). */
  private accepts(e: MessageEvent): boolean {
    if (e.source !== this.win.parent || this.win.parent === this.win) return false;
    if (!isAllowed(this.policy, e.origin)) return false;
    return this.parent === null || e.origin === this.parent;
  }

  private readonly onMessage = (e: MessageEvent) => {
    if (!this.accepts(e)) return;
    const parsed = parseCommand(e.data);
    if (!parsed) return;
    if (this.target === null) {
      this.target = e.origin;
      if (this.ready) this.announceReady();
    }
    if (!parsed.ok) {
      this.reply(parsed.id, parsed.type, { ok: false, error: parsed.error });
      return;
    }
    void this.run(parsed.command).then((result) => this.reply(parsed.id, parsed.command.type, result));
  };

  private reply(id: MessageId | undefined, command: string, result: Result): void {
    this.post({ type: 'reply', ...(id === undefined ? {} : { id }), command, ...result });
  }

  private async run(command: Command): Promise<Result> {
    const v = this.video;
    switch (command.type) {
      case 'play':
        return v.play().then(
          () => ({ ok: true }),
          (err: unknown) => ({ ok: false, error: 'play_refused', message: String(err) }),
        );
      case 'pause':
        v.pause();
        return { ok: true };
      case 'seek':
        v.currentTime = Number.isFinite(v.duration) ? Math.min(command.time, v.duration) : command.time;
        return { ok: true, currentTime: v.currentTime };
      case 'setVolume':
        v.volume = command.volume;
        v.muted = command.volume === 0;
        return { ok: true, volume: v.volume };
      case 'getCurrentTime':
        return { ok: true, ...this.position(), paused: v.paused };
    }
  }
}
