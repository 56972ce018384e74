import { cn } from './cn';

interface ProgressBarProps {
  /** 0–100 */
  value: number;
  label: string;
  valueText?: string;
  className?: string;
}

export function ProgressBar({ value, label, valueText, className }: ProgressBarProps) {
  const clamped = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={clamped}
      aria-valuetext={valueText ?? `${clamped}%`}
      className={cn('h-2 w-full overflow-hidden rounded-full bg-surface-strong', className)}
    >
      <div className="h-full rounded-full bg-accent transition-[width] duration-150" style={{ width: `${clamped}%` }} />
    </div>
  );
}
