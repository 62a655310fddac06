import { useEffect, useRef } from 'preact/hooks';
import { shortcutOf } from '../player/shortcuts.ts';
import type { PlayerActions } from './usePlayerActions.ts';

/** Space, k, j, l, arrows, f, m, c, i, 0–9 anywhere on the page (not while typing or in a menu). */
export function useShortcuts(actions: PlayerActions, enabled: boolean) {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const s = shortcutOf(e);
      if (!s) return;
      e.preventDefault();
      latest.current.run(s);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}
