import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TextField } from '../../../components/ui/text-field';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import type { CreateCharacterBody } from '../../../../contract/aurous';
import { NAME_MAX } from '../../../../contract/constants';
import { AttributeFields } from '../../../components/character-attributes/attribute-fields';
import {
  EMPTY_ATTRIBUTES,
  validateAttributes,
  type AttributeErrors,
  type AttributeValues,
} from '../../../components/character-attributes/attribute-form';
import { Button } from '../../../components/ui/button';
import { describeError } from '../../../lib/aurous/api-error';
import { characterQueries } from '../../../lib/aurous/character-queries';
import { mutationRetry } from '../../../lib/aurous/retry-policy';
import { aurous } from '../../../lib/aurous/client';
import { emitConsoleEvent } from '../../../lib/console-events';
import { createIntentKeys } from '../../../lib/idempotency';
import { createBlocker } from '../upload-summary';
import { useUploadActions, type UploadItem } from '../upload-store';

export function CreateCharacterForm({ items }: { items: readonly UploadItem[] }) {
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [attributes, setAttributes] = useState<AttributeValues>(EMPTY_ATTRIBUTES);
  const [attributeErrors, setAttributeErrors] = useState<AttributeErrors>({});
  const intents = useRef(createIntentKeys());
  const reasonId = useId();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const { sessionCleared } = useUploadActions();
  const blocker = createBlocker(items);

  const create = useMutation({
    mutationFn: (body: CreateCharacterBody) =>
      aurous.createCharacter(body, intents.current.keyFor(JSON.stringify(body))),
    // The Idempotency-Key makes a repeat safe: a create that landed is replayed, not repeated.
    ...mutationRetry(true),
    onSuccess: (character, body) => {
      intents.current.settle(JSON.stringify(body));
      queryClient.setQueryData(characterQueries.detail(character.id).queryKey, character);
      void queryClient.invalidateQueries({ queryKey: characterQueries.lists() });
      sessionCleared();
      emitConsoleEvent({ type: 'character.created', characterId: character.id, status: character.status });
      navigate(`/characters/${character.id}`);
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setNameError('Give the character a name.');
      return;
    }
    const described = validateAttributes(attributes, { required: false });
    setAttributeErrors(described.errors);
    if (blocker || create.isPending || Object.keys(described.errors).length) return;
    const uploadIds = items.flatMap((item) => (item.uploadedId ? [item.uploadedId] : []));
    create.mutate({ name: trimmed, upload_ids: uploadIds, ...(described.attributes ? { attributes: described.attributes } : {}) });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4">
      <TextField
        label="Character name"
        value={name}
        maxLength={NAME_MAX}
        error={nameError}
        placeholder="e.g. Aurora the Adventurer"
        onChange={(value) => {
          setName(value);
          setNameError(null);
        }}
      />
      <details className="rounded-lg border border-slate-200 px-3 py-2">
        <summary className="cursor-pointer text-sm font-medium text-slate-900">Describe the character (optional)</summary>
        <p className="mb-3 mt-1 text-sm text-slate-700">With a description, poses your images lack can be generated later from the character page.</p>
        <AttributeFields
          values={attributes}
          errors={attributeErrors}
          onChange={(field, value) => setAttributes((current) => ({ ...current, [field]: value }))}
        />
      </details>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={Boolean(blocker) || create.isPending} aria-describedby={blocker ? reasonId : undefined}>
          {create.isPending ? 'Creating…' : 'Create character'}
        </Button>
        {blocker && (
          <p id={reasonId} className="text-sm text-slate-700">
            {blocker}
          </p>
        )}
      </div>
      {create.isError && (
        <p role="alert" className="text-sm text-red-800">
          Could not create the character: {describeError(create.error)} Your images and name are kept; try again.
        </p>
      )}
    </form>
  );
}
