import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TextField } from '../../../components/ui/text-field';
import { useId, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import type { CreateCharacterBody } from '../../../../contract/aurous';
import { COST, NAME_MAX } from '../../../../contract/constants';
import { AttributeFields } from '../../../components/character-attributes/attribute-fields';
import {
  EMPTY_ATTRIBUTES,
  validateAttributes,
  type AttributeErrors,
  type AttributeValues,
} from '../../../components/character-attributes/attribute-form';
import { Button } from '../../../components/ui/button';
import { balanceQueries, isGated } from '../../../lib/aurous/balance-queries';
import { characterQueries } from '../../../lib/aurous/character-queries';
import { isRetryable, mutationRetry } from '../../../lib/aurous/retry-policy';
import { emitConsoleEvent } from '../../../lib/console-events';
import { paidIntents, sendPaidAction } from '../../../lib/paid-intents';
import { ActionFeedback } from './action-feedback';

export function SynthesizePage() {
  const [name, setName] = useState('');
  const [values, setValues] = useState<AttributeValues>(EMPTY_ATTRIBUTES);
  const [errors, setErrors] = useState<AttributeErrors & { name?: string }>({});
  const costId = useId();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const balance = useQuery(balanceQueries.detail());

  const synthesize = useMutation({
    // The same description submitted again (a retry, a double click) reuses its key: never two charges.
    mutationFn: (body: CreateCharacterBody) => sendPaidAction({ kind: 'synthesize', body }, paidIntents.begin({ kind: 'synthesize', body })),
    ...mutationRetry(true),
    onError: (error, body) => {
      if (!isRetryable(error, true)) paidIntents.settle({ kind: 'synthesize', body });
    },
    onSuccess: (character, body) => {
      paidIntents.settle({ kind: 'synthesize', body });
      queryClient.setQueryData(characterQueries.detail(character.id).queryKey, character);
      void queryClient.invalidateQueries({ queryKey: characterQueries.lists() });
      void queryClient.invalidateQueries({ queryKey: balanceQueries.all() });
      emitConsoleEvent({ type: 'character.created', characterId: character.id, status: character.status });
      navigate(`/characters/${character.id}`);
    },
  });

  const affordable = !balance.data || !isGated(balance.data) || balance.data.available_credits >= COST.synthesize;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateAttributes(values, { required: true });
    const nameError = name.trim() ? undefined : 'Give the character a name.';
    setErrors({ ...result.errors, name: nameError });
    if (nameError || Object.keys(result.errors).length || !result.attributes || synthesize.isPending || !affordable) return;
    synthesize.mutate({ name: name.trim(), generate: true, attributes: result.attributes });
  };

  return (
    <div className="flex flex-col gap-5">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Synthesize a character</h1>
        <p className="mt-1 text-slate-700">Describe the character; the platform draws four reference poses (portrait, front, side, back) for you to review.</p>
      </div>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-4">
        <TextField label="Character name" value={name} maxLength={NAME_MAX} error={errors.name} onChange={setName} />
        <AttributeFields values={values} errors={errors} onChange={(field, value) => setValues((current) => ({ ...current, [field]: value }))} />
        {errors.form && (
          <p role="alert" className="text-sm text-red-800">
            {errors.form}
          </p>
        )}
        <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
          <Button type="submit" disabled={synthesize.isPending || !affordable} aria-describedby={costId}>
            {synthesize.isPending ? 'Starting…' : 'Synthesize'}
          </Button>
          <p id={costId} className="text-sm text-slate-700">
            Costs {COST.synthesize} generations.{' '}
            {balance.data
              ? `Your team has ${balance.data.available_credits} credits available.`
              : balance.isError
                ? 'The balance could not be loaded.'
                : 'Checking your balance…'}
            {!affordable && ' That is not enough to synthesize.'}
          </p>
        </div>
        <ActionFeedback label="Synthesize" mutation={synthesize} />
      </form>
    </div>
  );
}
