import { Link } from 'wouter';
import { Notice } from '../../components/ui/notice';
import { linkVariants } from '../../components/ui/text-variants';
import { messages } from './messages';
import { useResumeActions, useResumeOutcomes } from './resume-paid-actions';

/** What each resumed paid action came to, with a way to its character; each can be dismissed. */
export function ResumeNotices() {
  const outcomes = useResumeOutcomes();
  const { outcomeDismissed } = useResumeActions();
  if (outcomes.length === 0) return null;
  return (
    <div role="status" className="mx-auto mt-4 flex max-w-5xl flex-col gap-2 px-4">
      {outcomes.map((outcome) => (
        <Notice key={outcome.key} tone="info">
          {outcome.text}{' '}
          {outcome.characterId && (
            <Link href={`/characters/${outcome.characterId}`} className={linkVariants()}>
              {messages.open}
            </Link>
          )}
          <button
            type="button"
            className="ml-2 min-h-8 underline focus-visible:outline-2 focus-visible:outline-focus"
            onClick={() => outcomeDismissed(outcome.key)}
          >
            {messages.dismiss}
          </button>
        </Notice>
      ))}
    </div>
  );
}
