import { useId } from 'react';
import { cn } from '../ui/cn';
import { fieldVariants } from '../ui/text-variants';
import { messages } from '../../lib/character-attributes/messages';
import {
  ATTRIBUTE_LABEL,
  ATTRIBUTE_MAX,
  type AttributeErrors,
  type AttributeField,
  type AttributeValues,
} from '../../lib/character-attributes/attribute-form';

const inputClass = cn(fieldVariants(), 'min-w-0');

interface AttributeFieldsProps {
  values: AttributeValues;
  errors: AttributeErrors;
  onChange: (field: AttributeField, value: string) => void;
}

/** The API's typed attributes as labelled inputs, with suggestions and per-field errors. */
export function AttributeFields({ values, errors, onChange }: AttributeFieldsProps) {
  const id = useId();
  const field = (name: AttributeField) => {
    const inputId = `${id}-${name}`;
    const errorId = `${inputId}-error`;
    const suggestions = messages.suggestions[name];
    const common = {
      id: inputId,
      value: values[name],
      'aria-invalid': errors[name] ? true : undefined,
      'aria-describedby': errors[name] ? errorId : undefined,
      className: inputClass,
    };
    return (
      <div key={name} className={name === 'additional_details' ? 'sm:col-span-2' : undefined}>
        <label htmlFor={inputId} className="mb-1 block text-sm font-medium text-fg">
          {ATTRIBUTE_LABEL[name]}
        </label>
        {name === 'additional_details' ? (
          <textarea
            {...common}
            rows={3}
            maxLength={ATTRIBUTE_MAX.additional_details}
            placeholder={messages.detailsPlaceholder}
            onChange={(event) => onChange(name, event.target.value)}
          />
        ) : name === 'age' ? (
          <input
            {...common}
            inputMode="numeric"
            placeholder={messages.agePlaceholder}
            onChange={(event) => onChange(name, event.target.value)}
          />
        ) : (
          <>
            <input
              {...common}
              list={suggestions ? `${inputId}-list` : undefined}
              maxLength={ATTRIBUTE_MAX[name]}
              onChange={(event) => onChange(name, event.target.value)}
            />
            {suggestions && (
              <datalist id={`${inputId}-list`}>
                {suggestions.map((suggestion) => (
                  <option key={suggestion} value={suggestion} />
                ))}
              </datalist>
            )}
          </>
        )}
        {errors[name] && (
          <p id={errorId} className="mt-1 text-sm text-danger-fg">
            {errors[name]}
          </p>
        )}
      </div>
    );
  };
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      {(['gender', 'age', 'ethnicity', 'body_type', 'hair_color', 'hair_style', 'eye_color', 'additional_details'] as const).map(field)}
    </div>
  );
}
