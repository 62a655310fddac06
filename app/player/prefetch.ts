/**
 * The master playlist of the watch page's first start, fetched the moment its grant arrives
 * (early-start.ts) instead of once the page, the player and hls.js are running, and handed to hls.js once
 * by its playlist loader. The request then overlaps the page's rendering, which takes one round trip off
 * time to first frame (docs/BENCHMARKS.md "Viewer app"). A refusal or a network error is not kept: hls.js
 * then asks itself, so its own error handling applies.
 */
import type Hls from 'hls.js';
import type {
  HlsConfig,
  Loader,
  LoaderCallbacks,
  LoaderConfiguration,
  LoaderContext,
  PlaylistLoaderConstructor,
  PlaylistLoaderContext,
} from 'hls.js';

let pending: { url: string; text: Promise<string | null> } | null = null;

/** Fetches `url` (a master playlist) for the next `load` of that URL. */
export function prefetchPlaylist(url: string): void {
  const text = fetch(url).then(
    (res) => (res.ok ? res.text() : null),
    () => null,
  );
  pending = { url, text };
}

/** hls.js adds CMCD to every request's query (CTA-5004 §3.2, query mode); the prefetch has none. */
function withoutCmcd(url: string): string {
  const u = new URL(url, location.href);
  u.searchParams.delete('CMCD');
  return u.href;
}

/** The prefetched text of `url` (once), or null when it was not prefetched. */
export function takePrefetched(url: string): Promise<string | null> | null {
  if (!pending || withoutCmcd(pending.url) !== withoutCmcd(url)) return null;
  const { text } = pending;
  pending = null;
  return text;
}

/**
 * hls.js's own loader for playlists, except that a prefetched master is answered from memory. Wrapping
 * (not subclassing) keeps hls.js's loader as it is for everything else.
 */
export function prefetchingPlaylistLoader(HlsCtor: typeof Hls): PlaylistLoaderConstructor {
  const Inner = HlsCtor.DefaultConfig.loader;
  return class PrefetchingPlaylistLoader implements Loader<PlaylistLoaderContext> {
    private readonly inner: Loader<LoaderContext>;
    private cancelled = false;
    context: PlaylistLoaderContext | null = null;

    constructor(config: HlsConfig) {
      this.inner = new Inner(config);
    }

    get stats() {
      return this.inner.stats;
    }

    load(
      context: PlaylistLoaderContext,
      config: LoaderConfiguration,
      callbacks: LoaderCallbacks<PlaylistLoaderContext>,
    ): void {
      this.context = context;
      const early = context.type === 'manifest' ? takePrefetched(context.url) : null;
      // The inner loader only ever hands back the context it was given, so its callbacks are ours.
      const loadInner = () =>
        this.inner.load(context, config, callbacks as unknown as LoaderCallbacks<LoaderContext>);
      if (!early) {
        loadInner();
        return;
      }
      void early.then((text) => {
        if (this.cancelled) return;
        if (text === null) {
          loadInner();
          return;
        }
        const now = performance.now();
        const { stats } = this.inner;
        stats.loading.start = stats.loading.first = stats.loading.end = now;
        stats.loaded = stats.total = text.length;
        callbacks.onSuccess({ url: context.url, data: text }, stats, context, null);
      });
    }

    abort(): void {
      this.cancelled = true;
      this.inner.abort();
    }

    destroy(): void {
      this.cancelled = true;
      this.inner.destroy();
    }

    getCacheAge(): number | null {
      return this.inner.getCacheAge?.() ?? null;
    }

    getResponseHeader(name: string): string | null {
      return this.inner.getResponseHeader?.(name) ?? null;
    }
  };
}
