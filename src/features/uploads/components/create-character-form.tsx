import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TextField } from '../../../components/ui/text-field';
import { useId, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import type { CreateCharacterBody } from '../../../../contract/aurous';
import { NAME_MAX } from '../../../../contract/constants';
import type { AttributeErrors } from '../../../lib/character-attributes/attribute-form';
import { retryingImport } from '../../../lib/retrying-import';
import { Button } from '../../../components/ui/button';
import { Card } from '../../../components/ui/card';
import { Notice, toneText } from '../../../components/ui/notice';
import { describeError } from '../../../lib/aurous/api-error';
import { characterChanged } from '../../../lib/aurous/character-cache';
import { isLongApiWait, mutationRetry } from '../../../lib/aurous/retry-policy';
import { messages as aurousMessages } from '../../../lib/aurous/messages';
import { emitConsoleEvent } from '../../../lib/console-events';
import { messages } from '../messages';
import { createBlocker } from '../upload-summary';
import { landedUpload, type UploadItem } from '../upload-machine';
import { useUploadActions } from '../upload-store';
import type * as DetailsModule from './create-character-details';

// The description's fields and the submit's checks (name rules, attribute validation), and the
// paid-intent store a create goes through: few people open the description, and nobody needs the
// checks before pressing Create, so they are fetched when the form is first touched (well before a
// submit), not with the first screen.
const loadDetails = retryingImport(() => import('./create-character-details'));
const loadIntents = retryingImport(() => import('../../../lib/paid-intents'));
const prefetch = () => {
  void loadDetails().catch(() => {});
  void loadIntents().catch(() => {});
};

export function CreateCharacterForm({ items }: { items: readonly UploadItem[] }) {
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [attributes, setAttributes] = useState<DetailsModule.DetailValues>({});
  const [details, setDetails] = useState<typeof DetailsModule | null>(null);
  const [attributeErrors, setAttributeErrors] = useState<AttributeErrors>({});
  const reasonId = useId();
  const headingId = useId();
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const { sessionCleared } = useUploadActions();
  const blocker = createBlocker(items);

  const create = useMutation({
    mutationFn: async (body: CreateCharacterBody) => (await loadIntents()).sendIntent({ kind: 'create-from-uploads', body }),
    // The Idempotency-Key makes a repeat safe: a create that landed is replayed, not repeated.
    // It is stored before the request leaves, so a reload mid-create resumes it (the app shell)
    // instead of finding the uploads already used.
    ...mutationRetry(true),
    onSuccess: (character) => {
      characterChanged(queryClient, character);
      sessionCleared();
      emitConsoleEvent({ type: 'character.created', characterId: character.id, status: character.status });
      navigate(`/characters/${character.id}`);
    },
  });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setNameError(messages.form.nameRequired);
      return;
    }
    let checks: typeof DetailsModule;
    try {
      checks = await loadDetails();
    } catch {
      // Not loaded even after retries (offline): the create's own failure notice says so.
      return;
    }
    const described = checks.checkCreateForm(name, attributes, messages.form.nameRequired);
    if (described.nameError) {
      setNameError(described.nameError);
      return;
    }
    setAttributeErrors(described.errors);
    if (blocker || create.isPending || Object.keys(described.errors).length) return;
    const uploadIds = items.flatMap((item) => landedUpload(item)?.id ?? []);
    create.mutate({ name: trimmed, upload_ids: uploadIds, ...(described.attributes ? { attributes: described.attributes } : {}) });
  };

  return (
    <Card aria-labelledby={headingId}>
      <form
        onSubmit={(event) => void onSubmit(event)}
        onFocus={prefetch}
        noValidate
        aria-busy={create.isPending || undefined}
        className="flex flex-col gap-4"
      >
        <h2 id={headingId} className="text-lg font-semibold text-fg">
          {messages.form.heading}
        </h2>
        <TextField
          label={messages.form.nameLabel}
          value={name}
          maxLength={NAME_MAX}
          error={nameError}
          placeholder={messages.form.namePlaceholder}
          onChange={(value) => {
            setName(value);
            setNameError(null);
          }}
        />
        <details
          className="rounded-lg border border-line bg-surface-muted/40 px-3 py-2"
          onToggle={(event) => {
            if (event.currentTarget.open && !details) void loadDetails().then(setDetails, () => {});
          }}
        >
          <summary className="-mx-3 -my-2 cursor-pointer rounded-lg px-3 py-2.5 text-sm font-medium text-fg focus-visible:outline-2 focus-visible:outline-focus">
            {messages.form.describe}
          </summary>
          <p className="mb-3 mt-3 text-sm text-fg-muted">{messages.form.describeHint}</p>
          {details ? (
            <details.CreateDetailsFields
              values={attributes}
              errors={attributeErrors}
              onChange={(field, value) => setAttributes((current) => ({ ...current, [field]: value }))}
            />
          ) : (
            <p role="status" className="text-sm text-fg-muted">
              {messages.form.describeLoading}
            </p>
          )}
        </details>
        <div className="flex flex-wrap items-center gap-3">
          <Button
            type="submit"
            disabled={Boolean(blocker) || create.isPending || create.isSuccess}
            aria-describedby={blocker ? reasonId : undefined}
          >
            {/* Queued behind the team's rate budget past a moment: said on the button (the countdown would not fit the first screen). */}
            {create.isPending
              ? isLongApiWait(create.failureReason)
                ? aurousMessages.retrying.waitingForApi()
                : messages.form.creating
              : messages.form.create}
          </Button>
          {blocker && (
            <p id={reasonId} className={toneText()}>
              {blocker}
            </p>
          )}
        </div>
        {create.isError && (
          <Notice tone="danger" role="alert">
            {messages.form.failed(describeError(create.error))}
          </Notice>
        )}
        {create.isSuccess && (
          <Notice tone="success" role="status">
            {messages.form.created(create.data.name)}
          </Notice>
        )}
      </form>
    </Card>
  );
}
