import { useEffect, useState } from 'preact/hooks';

/**
 * Whether a control has keyboard focus (`:focus-visible`): the controls then stay on screen, or a keyboard
 * user would be tabbing through invisible buttons. Focus left on a button by a mouse click does not count,
 * so the controls still fade for mouse users.
 */
export function useKeyboardFocusWithin(root: HTMLElement | null): boolean {
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!root) return;
    const onIn = (e: FocusEvent) => {
      const t = e.target;
      setFocused(t instanceof HTMLElement && t !== root && t.matches(':focus-visible'));
    };
    const onOut = (e: FocusEvent) => {
      if (!(e.relatedTarget instanceof Node && root.contains(e.relatedTarget))) setFocused(false);
    };
    root.addEventListener('focusin', onIn);
    root.addEventListener('focusout', onOut);
    return () => {
      root.removeEventListener('focusin', onIn);
      root.removeEventListener('focusout', onOut);
    };
  }, [root]);
  return focused;
}
