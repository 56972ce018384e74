import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import type { JoinBody, JoinPreviewResponse } from '../../../contract/team';
import { Button } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { Notice } from '../../components/ui/notice';
import { PageHeader } from '../../components/ui/page-header';
import { linkVariants } from '../../components/ui/text-variants';
import { AurousApiError, describeError } from '../../lib/aurous/api-error';
import { roleMessages } from '../../lib/session/messages';
import { refreshPerson, teamRequest } from '../../lib/session/team-api';
import { FormField } from '../../components/ui/form-field';
import { messages } from './messages';

const words = messages.join;
const MIN_PASSWORD = 8;

/** `/join?token=…`: an invited person chooses their name and password, and is signed in. */
export function JoinPage() {
  const token = new URLSearchParams(useSearch()).get('token') ?? '';
  const preview = useQuery({
    queryKey: ['team', 'join', token],
    queryFn: () => teamRequest<JoinPreviewResponse>(`/api/team/join?token=${encodeURIComponent(token)}`),
    enabled: token !== '',
    retry: false,
  });
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4">
      <PageHeader title={words.title} />
      {!token ? (
        <Notice tone="warning" role="alert">
          {words.noToken}
        </Notice>
      ) : preview.isPending ? (
        <p role="status" className="text-fg-muted">
          {words.checking}
        </p>
      ) : preview.isError ? (
        <Notice tone="danger" role="alert">
          {preview.error instanceof AurousApiError && preview.error.code === 'invalid_invitation'
            ? words.invalid
            : describeError(preview.error)}
        </Notice>
      ) : (
        <JoinForm token={token} invitation={preview.data} />
      )}
      <Link href="/sign-in" className={linkVariants({ className: 'self-start text-sm' })}>
        {words.signInInstead}
      </Link>
    </div>
  );
}

function JoinForm({ token, invitation }: { token: string; invitation: JoinPreviewResponse }) {
  const [email, setEmail] = useState(invitation.email ?? '');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<{ field: 'email' | 'password' | null; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const role = roleMessages.role[invitation.role];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim()) return setProblem({ field: 'email', text: words.emailRequired });
    if (password.length < MIN_PASSWORD) return setProblem({ field: 'password', text: words.passwordTooShort });
    setBusy(true);
    setProblem(null);
    try {
      const body: JoinBody = { token, email: email.trim(), password, name: name.trim() };
      await teamRequest('/api/team/join', { method: 'POST', body });
      queryClient.clear();
      await refreshPerson();
      navigate('/', { replace: true });
    } catch (error) {
      const code = error instanceof AurousApiError ? error.code : '';
      const field = code === 'invalid_email' || code === 'email_taken' ? 'email' : code === 'weak_password' ? 'password' : null;
      setProblem({ field, text: describeError(error) });
      setBusy(false);
    }
  };

  return (
    <>
      <p className="text-fg">{invitation.email ? words.invitedAsFor(role, invitation.email) : words.invitedAs(role)}</p>
      {problem && !problem.field && (
        <Notice tone="danger" role="alert">
          {problem.text}
        </Notice>
      )}
      <Card>
        <form noValidate onSubmit={(event) => void submit(event)} className="flex flex-col gap-4">
          <FormField
            label={words.email}
            type="email"
            name="email"
            autoComplete="username"
            value={email}
            readOnly={invitation.email !== null}
            onChange={(event) => setEmail(event.target.value)}
            error={problem?.field === 'email' ? problem.text : null}
          />
          <FormField label={words.name} name="name" autoComplete="name" value={name} onChange={(event) => setName(event.target.value)} />
          <FormField
            label={words.password}
            type="password"
            name="password"
            autoComplete="new-password"
            hint={words.passwordHint}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={problem?.field === 'password' ? problem.text : null}
          />
          <Button type="submit" disabled={busy}>
            {busy ? words.submitting : words.submit}
          </Button>
        </form>
      </Card>
    </>
  );
}
