import { useState, type FormEvent } from 'react';
import { TextField } from '../../../components/ui/text-field';
import type { Character, UpdateCharacterBody } from '../../../../contract/aurous';
import { NAME_MAX } from '../../../../contract/constants';
import { nameFieldError } from '../../../lib/name-field-error';
import { AttributeFields } from '../../../components/character-attributes/attribute-fields';
import {
  attributesToValues,
  validateAttributes,
  type AttributeErrors,
  type AttributeValues,
} from '../../../lib/character-attributes/attribute-form';
import { Button } from '../../../components/ui/button';
import { Card } from '../../../components/ui/card';
import { Notice } from '../../../components/ui/notice';
import { messages } from '../messages';
import { describeError } from '../../../lib/aurous/api-error';

interface EditDetailsFormProps {
  character: Character;
  saving: boolean;
  error: unknown;
  onSubmit: (body: UpdateCharacterBody) => void;
  onCancel: () => void;
}

/** Rename the character and edit its attributes (PATCH replaces attributes as a whole). */
export function EditDetailsForm({ character, saving, error, onSubmit, onCancel }: EditDetailsFormProps) {
  const [name, setName] = useState(character.name);
  const [values, setValues] = useState<AttributeValues>(() => attributesToValues(character.attributes));
  const [errors, setErrors] = useState<AttributeErrors & { name?: string }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateAttributes(values, { required: false });
    const nameError = nameFieldError(name, messages.nameEmpty);
    if (nameError || Object.keys(result.errors).length) {
      setErrors({ ...result.errors, name: nameError });
      return;
    }
    onSubmit({ name: name.trim(), attributes: result.attributes });
  };

  return (
    <Card>
      <form onSubmit={submit} noValidate aria-label={messages.editDetails} className="flex flex-col gap-4">
        <TextField label={messages.name} value={name} maxLength={NAME_MAX} error={errors.name} onChange={setName} />
        <AttributeFields
          values={values}
          errors={errors}
          onChange={(field, value) => setValues((current) => ({ ...current, [field]: value }))}
        />
        {error ? (
          <Notice tone="danger" role="alert">
            {messages.saveDetailsFailed(describeError(error))}
          </Notice>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={saving}>
            {saving ? messages.saving : messages.saveDetails}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            {messages.cancel}
          </Button>
        </div>
      </form>
    </Card>
  );
}
