import type { Me } from '@reel/contracts';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { Avatar } from './Avatar.tsx';
import { Icon } from './Icon.tsx';

/** Closes the menu on Escape (focus back on its button) and on a click or focus outside it. */
function useDismiss(open: boolean, close: () => void, root: { current: HTMLElement | null }) {
  useEffect(() => {
    if (!open) return;
    const outside = (e: Event) => {
      if (e.target instanceof Node && !root.current?.contains(e.target)) close();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      close();
      root.current?.querySelector<HTMLButtonElement>('button')?.focus();
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('focusin', outside);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('focusin', outside);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, close, root]);
}

/** The signed-in person's menu: who is watching, account, switching profile, signing out. */
export function ProfileMenu({ me }: { me: Me }) {
  const { signOut } = useSession();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const close = () => setOpen(false);
  useDismiss(open, close, root);
  const name = me.profile?.name ?? me.user.displayName;
  const onSignOut = async () => {
    close();
    await signOut();
    navigate('/');
  };
  return (
    <div class="profile-menu" ref={root}>
      <button
        type="button"
        class="profile-button"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={`Account menu for ${name}`}
        onClick={() => setOpen(!open)}
      >
        <Avatar name={name} avatar={me.profile?.avatar ?? 'slate'} size={32} />
        <Icon name="down" size={16} />
      </button>
      <div id={menuId} class="menu" hidden={!open}>
        <p class="menu-who">
          <strong>{name}</strong>
          <small>{me.user.email}</small>
        </p>
        <a class="menu-item" href="/profiles" onClick={close}>
          Switch profile
        </a>
        <a class="menu-item" href="/account" onClick={close}>
          Account
        </a>
        <button type="button" class="menu-item" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </div>
  );
}
