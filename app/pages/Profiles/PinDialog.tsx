import type { ProfileView } from '@reel/contracts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Avatar } from '../../components/Avatar.tsx';
import { Field } from '../../components/Field.tsx';
import { ApiProblem } from '../../lib/api.ts';

function pinMessage(err: unknown): string {
  if (!(err instanceof ApiProblem)) return 'Something went wrong. Try again.';
  if (err.code === 'pin_invalid') return 'That PIN isn’t right. Try again.';
  if (err.code === 'rate_limited') return 'Too many wrong PINs. Wait 15 minutes and try again.';
  if (err.code === 'validation_failed') return 'Enter the profile’s 4-digit PIN.';
  return err.detail || 'That didn’t work. Try again.';
}

/**
 * Asks for a locked profile's 4-digit PIN in a modal dialog (focus stays inside, Escape cancels). The PIN
 * is checked by the API; a wrong one keeps the dialog open with the reason.
 */
export function PinDialog({
  profile,
  onSubmit,
  onCancel,
}: {
  profile: ProfileView;
  onSubmit: (pin: string) => Promise<void>;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await onSubmit(pin);
    } catch (err) {
      setError(pinMessage(err));
      setPin('');
      setBusy(false);
    }
  };
  return (
    <dialog
      ref={dialog}
      class="pin-dialog"
      aria-labelledby="pin-title"
      onCancel={onCancel}
      data-testid="pin-dialog"
    >
      <form onSubmit={submit}>
        <Avatar name={profile.name} avatar={profile.avatar} size={72} />
        <h2 id="pin-title">Enter the PIN for {profile.name}</h2>
        <p class="quiet">This profile is locked.</p>
        <Field label="4-digit PIN" error={error}>
          {(c) => (
            <input
              {...c}
              class="pin-input"
              name="pin"
              type="password"
              inputMode="numeric"
              autocomplete="off"
              pattern="[0-9]{4}"
              maxLength={4}
              required
              autoFocus
              value={pin}
              onInput={(e) => setPin(e.currentTarget.value.replace(/\D/g, '').slice(0, 4))}
            />
          )}
        </Field>
        <div class="actions">
          <button type="submit" class="button primary" disabled={busy || pin.length !== 4}>
            {busy ? 'Checking…' : 'Continue'}
          </button>
          <button type="button" class="button secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
