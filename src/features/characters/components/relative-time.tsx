import { formatDateTime, formatRelativeTime } from '../../../lib/i18n/format';

/**
 * "Updated 2 min. ago", with the exact date and time as the tooltip and machine-readable value.
 * A time slightly ahead of this device's clock (the API's clock runs apart) reads as "now".
 */
export function RelativeTime({ time, now, label }: { time: string; now: number; label: (relative: string) => string }) {
  return (
    <time dateTime={time} title={formatDateTime(time)}>
      {label(formatRelativeTime(Math.min(Date.parse(time), now), now))}
    </time>
  );
}
