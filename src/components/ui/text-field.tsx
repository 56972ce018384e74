import { useId } from 'react';
import { fieldVariants } from './text-variants';

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | null | undefined;
  maxLength?: number;
  placeholder?: string;
}

/** A labelled text input whose error is tied to it for screen readers. */
export function TextField({ label, value, onChange, error, maxLength, placeholder }: TextFieldProps) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-fg">
        {label}
      </label>
      <input
        id={id}
        value={value}
        maxLength={maxLength}
        placeholder={placeholder}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={fieldVariants()}
      />
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-danger-fg">
          {error}
        </p>
      )}
    </div>
  );
}
