import { useEffect, useRef, useState } from 'preact/hooks';
import { Icon } from './Icon.tsx';
import { CAPTION_BACKGROUNDS, CAPTION_SIZES, type CaptionStyle } from './preferences.ts';
import type { EngineTracks } from './types.ts';

export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2] as const;
export const speedLabel = (r: number) => (r === 1 ? 'Normal' : `${r}×`);

type Page = 'main' | 'quality' | 'speed' | 'subtitles' | 'captionStyle' | 'audio';

type Props = {
  tracks: EngineTracks;
  rate: number;
  captionStyle: CaptionStyle;
  onLevel: (index: number) => void;
  onRate: (rate: number) => void;
  onSubtitle: (index: number) => void;
  onCaptionStyle: (style: CaptionStyle) => void;
  onAudio: (index: number) => void;
  onOpenChange: (open: boolean) => void;
};

type Option = { key: string; label: string; checked: boolean; select: () => void };

function qualitySummary(t: EngineTracks): string {
  const playing = t.levels.find((l) => l.index === t.playingLevel);
  if (t.manualLevel >= 0) return t.levels.find((l) => l.index === t.manualLevel)?.label ?? 'Auto';
  return playing ? `Auto (${playing.height}p)` : 'Auto';
}

/** Moves focus among the open menu's items (WAI-ARIA APG "Menu": arrows, Home, End). */
function moveFocus(menu: HTMLElement, key: string): boolean {
  const items = Array.from(menu.querySelectorAll<HTMLElement>('[role^="menuitem"]'));
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next: Record<string, number> = {
    ArrowDown: (at + 1) % items.length,
    ArrowUp: (at - 1 + items.length) % items.length,
    Home: 0,
    End: items.length - 1,
  };
  const target = next[key] === undefined ? undefined : items[next[key]];
  target?.focus();
  return target !== undefined;
}

/**
 * The settings menu (gear): quality, speed, subtitles, caption style and audio, one page at a time like the
 * big players. A menu button with `role="menu"` pages of `menuitemradio` items; Escape or ArrowLeft goes
 * back, and focus returns to the gear when it closes.
 */
