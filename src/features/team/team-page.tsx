import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import {
  managesTeam,
  TEAM_ROLES,
  type CreatedInvitationResponse,
  type InvitationsResponse,
  type MembersResponse,
  type TeamMember,
  type TeamPerson,
  type TeamRole,
} from '../../../contract/team';
import { Button } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { LinkButton } from '../../components/ui/link-button';
import { Notice } from '../../components/ui/notice';
import { PageHeader } from '../../components/ui/page-header';
import { fieldVariants } from '../../components/ui/text-variants';
import { describeError } from '../../lib/aurous/api-error';
import { formatDateTime } from '../../lib/i18n/format';
import { roleMessages } from '../../lib/session/messages';
import { useSession } from '../../lib/session/session';
import { refreshPerson, teamRequest } from '../../lib/session/team-api';
import { messages } from './messages';

const roleWord = (role: TeamRole) => roleMessages.role[role];
const date = (iso: string) => formatDateTime(iso);
const keys = { members: ['team', 'members'], invitations: ['team', 'invitations'] } as const;

/** `/team`: owners and admins manage the members and invitations; everyone else is told why not. */
export function TeamPage() {
  const person = useSession((state) => state.person);
  if (!person) return null;
  if (!managesTeam(person.role)) {
    return (
      <>
        <PageHeader title={messages.title} />
        <Notice tone="warning" role="alert">
          {messages.notAllowed(roleWord(person.role).toLowerCase())}
        </Notice>
      </>
    );
  }
  return <TeamManagement me={person} />;
}

function TeamManagement({ me }: { me: TeamPerson }) {
  const queryClient = useQueryClient();
  const [announcement, setAnnouncement] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [removing, setRemoving] = useState<TeamMember | null>(null);
  const members = useQuery({
    queryKey: keys.members,
    queryFn: () => teamRequest<MembersResponse>('/api/team/members'),
  });
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: ['team'] })]);

  const changeRole = useMutation({
    mutationFn: ({ member, role }: { member: TeamMember; role: TeamRole }) =>
      teamRequest(`/api/team/members/${encodeURIComponent(member.id)}`, { method: 'PATCH', body: { role } }),
    onMutate: () => setProblem(null),
    onSuccess: async (_answer, { member, role }) => {
      setAnnouncement(messages.members.roleChanged(member.email, roleWord(role).toLowerCase()));
      if (member.id === me.id) await refreshPerson();
    },
    onError: (error) => setProblem(describeError(error)),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (member: TeamMember) => teamRequest(`/api/team/members/${encodeURIComponent(member.id)}`, { method: 'DELETE' }),
    onMutate: () => setProblem(null),
    onSuccess: (_answer, member) => setAnnouncement(messages.members.removed(member.email)),
    onError: (error) => setProblem(describeError(error)),
    onSettled: async () => {
      setRemoving(null);
      await refresh();
    },
  });

  return (
    <>
      <PageHeader
        title={messages.title}
        description={messages.description}
        actions={
          <LinkButton href="/team/activity" variant="secondary" size="sm">
            {messages.activity}
          </LinkButton>
        }
      />
      <p role="status" className="sr-only">
        {announcement}
      </p>
      {problem && (
        <Notice tone="danger" role="alert" className="mb-4">
          {problem}
        </Notice>
      )}
      <div className="flex flex-col gap-6">
        <Card aria-labelledby="team-members">
          <h2 id="team-members" className="text-lg font-semibold text-fg">
            {messages.members.title}
          </h2>
          {members.isPending ? (
            <p role="status" className="mt-3 text-fg-muted">
              {messages.members.loading}
            </p>
          ) : members.isError ? (
            <Notice tone="danger" role="alert" className="mt-3">
              {describeError(members.error)}
            </Notice>
          ) : (
            <ul className="mt-3 divide-y divide-line">
              {members.data.members.map((member) => (
                <MemberRow
                  key={member.id}
                  member={member}
                  me={me}
                  busy={changeRole.isPending || remove.isPending}
                  onRole={(role) => changeRole.mutate({ member, role })}
                  onRemove={() => setRemoving(member)}
                />
              ))}
            </ul>
          )}
        </Card>
        <InviteCard onInvited={refresh} />
        <PendingInvitations onProblem={setProblem} onRevoked={() => setAnnouncement(messages.pending.revoked)} />
      </div>
      <ConfirmDialog
        open={removing !== null}
        title={removing ? messages.members.confirmTitle(removing.email) : ''}
        confirmLabel={messages.members.confirm}
        tone="danger"
        busy={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing)}
        onCancel={() => setRemoving(null)}
      >
        {messages.members.confirmBody}
      </ConfirmDialog>
    </>
  );
}

function MemberRow({
  member,
  me,
  busy,
  onRole,
  onRemove,
}: {
  member: TeamMember;
  me: TeamPerson;
  busy: boolean;
  onRole: (role: TeamRole) => void;
  onRemove: () => void;
}) {
  const selectId = useId();
  // Only an owner touches an owner or makes one (the server says the same).
  const locked = member.role === 'owner' && me.role !== 'owner';
  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-2 py-3">
      <div className="min-w-0 flex-1 basis-56">
        <p className="font-medium text-fg">
          {member.name}
          {member.id === me.id && <span className="text-fg-muted"> ({messages.members.you})</span>}
        </p>
        <p className="break-all text-sm text-fg-muted">{member.email}</p>
        <p className="text-sm text-fg-muted">{messages.members.joined(date(member.joinedAt))}</p>
      </div>
      <label htmlFor={selectId} className="sr-only">
        {messages.members.roleFor(member.email)}
      </label>
      <select
        id={selectId}
        value={member.role}
        disabled={busy || locked}
        onChange={(event) => onRole(event.target.value as TeamRole)}
        className={fieldVariants({ width: 'auto' })}
      >
        {TEAM_ROLES.map((role) => (
          <option key={role} value={role} disabled={role === 'owner' && me.role !== 'owner'}>
            {roleWord(role)}
          </option>
        ))}
      </select>
      <Button variant="danger" size="sm" onClick={onRemove} disabled={busy || locked} aria-label={messages.members.removeFor(member.email)}>
        {messages.members.remove}
      </Button>
    </li>
  );
}

