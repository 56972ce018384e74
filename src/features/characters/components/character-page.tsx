import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { AurousApiError, describeError } from '../../../lib/aurous/api-error';
import { characterQueries, pollInterval, synthesizingForMs } from '../../../lib/aurous/character-queries';
import { StatusBadge } from './status-badge';
import { RefGrid } from './ref-grid';

export function CharacterPage({ id }: { id: string }) {
  const character = useQuery({
    ...characterQueries.detail(id),
    // How long it has been synthesizing comes from the character itself, so a reload resumes
    // the same back-off instead of starting over.
    refetchInterval: (query) => pollInterval(query.state.data?.status, synthesizingForMs(query.state.data)),
    refetchIntervalInBackground: false,
  });

  // Data first: a failed background refresh must not blank what is already on screen.
  if (character.data) {
    const { data } = character;
    return (
      <div className="flex flex-col gap-5">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold text-slate-900">{data.name}</h1>
          <StatusBadge status={data.status} />
        </div>
        {character.isRefetchError && (
          <p role="status" className="text-sm text-amber-900">
            Reconnecting… the view below may be out of date.
          </p>
        )}
        {data.status === 'synthesizing' && (
          <p role="status" className="text-slate-700">
            Synthesizing the reference poses. This usually takes 30–90 seconds; the page updates by itself.
          </p>
        )}
        {data.status === 'failed' && data.error_message && (
          <p role="alert" className="text-red-800">
            Synthesis failed: {data.error_message}
          </p>
        )}
        <RefGrid refs={data.refs} />
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
        <p className="text-slate-700">{gone ? 'This character does not exist or was deleted.' : describeError(character.error)}</p>
        <Link href="/" className="text-indigo-800 underline">
          Create a new character
        </Link>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-5" aria-busy="true">
      <div className="h-8 w-64 animate-pulse rounded bg-slate-200" />
      <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
        {[0, 1, 2, 3].map((index) => (
          <div key={index} className="aspect-[3/4] animate-pulse rounded-xl bg-slate-200" />
        ))}
      </div>
      <span className="sr-only">Loading the character…</span>
    </div>
  );
}
