import type { ComponentChildren } from 'preact';
import { problemMessage } from '../lib/api.ts';

/** A spinner with a spoken label, for whole-page loads. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div class="state loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

/** What went wrong, in words, with a way to try again. */
export function ErrorState({
  error,
  title = 'Something went wrong',
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  return (
    <div class="state error-state" role="alert">
      <h2>{title}</h2>
      <p>{problemMessage(error)}</p>
      {onRetry && (
        <button type="button" class="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Nothing to show, and what the person can do about it. */
export function EmptyState({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="state empty-state">
      <h2>{title}</h2>
      {children}
    </div>
  );
}
