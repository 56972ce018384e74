/** The team's activity report from the console server (owners and admins only). */
import { useQuery } from '@tanstack/react-query';
import type { ActivityReport } from '../../../../contract/activity';
import { isApiErrorBody } from '../../../../contract/constants';
import { messages } from '../messages';
import { isReversed, rangeQuery, type DayRange } from '../range';

export const activityCsvHref = (range: DayRange) => `/api/team/activity.csv?${rangeQuery(range)}`;

/**
 * A refused or failed load: the HTTP status (0 for the network) and the server's message. Its own
 * small class, not the API client's: importing that here would split it out of the first screen.
 */
export class ActivityLoadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ActivityLoadError';
  }
}

async function fetchActivity(range: DayRange, signal: AbortSignal): Promise<ActivityReport> {
  let response: Response;
  try {
    response = await fetch(`/api/team/activity?${rangeQuery(range)}`, { signal, credentials: 'same-origin' });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ActivityLoadError(0, messages.errors.unreachable);
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    throw new ActivityLoadError(response.status, isApiErrorBody(body) ? body.error.message : messages.errors.status(response.status));
  }
  return (await response.json()) as ActivityReport;
}

export function useActivity(range: DayRange) {
  return useQuery({
    queryKey: ['team-activity', range.from, range.to],
    queryFn: ({ signal }) => fetchActivity(range, signal),
    enabled: !isReversed(range),
    // Being refused (or asking wrongly) is an answer, not a hiccup: show it at once.
    retry: (failures, error) => !(error instanceof ActivityLoadError && error.status >= 400 && error.status < 500) && failures < 2,
  });
}
