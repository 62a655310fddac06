import { useState } from 'preact/hooks';
import { AVATAR_TOKENS } from '../../components/Avatar.tsx';
import { Field } from '../../components/Field.tsx';
import { api, fieldErrorsOf, problemMessage } from '../../lib/api.ts';

/** A new profile: a name and whether it is for children (kids profiles get the API's default age limit). */
export function AddProfile({
  count,
  onAdded,
  onCancel,
}: {
  count: number;
  onAdded: () => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const [kids, setKids] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      // A different colour for each new profile, so tiles are told apart at a glance.
      const avatar = AVATAR_TOKENS[count % AVATAR_TOKENS.length];
      await api('POST', '/api/profiles', { name, isKids: kids, avatar });
      onAdded();
    } catch (err) {
      setError(fieldErrorsOf(err).name ?? problemMessage(err));
      setBusy(false);
    }
  };
  return (
    <form class="add-profile panel" onSubmit={submit} aria-labelledby="add-profile-title">
      <h2 id="add-profile-title">Add a profile</h2>
      <Field label="Name" error={error}>
        {(c) => (
          <input
            {...c}
            name="name"
            required
            maxLength={40}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        )}
      </Field>
      <label class="check">
        <input type="checkbox" checked={kids} onChange={(e) => setKids(e.currentTarget.checked)} />
        Kids profile (titles rated up to 12+ only)
      </label>
      <div class="actions">
        <button type="submit" class="button primary" disabled={busy || !name.trim()}>
          {busy ? 'Adding…' : 'Add profile'}
        </button>
        <button type="button" class="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
