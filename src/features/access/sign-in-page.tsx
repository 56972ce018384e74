import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useLocation, useSearch } from 'wouter';
import type { SignInOptionsResponse } from '../../../contract/team';
import { Button } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { Notice } from '../../components/ui/notice';
import { PageHeader } from '../../components/ui/page-header';
import { AurousApiError, describeError } from '../../lib/aurous/api-error';
import { formatSeconds } from '../../lib/i18n/format';
import { roleMessages } from '../../lib/session/messages';
import { useSession } from '../../lib/session/session';
import { refreshPerson, returnPath, teamRequest } from '../../lib/session/team-api';
import { FormField } from '../../components/ui/form-field';
import { messages } from './messages';

const words = messages.signIn;

interface Problem {
  field: 'email' | 'password' | null;
  text: string;
}

function problemOf(error: unknown): Problem {
  if (error instanceof AurousApiError) {
    if (error.code === 'wrong_credentials') return { field: 'password', text: words.wrongCredentials };
    if (error.code === 'invalid_email') return { field: 'email', text: error.message };
    if (error.status === 429) return { field: null, text: words.rateLimited(formatSeconds(error.retryAfterS ?? 60)) };
  }
  return { field: null, text: describeError(error) };
}

/**
 * `/sign-in`: always its form, whoever is signed in (no automatic sign-in here). With the embedded
 * sandbox it lists the seeded people; with single sign-on configured it offers that too. After
 * signing in it returns to the page that sent the person here (`?next=`).
 */
export function SignInPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState<'password' | 'sso' | null>(null);
  const passwordField = useRef<HTMLInputElement>(null);
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const search = useSearch();
  const current = useSession((state) => state.person);
  const options = useQuery({
    queryKey: ['team', 'sign-in-options'],
    queryFn: () => teamRequest<SignInOptionsResponse>('/api/team/sign-in-options'),
    staleTime: Infinity,
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim()) return setProblem({ field: 'email', text: words.emailRequired });
    if (!password) return setProblem({ field: 'password', text: words.passwordRequired });
    setBusy('password');
    setProblem(null);
    try {
      await teamRequest('/api/auth/sign-in/email', { method: 'POST', body: { email: email.trim(), password } });
      // Another person may have used this tab: nothing of theirs stays in the cache.
      queryClient.clear();
      await refreshPerson();
      navigate(returnPath(search), { replace: true });
    } catch (error) {
      setProblem(problemOf(error));
      setBusy(null);
    }
  };

  const singleSignOn = async () => {
    setBusy('sso');
    setProblem(null);
    try {
      const { url } = await teamRequest<{ url: string }>('/api/auth/sign-in/oauth2', {
        method: 'POST',
        body: { providerId: 'oidc', callbackURL: returnPath(search) },
      });
      window.location.assign(url);
    } catch (error) {
      setProblem(problemOf(error));
      setBusy(null);
    }
  };

  const sandboxPeople = options.data?.sandboxPeople ?? null;
  const sso = options.data?.sso ?? null;
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4">
      <PageHeader title={words.title} description={words.description} />
      {current && <Notice role="status">{words.alreadySignedIn(current.email)}</Notice>}
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
            onChange={(event) => setEmail(event.target.value)}
            error={problem?.field === 'email' ? problem.text : null}
          />
          <FormField
            ref={passwordField}
            label={words.password}
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={problem?.field === 'password' ? problem.text : null}
          />
          <Button type="submit" disabled={busy !== null}>
            {busy === 'password' ? words.submitting : words.submit}
          </Button>
        </form>
        {sso && (
          <div className="mt-4 flex flex-col gap-3">
            <p className="text-center text-sm text-fg-muted">{words.or}</p>
            <Button variant="secondary" onClick={() => void singleSignOn()} disabled={busy !== null}>
              {busy === 'sso' ? words.ssoStarting : words.sso(sso.label)}
            </Button>
          </div>
        )}
      </Card>
      {sandboxPeople && (
        <Card aria-labelledby="sandbox-people">
          <h2 id="sandbox-people" className="text-base font-semibold text-fg">
            {words.sandboxTitle}
          </h2>
          <p className="mt-1 text-sm text-fg-muted">{words.sandboxHint}</p>
          <ul className="mt-3 flex flex-col gap-2">
            {sandboxPeople.map((person) => (
              <li key={person.email}>
                <Button
                  variant="ghost"
                  size="sm"
                  className="w-full justify-start"
                  onClick={() => {
                    setEmail(person.email);
                    setProblem(null);
                    passwordField.current?.focus();
                  }}
                >
                  {words.fillEmail(person.email, roleMessages.role[person.role])}
                </Button>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
