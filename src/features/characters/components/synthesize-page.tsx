import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TextField } from '../../../components/ui/text-field';
import { useId, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import type { CreateCharacterBody } from '../../../../contract/aurous';
import { COST, NAME_MAX } from '../../../../contract/constants';
import { nameFieldError } from '../../../lib/name-field-error';
import { AttributeFields } from '../../../components/character-attributes/attribute-fields';
import {
  EMPTY_ATTRIBUTES,
  validateAttributes,
  type AttributeErrors,
  type AttributeValues,
} from '../../../lib/character-attributes/attribute-form';
import { Button } from '../../../components/ui/button';
import { Card } from '../../../components/ui/card';
import { toneText } from '../../../components/ui/notice';
import { PageHeader } from '../../../components/ui/page-header';
import { Skeleton } from '../../../components/ui/skeleton';
import { formatCost } from '../../../lib/aurous/cost';
import { messages } from '../messages';
import { balanceQueries, isGated } from '../../../lib/aurous/balance-queries';
import { characterChanged } from '../../../lib/aurous/character-cache';
import { mutationRetry } from '../../../lib/aurous/retry-policy';
import { emitConsoleEvent } from '../../../lib/console-events';
import { sendIntent } from '../../../lib/paid-intents';
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
    mutationFn: (body: CreateCharacterBody) => sendIntent({ kind: 'synthesize', body }),
    ...mutationRetry(true),
    onSuccess: (character) => {
      characterChanged(queryClient, character);
      emitConsoleEvent({ type: 'character.created', characterId: character.id, status: character.status });
      navigate(`/characters/${character.id}`);
    },
  });

  const affordable = !balance.data || !isGated(balance.data) || balance.data.available_credits >= COST.synthesize;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateAttributes(values, { required: true });
    const nameError = nameFieldError(name, messages.nameRequired);
    setErrors({ ...result.errors, name: nameError });
    if (nameError || Object.keys(result.errors).length || !result.attributes || synthesize.isPending || !affordable) return;
    synthesize.mutate({ name: name.trim(), generate: true, attributes: result.attributes });
  };

  return (
    <div className="flex flex-col">
      <PageHeader title={messages.synthesizeTitle} description={messages.synthesizeDescription} />
      <Card>
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          <TextField label={messages.characterName} value={name} maxLength={NAME_MAX} error={errors.name} onChange={setName} />
          <AttributeFields
            values={values}
            errors={errors}
            onChange={(field, value) => setValues((current) => ({ ...current, [field]: value }))}
          />
          {errors.form && (
            <p role="alert" className={toneText({ tone: 'danger' })}>
              {errors.form}
            </p>
          )}
          <div className="flex flex-wrap items-center gap-3 border-t border-line pt-4">
            <Button type="submit" disabled={synthesize.isPending || !affordable} aria-describedby={costId}>
              {synthesize.isPending ? messages.starting : messages.synthesize}
            </Button>
            <div className="flex min-w-0 flex-1 flex-wrap items-center gap-x-2 gap-y-1">
              <p id={costId} className={toneText({ tone: affordable ? 'muted' : 'danger' })}>
                {messages.costs(formatCost('synthesize'))}{' '}
                {balance.data ? (
                  messages.balance(balance.data.available_credits)
                ) : balance.isError ? (
                  messages.balanceError
                ) : (
                  <span className="sr-only">{messages.balanceLoading}</span>
                )}
                {!affordable && ` ${messages.notEnoughCredits}`}
              </p>
              {balance.isPending && <Skeleton className="h-4 w-52 max-w-full" />}
              {balance.isError && !balance.data && (
                <Button variant="ghost" size="sm" onClick={() => void balance.refetch()} disabled={balance.isFetching}>
                  {messages.retry}
                </Button>
              )}
            </div>
          </div>
          <ActionFeedback label={messages.synthesize} mutation={synthesize} />
        </form>
      </Card>
    </div>
  );
}
