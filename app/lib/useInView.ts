import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * Becomes true once the element comes within `margin` of the viewport and stays true, so rows far
 * down the home page load only when someone scrolls towards them.
 */
export function useInView(ref: RefObject<Element | null>, margin = '400px'): boolean {
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (seen || !el) return;
    if (typeof IntersectionObserver === 'undefined') {
      setSeen(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setSeen(true);
      },
      { rootMargin: margin },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, seen, margin]);
  return seen;
}
