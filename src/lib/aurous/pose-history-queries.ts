/**
 * The pose history the console server keeps (contract/pose-history.ts), as a query factory. The
 * key carries the character's `updated_at`: the history changes only when the character does (a
 * regenerate, a resynthesize, a save), so a new version of the character asks again and an old
 * one never does. Loaded only by the pages that show it (the character page, the review queue).
 */
import { queryOptions } from '@tanstack/react-query';
import { poseHistoryUrl, type PoseHistory } from '../../../contract/pose-history';
import { AurousApiError } from './api-error';

async function fetchHistory(id: string, signal: AbortSignal): Promise<PoseHistory> {
  let response: Response;
  try {
    response = await fetch(poseHistoryUrl(id), { credentials: 'same-origin', headers: { Accept: 'application/json' }, signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw AurousApiError.network();
  }
  if (!response.ok) throw await AurousApiError.fromResponse(response);
  return (await response.json()) as PoseHistory;
}

export const poseHistoryQueries = {
  all: () => ['pose-history'] as const,
  /** `version`: the character's `updated_at` this history goes with. */
  detail: (id: string, version: string) =>
    queryOptions({
      queryKey: [...poseHistoryQueries.all(), id, version] as const,
      queryFn: ({ signal }) => fetchHistory(id, signal),
      staleTime: Infinity,
    }),
};
