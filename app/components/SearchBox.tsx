import { useEffect, useRef, useState } from 'preact/hooks';
import { navigate, useLocation } from '../lib/router.tsx';
import { Icon } from './Icon.tsx';

/** How long typing pauses before the results page follows what was typed. */
const TYPE_DELAY_MS = 300;

/**
 * The header's search: Enter opens `/search?q=`; on the results page the results follow the typing
 * (the URL is replaced, not pushed, so Back leaves search instead of stepping through every letter).
 */
export function SearchBox() {
  const { path, query } = useLocation();
  const onSearch = path === '/search';
  const urlQ = onSearch ? (query.get('q') ?? '') : '';
  const [text, setText] = useState(urlQ);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    // Follow the URL when it changes under us (Back, a link), not while the person types.
    if (document.activeElement?.id !== 'site-search') setText(urlQ);
  }, [urlQ]);
  const go = (q: string, replace: boolean) => {
    const trimmed = q.trim();
    if (!trimmed && !onSearch) return;
    navigate(trimmed ? `/search?q=${encodeURIComponent(trimmed)}` : '/search', { replace });
  };
  const onInput = (value: string) => {
    setText(value);
    window.clearTimeout(timer.current);
    if (onSearch) timer.current = window.setTimeout(() => go(value, true), TYPE_DELAY_MS);
  };
  return (
    <search class="search">
      <form
        action="/search"
        onSubmit={(e) => {
          e.preventDefault();
          window.clearTimeout(timer.current);
          go(text, onSearch);
        }}
      >
        <label for="site-search" class="visually-hidden">
          Search titles
        </label>
        <Icon name="search" size={18} />
        <input
          id="site-search"
          type="search"
          name="q"
          placeholder="Search titles"
          autocomplete="off"
          value={text}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      </form>
    </search>
  );
}
