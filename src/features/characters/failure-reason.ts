/**
 * The API's `error_message` for a failed synthesis, as said under the page's own "Synthesis
 * failed" heading: a message that starts by saying so again ("Synthesis failed: the model could
 * not…") loses that lead, so the page does not say it twice.
 */
const REPEATED_LEAD = /^\s*synthesis failed\b\s*[:.;,\u2013\u2014-]?\s*/i;

export function failureReason(message: string | null | undefined): string | null {
  const text = message?.trim();
  if (!text) return null;
  const rest = text.replace(REPEATED_LEAD, '');
  if (!rest) return null;
  return rest === text ? text : rest.charAt(0).toUpperCase() + rest.slice(1);
}
