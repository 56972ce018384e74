import { queryOptions } from '@tanstack/react-query';
import type { Balance } from '../../../contract/aurous';
import { aurous } from './client';

export const balanceQueries = {
  all: () => ['balance'] as const,
  detail: () =>
    queryOptions({
      queryKey: balanceQueries.all(),
      queryFn: ({ signal }): Promise<Balance> => aurous.getBalance(signal),
    }),
};

/** "exempt" (and any mode we do not know) is never blocked by the balance. */
export function isGated(balance: Pick<Balance, 'billing_mode'>): boolean {
  return balance.billing_mode === 'metered';
}
