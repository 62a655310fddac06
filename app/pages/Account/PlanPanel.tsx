import type { AccountPlan } from '@reel/contracts';
import { get } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { useResource } from '../../lib/useResource.ts';

/** "HD (1080p)" from a plan's short-side cap. */
function qualityOf(shortSide: number): string {
  if (shortSide >= 2160) return 'Ultra HD (4K)';
  if (shortSide >= 1080) return 'Full HD (1080p)';
  if (shortSide >= 720) return 'HD (720p)';
  return `SD (${shortSide}p)`;
}

function priceOf({ priceCents, currency }: AccountPlan['plan']): string {
  if (priceCents === 0) return 'no monthly charge';
  const amount = new Intl.NumberFormat('en', { style: 'currency', currency }).format(priceCents / 100);
  return `${amount} a month`;
}

/** The plan the account streams on (GET /api/me/plan): Free unless a subscription is active. */
export function PlanPanel() {
  const plan = useResource(() => get<AccountPlan>('/api/me/plan'), 'plan');
  const data = plan.data;
  return (
    <section class="panel" aria-labelledby="plan-heading" aria-busy={plan.loading ? 'true' : undefined}>
      <h2 id="plan-heading">Plan</h2>
      {plan.error !== undefined && (
        <p class="form-problem" role="alert">
          Couldn’t load your plan.{' '}
          <button type="button" class="link-button" onClick={plan.reload}>
            Try again
          </button>
        </p>
      )}
      {data && (
        <div class="plan" data-testid="plan">
          <p class="plan-name">
            {data.plan.name} <span class="quiet">· {priceOf(data.plan)}</span>
          </p>
          <ul class="plan-facts">
            <li>{qualityOf(data.plan.maxShortSide)}</li>
            <li>
              {data.plan.maxConcurrentStreams === 1
                ? 'Watch on 1 device at a time'
                : `Watch on ${data.plan.maxConcurrentStreams} devices at a time`}
            </li>
            {data.subscription && <li>Renews on {formatDate(data.subscription.currentPeriodEnd)}</li>}
          </ul>
        </div>
      )}
    </section>
  );
}