function InviteCard({ onInvited }: { onInvited: () => Promise<unknown> }) {
  const me = useSession((state) => state.person);
  const [role, setRole] = useState<TeamRole>('creator');
  const [email, setEmail] = useState('');
  const [copied, setCopied] = useState(false);
  const roleId = useId();
  const emailId = useId();
  const linkId = useId();
  const invite = useMutation({
    mutationFn: () =>
      teamRequest<CreatedInvitationResponse>('/api/team/invitations', {
        method: 'POST',
        body: email.trim() ? { role, email: email.trim() } : { role },
      }),
    onMutate: () => setCopied(false),
    onSuccess: onInvited,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate();
  };
  const copy = async (link: string) => {
    await navigator.clipboard.writeText(link).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <Card aria-labelledby="team-invite">
      <h2 id="team-invite" className="text-lg font-semibold text-fg">
        {messages.invite.title}
      </h2>
      <p className="mt-1 text-sm text-fg-muted">{messages.invite.description}</p>
      <form onSubmit={submit} noValidate className="mt-3 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={roleId} className="mb-1 block text-sm font-medium text-fg">
            {messages.invite.role}
          </label>
          <select
            id={roleId}
            value={role}
            onChange={(event) => setRole(event.target.value as TeamRole)}
            className={fieldVariants({ width: 'auto' })}
          >
            {TEAM_ROLES.filter((choice) => choice !== 'owner' || me?.role === 'owner').map((choice) => (
              <option key={choice} value={choice}>
                {roleWord(choice)}
              </option>
            ))}
          </select>
        </div>
        <div className="min-w-0 flex-1 basis-56">
          <label htmlFor={emailId} className="mb-1 block text-sm font-medium text-fg">
            {messages.invite.email}
          </label>
          <input
            id={emailId}
            type="email"
            autoComplete="off"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            aria-describedby={`${emailId}-hint`}
            aria-invalid={invite.isError ? true : undefined}
            className={fieldVariants()}
          />
          <p id={`${emailId}-hint`} className="mt-1 text-sm text-fg-muted">
            {messages.invite.emailHint}
          </p>
        </div>
        <Button type="submit" disabled={invite.isPending}>
          {invite.isPending ? messages.invite.submitting : messages.invite.submit}
        </Button>
      </form>
      {invite.isError && (
        <Notice tone="danger" role="alert" className="mt-3">
          {describeError(invite.error)}
        </Notice>
      )}
      {invite.data && (
        <div className="mt-4">
          <label htmlFor={linkId} className="mb-1 block text-sm font-medium text-fg">
            {messages.invite.link}
          </label>
          <div className="flex flex-wrap gap-2">
            <input
              id={linkId}
              readOnly
              value={invite.data.link}
              onFocus={(event) => event.target.select()}
              aria-describedby={`${linkId}-hint`}
              className={fieldVariants({ className: 'min-w-0 flex-1 basis-64 font-mono text-sm' })}
            />
            <Button variant="secondary" onClick={() => void copy(invite.data.link)}>
              {copied ? messages.invite.copied : messages.invite.copy}
            </Button>
          </div>
          <p id={`${linkId}-hint`} className="mt-1 text-sm text-fg-muted">
            {messages.invite.linkHint(date(invite.data.invitation.expiresAt))}
          </p>
        </div>
      )}
    </Card>
  );
}

function PendingInvitations({ onProblem, onRevoked }: { onProblem: (text: string | null) => void; onRevoked: () => void }) {
  const queryClient = useQueryClient();
  const invitations = useQuery({
    queryKey: keys.invitations,
    queryFn: () => teamRequest<InvitationsResponse>('/api/team/invitations'),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => teamRequest(`/api/team/invitations/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onMutate: () => onProblem(null),
    onSuccess: onRevoked,
    onError: (error) => onProblem(describeError(error)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.invitations }),
  });
  return (
    <Card aria-labelledby="team-pending">
      <h2 id="team-pending" className="text-lg font-semibold text-fg">
        {messages.pending.title}
      </h2>
      {invitations.isError ? (
        <Notice tone="danger" role="alert" className="mt-3">
          {describeError(invitations.error)}
        </Notice>
      ) : invitations.data && invitations.data.invitations.length === 0 ? (
        <p className="mt-3 text-sm text-fg-muted">{messages.pending.none}</p>
      ) : (
        <ul className="mt-3 divide-y divide-line">
          {invitations.data?.invitations.map((invitation) => {
            const who = invitation.email ?? messages.pending.anyone;
            return (
              <li key={invitation.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 py-3">
                <div className="min-w-0 flex-1 basis-56">
                  <p className="break-all font-medium text-fg">{messages.pending.line(roleWord(invitation.role), who)}</p>
                  <p className="text-sm text-fg-muted">{messages.pending.detail(invitation.invitedBy, date(invitation.expiresAt))}</p>
                </div>
                <Button
                  variant="secondary"
                  size="sm"
                  disabled={revoke.isPending}
                  onClick={() => revoke.mutate(invitation.id)}
                  aria-label={messages.pending.revokeFor(who)}
                >
                  {messages.pending.revoke}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
