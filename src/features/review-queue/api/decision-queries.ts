/**
 * The team's decision log (contract/review.ts) as server state: the session log is a view of this
 * reviewer's rows since the session began, the team QA page reads the figures. Exports are the
 * server's own downloads (`exportUrl`).
 */
import { queryOptions } from '@tanstack/react-query';
import {
  REVIEW_DECISIONS_PATH,
  REVIEW_EXPORT_PATH,
  REVIEW_STATS_PATH,
  type DecisionPage,
  type TeamQaReport,
} from '../../../../contract/review';
import { AurousApiError } from '../../../lib/aurous/api-error';

async function getJson<T>(url: string, signal: AbortSignal): Promise<T> {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin', signal });
  if (!response.ok) throw await AurousApiError.fromResponse(response);
  return (await response.json()) as T;
}

export interface LogRange {
  /** ISO times. */
  from: string;
  to?: string | undefined;
  mine?: boolean;
}

const params = ({ from, to, mine }: LogRange) => {
  const query = new URLSearchParams({ from });
  if (to) query.set('to', to);
  if (mine) query.set('mine', '1');
  return query;
};

export const exportUrl = (range: LogRange, format: 'csv' | 'json') => `${REVIEW_EXPORT_PATH}?${params(range)}&format=${format}`;

export const decisionQueries = {
  all: () => ['review-decisions'] as const,
  log: (range: LogRange) =>
    queryOptions({
      queryKey: [...decisionQueries.all(), 'log', range] as const,
      queryFn: ({ signal }) => getJson<DecisionPage>(`${REVIEW_DECISIONS_PATH}?${params(range)}&limit=500`, signal),
    }),
  stats: (range: LogRange) =>
    queryOptions({
      queryKey: [...decisionQueries.all(), 'stats', range] as const,
      queryFn: ({ signal }) => getJson<TeamQaReport>(`${REVIEW_STATS_PATH}?${params(range)}`, signal),
    }),
};
