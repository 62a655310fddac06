import { useId } from 'preact/hooks';
import { Icon } from '../../components/Icon.tsx';

const SCORES = [1, 2, 3, 4, 5] as const;
const WORDS = ['', 'Didn’t like it', 'It was OK', 'Liked it', 'Really liked it', 'Loved it'];

/**
 * The profile's 1–5 rating (the API's RatingInput) as a radio group of stars: arrow keys move and save,
 * each star is labelled in words, and the current rating can be cleared.
 */
export function RatingControl({
  title,
  score,
  onRate,
}: {
  title: string;
  score: number | null;
  onRate: (score: number | null) => void;
}) {
  const name = useId();
  return (
    <fieldset class="rating" data-testid="rating">
      <legend>Your rating</legend>
      <div class="stars">
        {SCORES.map((s) => (
          <label key={s} class={score !== null && s <= score ? 'lit' : ''}>
            <input
              type="radio"
              name={name}
              value={s}
              checked={score === s}
              onChange={() => onRate(s)}
              aria-label={`${s} out of 5: ${WORDS[s]}`}
            />
            <Icon name="star" filled={score !== null && s <= score} size={26} />
          </label>
        ))}
      </div>
      <span class="rating-words" aria-hidden="true">
        {score === null ? 'Not rated' : WORDS[score]}
      </span>
      {score !== null && (
        <button type="button" class="link-button" onClick={() => onRate(null)}>
          Clear<span class="visually-hidden"> your rating of {title}</span>
        </button>
      )}
    </fieldset>
  );
}
