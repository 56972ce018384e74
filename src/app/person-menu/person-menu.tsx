import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { managesTeam, type TeamPerson } from '../../../contract/team';
import { Button } from '../../components/ui/button';
import { linkVariants } from '../../components/ui/text-variants';
import { roleMessages } from '../../lib/session/messages';
import { signOut } from '../../lib/session/team-api';
import { messages } from './messages';

/**
 * The header's person button: names who is signed in and their role; opens a panel with the
 * team pages (owners and admins) and Sign out. A disclosure, not an ARIA menu: plain links and a
 * button inside, reached with Tab; Escape or a click elsewhere closes it.
 */
export function PersonMenu({ person }: { person: TeamPerson }) {
  const [open, setOpen] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const role = roleMessages.role[person.role];

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const leave = async () => {
    setLeaving(true);
    await signOut();
    // Nothing of this person's stays on screen for whoever signs in next.
    queryClient.clear();
    navigate('/sign-in', { replace: true });
  };

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((was) => !was)}
        className="inline-flex min-h-8 min-w-8 max-w-48 items-center justify-center gap-1 rounded-lg px-1.5 text-sm font-medium text-fg ring-1 ring-line hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-focus sm:px-2"
      >
        {/* A person's outline on a phone; their name and role beside it from sm up (always in the name). */}
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          className="size-4 shrink-0 fill-none stroke-current stroke-2 [stroke-linecap:round] sm:hidden"
        >
          <path d="M12 12a4 4 0 1 0 0-8a4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0" />
        </svg>
        <span className="sr-only truncate sm:not-sr-only">{messages.button(person.name, role)}</span>
      </button>
      {open && (
        <div
          id={panelId}
          className="absolute right-0 z-40 mt-1 flex w-64 flex-col gap-3 rounded-xl border border-line bg-surface p-4 text-sm shadow-lg"
        >
          <p className="text-fg-muted">
            {messages.signedInAs}
            <span className="block break-all font-medium text-fg">{person.email}</span>
            <span className="block text-fg">{role}</span>
          </p>
          {managesTeam(person.role) && (
            <nav aria-label={messages.team} className="flex gap-4">
              <Link href="/team" className={linkVariants()} onClick={() => setOpen(false)}>
                {messages.team}
              </Link>
              <Link href="/team/activity" className={linkVariants()} onClick={() => setOpen(false)}>
                {messages.activity}
              </Link>
            </nav>
          )}
          <Button variant="secondary" size="sm" onClick={() => void leave()} disabled={leaving}>
            {leaving ? messages.signingOut : messages.signOut}
          </Button>
        </div>
      )}
    </div>
  );
}
