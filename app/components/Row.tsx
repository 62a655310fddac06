import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { problemMessage } from '../lib/api.ts';
import { Icon } from './Icon.tsx';
import { CardSkeleton } from './TitleCard.tsx';

type RowProps = {
  title: string;
  /** Where "See all" goes (a browse page with the row's sort or genre). */
  seeAll?: string;
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  /** One `<li>` per title. */
  children?: ComponentChildren;
};

/** Tracks whether the track can scroll further back or forward, to show only the useful arrows. */
function useScrollEdges(track: { current: HTMLUListElement | null }) {
  const [edges, setEdges] = useState({ atStart: true, atEnd: true });
  useEffect(() => {
    const el = track.current;
    if (!el) return;
    const update = () =>
      setEdges({ atStart: el.scrollLeft <= 4, atEnd: el.scrollLeft + el.clientWidth >= el.scrollWidth - 4 });
    update();
    el.addEventListener('scroll', update, { passive: true });
    const resize = new ResizeObserver(update);
    resize.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      resize.disconnect();
    };
  });
  return edges;
}

function Arrow({
  dir,
  title,
  hidden,
  onClick,
}: {
  dir: 1 | -1;
  title: string;
  hidden: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      class={`row-nav ${dir < 0 ? 'prev' : 'next'}`}
      aria-label={`Scroll ${title} ${dir < 0 ? 'back' : 'forward'}`}
      hidden={hidden}
      onClick={onClick}
    >
      <Icon name={dir < 0 ? 'left' : 'right'} size={28} />
    </button>
  );
}

/**
 * A horizontal shelf of titles. Swipe or scroll on touch, arrows on hover or keyboard focus, and every card
 * is a link reachable with Tab (the browser scrolls the focused card into view).
 */
export function Row({ title, seeAll, loading, error, onRetry, children }: RowProps) {
  const headingId = useId();
  const track = useRef<HTMLUListElement>(null);
  const { atStart, atEnd } = useScrollEdges(track);
  const page = (dir: 1 | -1) => {
    const el = track.current;
    if (el) el.scrollBy({ left: dir * el.clientWidth * 0.85, behavior: 'smooth' });
  };
  return (
    <section class="row" aria-labelledby={headingId} data-testid="row">
      <div class="row-head">
        <h2 id={headingId}>{title}</h2>
        {seeAll && (
          <a class="see-all" href={seeAll}>
            See all<span class="visually-hidden"> {title}</span>
            <Icon name="right" size={16} />
          </a>
        )}
      </div>
      {error !== undefined && !loading ? (
        <p class="row-error" role="alert">
          {problemMessage(error, `Couldn’t load ${title}.`)}{' '}
          {onRetry && (
            <button type="button" class="link-button" onClick={onRetry}>
              Try again
            </button>
          )}
        </p>
      ) : (
        <div class="row-body">
          <Arrow dir={-1} title={title} hidden={atStart} onClick={() => page(-1)} />
          <ul class="row-track" ref={track} aria-busy={loading ? 'true' : undefined}>
            {loading
              ? Array.from({ length: 6 }, (_, i) => (
                  <li key={i}>
                    <CardSkeleton />
                  </li>
                ))
              : children}
          </ul>
          <Arrow dir={1} title={title} hidden={atEnd} onClick={() => page(1)} />
        </div>
      )}
    </section>
  );
}
