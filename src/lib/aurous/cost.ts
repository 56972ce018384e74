/**
 * What things cost, in one unit everywhere: credits, the unit the team's balance is in
 * (`GET /v1/balance`: `credits`, `available_credits`, `currency: "credit"`). The API's pages price
 * the character actions in generations (synthesize and resynthesize "4 generations", regenerate
 * "one generation per call"); each generation is one credit (the console's COST table, what the
 * balance moves by), so the count of generations is said only where it explains a price: four
 * poses, four generations.
 */
import { COST } from '../../../contract/constants';
import { formatNumber } from '../i18n/format';
import { defineMessages, plural } from '../i18n/messages';

export type PaidAction = keyof typeof COST;

/** Generations each paid action dispatches: one per pose it draws. */
export const GENERATIONS: Record<PaidAction, number> = { synthesize: 4, resynthesize: 4, regenerate: 1 };

const words = defineMessages({
  credits: (count: number, shown: string) => plural(count, { one: `${shown} credit`, other: `${shown} credits` }),
  /** "4 credits (4 generations, one per pose)" */
  withGenerations: (credits: string, count: number, shown: string) =>
    plural(count, { one: `${credits} (${shown} generation)`, other: `${credits} (${shown} generations, one per pose)` }),
});

/** "1 credit", "1,000 credits" (a balance, a total, a price). */
export function formatCredits(count: number): string {
  return words.credits(count, formatNumber(count));
}

/** A paid action's price: "4 credits (4 generations, one per pose)"; "1 credit" where one generation explains nothing. */
export function formatCost(action: PaidAction): string {
  const credits = formatCredits(COST[action]);
  const generations = GENERATIONS[action];
  return generations > 1 ? words.withGenerations(credits, generations, formatNumber(generations)) : credits;
}
