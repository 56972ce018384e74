import { FormField } from './form-field';

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | null | undefined;
  maxLength?: number;
  placeholder?: string;
}

/** A labelled text input whose error is tied to it for screen readers, taking and giving its value as a string. */
export function TextField({ onChange, ...field }: TextFieldProps) {
  return <FormField type="text" onChange={(event) => onChange(event.target.value)} {...field} />;
}
