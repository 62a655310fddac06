import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/**
 * True after `ms` without pointer or keyboard activity: the controls fade while a video plays and come
 * back on any movement, like every streaming player. `poke` marks activity.
 */
export function useIdle(ms: number, enabled: boolean) {
  const [idle, setIdle] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const poke = useCallback(() => {
    setIdle(false);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setIdle(true), ms);
  }, [ms]);
  useEffect(() => {
    if (enabled) poke();
    else {
      if (timer.current) clearTimeout(timer.current);
      setIdle(false);
    }
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [enabled, poke]);
  return { idle: enabled && idle, poke };
}
