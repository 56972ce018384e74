import { useId } from 'react';
import {
  ATTRIBUTE_LABEL,
  ATTRIBUTE_MAX,
  type AttributeErrors,
  type AttributeField,
  type AttributeValues,
} from './attribute-form';

const inputClass =
  'w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600 aria-[invalid=true]:border-red-600';

const SUGGESTIONS: Partial<Record<AttributeField, string[]>> = {
  gender: ['female', 'male', 'non-binary'],
  hair_color: ['black', 'brown', 'blonde', 'red', 'auburn', 'grey', 'white'],
  eye_color: ['brown', 'blue', 'green', 'hazel', 'grey', 'amber'],
  body_type: ['slim', 'average', 'athletic', 'muscular', 'curvy', 'heavy'],
  hair_style: ['short', 'shoulder-length straight', 'long wavy', 'curly', 'braided', 'buzz cut'],
};

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
    const suggestions = SUGGESTIONS[name];
    const common = {
      id: inputId,
      value: values[name],
      'aria-invalid': errors[name] ? true : undefined,
      'aria-describedby': errors[name] ? errorId : undefined,
      className: inputClass,
    };
    return (
      <div key={name} className={name === 'additional_details' ? 'sm:col-span-2' : undefined}>
        <label htmlFor={inputId} className="mb-1 block text-sm font-medium text-slate-900">
          {ATTRIBUTE_LABEL[name]}
        </label>
        {name === 'additional_details' ? (
          <textarea
            {...common}
            rows={3}
            maxLength={ATTRIBUTE_MAX.additional_details}
            placeholder="e.g. small scar above the right eyebrow; warm smile"
            onChange={(event) => onChange(name, event.target.value)}
          />
        ) : name === 'age' ? (
          <input {...common} inputMode="numeric" placeholder="e.g. 28" onChange={(event) => onChange(name, event.target.value)} />
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
          <p id={errorId} className="mt-1 text-sm text-red-800">
            {errors[name]}
          </p>
        )}
      </div>
    );
  };
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {(['gender', 'age', 'ethnicity', 'body_type', 'hair_color', 'hair_style', 'eye_color', 'additional_details'] as const).map(field)}
    </div>
  );
}
