/** The player libraries e2e pages load with a script tag (their UMD globals), typed as far as tests use them. */
interface HlsLike {
  loadSource(url: string): void;
  attachMedia(media: HTMLMediaElement): void;
  on(event: string, listener: (...args: unknown[]) => void): void;
  levels: { height: number }[];
}

interface Window {
  Hls: { new (): HlsLike; Events: { MANIFEST_PARSED: string } };
  dashjs: {
    MediaPlayer(): {
      create(): { initialize(view: HTMLVideoElement | null, url: string, autoPlay: boolean): void };
    };
  };
}
