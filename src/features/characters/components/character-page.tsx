import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { Button } from '../../../components/ui/button';
import { AurousApiError, describeError } from '../../../lib/aurous/api-error';
import { characterQueries, isSettled, pollInterval, synthesizingForMs } from '../../../lib/aurous/character-queries';
import { useCharacterActions } from '../api/use-character-actions';
import { CharacterReview } from './character-review';
import { EditDetailsForm } from './edit-details-form';
import { StatusBadge } from './status-badge';
import { SynthesisStatus } from './synthesis-status';

export function CharacterPage({ id }: { id: string }) {
  const character = useQuery({
    ...characterQueries.detail(id),
    // How long it has been synthesizing comes from the character itself, so a reload resumes
    // the same back-off instead of starting over.
    refetchInterval: (query) => pollInterval(query.state.data?.status, synthesizingForMs(query.state.data)),
    refetchIntervalInBackground: false,
    // A settled character changes only through what this page does, which updates the cache
    // itself: no refetch on focus or remount.
    staleTime: (query) => (isSettled(query.state.data?.status) ? Infinity : 0),
  });
  const actions = useCharacterActions(id);
  const [editing, setEditing] = useState(false);

  // Data first: a failed background refresh must not blank what is already on screen.
  if (character.data) {
    const { data } = character;
    return (
      <div className="flex flex-col gap-5">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold text-slate-900">{data.name}</h1>
          <StatusBadge status={data.status} />
          {!editing && (
            <Button variant="ghost" size="sm" onClick={() => setEditing(true)}>
              Edit details
            </Button>
          )}
        </div>
        {character.isRefetchError && (
          <p role="status" className="text-sm text-amber-900">
            Reconnecting… what you see may be out of date.
          </p>
        )}
        {editing && (
          <EditDetailsForm
            character={data}
            saving={actions.update.isPending}
            error={actions.update.error}
            onCancel={() => setEditing(false)}
            onSubmit={(body) => actions.update.mutate(body, { onSuccess: () => setEditing(false) })}
          />
        )}
        {data.status === 'synthesizing' && <SynthesisStatus character={data} />}
        {data.status === 'failed' && (
          <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-4 text-red-900">
            <p className="font-semibold">Synthesis failed</p>
            <p className="mt-1 text-sm">{data.error_message ?? 'No reason was given.'} Resynthesize to try again, or delete it.</p>
          </div>
        )}
        {data.status === 'reviewing' && (
          <p className="text-slate-700">Review the poses. Regenerate any that look wrong, then save to make the character ready to use.</p>
        )}
        <CharacterReview character={data} actions={actions} />
        <p className="text-sm text-slate-700">
          Character id <code className="rounded bg-slate-100 px-1">{data.id}</code>
        </p>
      </div>
    );
  }
  if (character.isError) {
    const gone = character.error instanceof AurousApiError && character.error.status === 404;
    return (
      <div role="alert" className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold text-slate-900">{gone ? 'Character not found' : 'Could not load the character'}</h1>
        <p className="text-slate-700">{gone ? 'This character no longer exists (it may have been deleted).' : describeError(character.error)}</p>
        <Link href="/characters" className="text-indigo-800 underline">
          Go to the library
        </Link>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-5" aria-busy="true">
      <div className="h-8 w-64 animate-pulse rounded bg-slate-200" />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {[0, 1, 2, 3].map((index) => (
          <div key={index} className="aspect-[3/4] animate-pulse rounded-xl bg-slate-200" />
        ))}
      </div>
      <span className="sr-only">Loading the character…</span>
    </div>
  );
}