export function SettingsMenu(props: Props) {
  const [page, setPage] = useState<Page | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const open = page !== null;
  const close = (refocus: boolean) => {
    setPage(null);
    if (refocus) button.current?.focus();
  };

  useEffect(() => props.onOpenChange(open), [open]);
  useEffect(() => {
    if (!open) return;
    // The current choice first (a selector list would match in document order: the Back item).
    const el = menu.current;
    (
      el?.querySelector<HTMLElement>('[aria-checked="true"]') ??
      el?.querySelector<HTMLElement>('[role^="menuitem"]')
    )?.focus();
    const outside = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!menu.current?.contains(t) && !button.current?.contains(t)) close(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [page]);

  const onKeyDown = (e: KeyboardEvent) => {
    e.stopPropagation();
    if (e.key === 'Escape' || (e.key === 'ArrowLeft' && page !== 'main')) {
      e.preventDefault();
      if (page === 'main' || e.key === 'Escape') close(true);
      else setPage('main');
    } else if (e.key === 'Tab') close(false);
    else if (menu.current && moveFocus(menu.current, e.key)) e.preventDefault();
  };

  return (
    <div class="rp-settings">
      <button
        ref={button}
        type="button"
        class="rp-button"
        aria-label="Settings"
        title="Settings"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls="rp-settings-menu"
        onClick={() => (open ? close(false) : setPage('main'))}
      >
        <Icon name="settings" />
      </button>
      {open && (
        <div
          class="rp-menu"
          id="rp-settings-menu"
          role="menu"
          aria-label={page === 'main' ? 'Settings' : PAGES[page](props).title}
          ref={menu}
          onKeyDown={onKeyDown}
        >
          {page === 'main' ? (
            <MainPage {...props} go={setPage} />
          ) : (
            <RadioPage page={page} {...props} back={() => setPage('main')} done={() => close(true)} />
          )}
        </div>
      )}
    </div>
  );
}

function MainPage(props: Props & { go: (p: Page) => void }) {
  const { tracks, rate, captionStyle, go } = props;
  const subtitle = tracks.subtitles.find((s) => s.index === tracks.subtitle);
  const size = CAPTION_SIZES.find((s) => s.value === captionStyle.size)?.label ?? 'Normal';
  const rows: [Page, string, string, boolean][] = [
    ['quality', 'Quality', qualitySummary(tracks), tracks.levels.length > 0],
    ['speed', 'Speed', speedLabel(rate), true],
    ['subtitles', 'Subtitles', subtitle?.label ?? 'Off', tracks.subtitles.length > 0],
    ['captionStyle', 'Caption style', size, tracks.subtitles.length > 0],
    [
      'audio',
      'Audio',
      tracks.audio.find((a) => a.index === tracks.audioTrack)?.label ?? '',
      tracks.audio.length > 1,
    ],
  ];
  return (
    <>
      {rows
        .filter(([, , , shown]) => shown)
        .map(([page, label, value]) => (
          <button
            key={page}
            type="button"
            role="menuitem"
            tabIndex={-1}
            class="rp-menu-item"
            onClick={() => go(page)}
          >
            <span class="rp-menu-label">{label}</span>
            <span class="rp-menu-value">{value}</span>
            <Icon name="chevronRight" />
          </button>
        ))}
    </>
  );
}

const radio = (key: string, label: string, checked: boolean, select: () => void): Option => ({
  key,
  label,
  checked,
  select,
});

type PageSpec = { title: string; groups: [string, Option[]][] };

/** Each page's choices, built from the player's current state. */
const PAGES: Record<Exclude<Page, 'main'>, (p: Props) => PageSpec> = {
  quality: ({ tracks: t, onLevel }) => ({
    title: 'Quality',
    groups: [
      [
        'Quality',
        [
          radio('auto', 'Auto', t.manualLevel < 0, () => onLevel(-1)),
          ...t.levels.map((l) =>
            radio(String(l.index), l.label, t.manualLevel === l.index, () => onLevel(l.index)),
          ),
        ],
      ],
    ],
  }),
  speed: ({ rate, onRate }) => ({
    title: 'Speed',
    groups: [['Speed', SPEEDS.map((r) => radio(String(r), speedLabel(r), rate === r, () => onRate(r)))]],
  }),
  subtitles: ({ tracks: t, onSubtitle }) => ({
    title: 'Subtitles',
    groups: [
      [
        'Subtitles',
        [
          radio('off', 'Off', t.subtitle < 0, () => onSubtitle(-1)),
          ...t.subtitles.map((s) =>
            radio(String(s.index), s.label, t.subtitle === s.index, () => onSubtitle(s.index)),
          ),
        ],
      ],
    ],
  }),
  captionStyle: ({ captionStyle: style, onCaptionStyle }) => ({
    title: 'Caption style',
    groups: [
      [
        'Text size',
        CAPTION_SIZES.map((s) =>
          radio(`size-${s.value}`, s.label, style.size === s.value, () =>
            onCaptionStyle({ ...style, size: s.value }),
          ),
        ),
      ],
      [
        'Background',
        CAPTION_BACKGROUNDS.map((b) =>
          radio(b.value, b.label, style.background === b.value, () =>
            onCaptionStyle({ ...style, background: b.value }),
          ),
        ),
      ],
    ],
  }),
  audio: ({ tracks: t, onAudio }) => ({
    title: 'Audio',
    groups: [
      [
        'Audio',
        t.audio.map((a) => radio(String(a.index), a.label, t.audioTrack === a.index, () => onAudio(a.index))),
      ],
    ],
  }),
};

type RadioProps = Props & { page: Exclude<Page, 'main'>; back: () => void; done: () => void };

/** One page of choices; choosing closes the menu, except caption style where two groups are set. */
function RadioPage(props: RadioProps) {
  const { title, groups } = PAGES[props.page](props);
  const stayOpen = props.page === 'captionStyle';
  return (
    <>
      <button
        type="button"
        role="menuitem"
        tabIndex={-1}
        class="rp-menu-item rp-menu-back"
        onClick={props.back}
      >
        <Icon name="chevronLeft" />
        <span class="rp-menu-label">{title}</span>
      </button>
      {groups.map(([label, options]) => (
        <fieldset key={label} class="rp-menu-group" aria-label={label}>
          {groups.length > 1 && <legend class="rp-menu-heading">{label}</legend>}
          {options.map((o) => (
            <button
              key={o.key}
              type="button"
              role="menuitemradio"
              aria-checked={o.checked}
              tabIndex={-1}
              class="rp-menu-item"
              onClick={() => {
                o.select();
                if (!stayOpen) props.done();
              }}
            >
              <span class="rp-menu-check">{o.checked && <Icon name="check" />}</span>
              <span class="rp-menu-label">{o.label}</span>
            </button>
          ))}
        </fieldset>
      ))}
    </>
  );
}
