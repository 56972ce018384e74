import { lazy, Suspense, useEffect } from 'react';
import { cva } from 'class-variance-authority';
import { Link, Route, Switch, useLocation } from 'wouter';
import { ErrorBoundary } from '../components/ui/error-boundary';
import { linkVariants } from '../components/ui/text-variants';
import { UploadPage } from '../features/uploads/components/upload-page';
import { hasStoredPaidIntents } from '../lib/paid-intents-storage';
import { SIGN_IN_PATHS, useSession } from '../lib/session/session';
import { useAppliedTheme } from '../lib/theme/theme-preference';
import { ConnectionBanner } from './connection-banner';
import { messages } from './messages';
import { ThemeSwitcher } from './theme-switcher';

const CharacterPage = lazy(() =>
  import('../features/characters/components/character-page').then((module) => ({ default: module.CharacterPage })),
);
const SynthesizePage = lazy(() =>
  import('../features/characters/components/synthesize-page').then((module) => ({ default: module.SynthesizePage })),
);
const LibraryPage = lazy(() =>
  import('../features/characters/components/library-page').then((module) => ({ default: module.LibraryPage })),
);

const ReviewQueuePage = lazy(() =>
  import('../features/review-queue/components/review-queue-page').then((module) => ({ default: module.ReviewQueuePage })),
);

const ActivityPage = lazy(() =>
  import('../features/team-activity/components/activity-page').then((module) => ({ default: module.ActivityPage })),
);
// Signing in, joining, the team and the person menu are not on the first screen (see people-pages.ts).
const peoplePages = () => import('./people-pages');
const SignInPage = lazy(() => peoplePages().then((module) => ({ default: module.SignInPage })));
const JoinPage = lazy(() => peoplePages().then((module) => ({ default: module.JoinPage })));
const TeamPage = lazy(() => peoplePages().then((module) => ({ default: module.TeamPage })));
const PersonMenu = lazy(() => peoplePages().then((module) => ({ default: module.PersonMenu })));

// Only a page closed mid-payment has anything to resume (main.tsx starts it); everyone else never loads that code.
const ResumeNotices = lazy(() => import('./resume/resume-paid-actions').then((module) => ({ default: module.ResumeNotices })));
const resumeOnLoad = hasStoredPaidIntents();

const NAV = [
  { href: '/', label: messages.nav.upload },
  { href: '/synthesize', label: messages.nav.synthesize },
  { href: '/characters', label: messages.nav.library },
  { href: '/review', label: messages.nav.review },
];

const navLink = cva(
  'inline-flex min-h-8 items-center rounded-lg px-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-focus sm:px-2',
  { variants: { active: { true: 'bg-accent-soft text-accent-fg', false: 'text-fg-muted hover:bg-surface-muted hover:text-fg' } } },
);

export function App() {
  useAppliedTheme();
  const [location, navigate] = useLocation();
  const { status, person } = useSession();
  const signingIn = SIGN_IN_PATHS.includes(location);
  // Not signed in (or no longer): the sign-in page, which comes back here afterwards.
  const toSignIn = status === 'signed-out' && !signingIn;
  useEffect(() => {
    if (toSignIn) navigate(`/sign-in?next=${encodeURIComponent(location + window.location.search)}`, { replace: true });
  }, [toSignIn, location, navigate]);
  // The screen is drawn at once, while the start-up check runs (every API call waits for it).
  const ready = signingIn || status !== 'signed-out';
  return (
    <div className="min-h-screen bg-canvas text-fg">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded-lg focus:bg-surface focus:px-3 focus:py-2"
      >
        {messages.skipToContent}
      </a>
      <header className="border-b border-line bg-surface">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2.5">
          <Link href="/" className="mr-auto text-lg font-bold text-fg sm:mr-2">
            {messages.brand}
          </Link>
          <nav
            aria-label={messages.mainNav}
            className="order-last -mx-1 flex w-full flex-wrap justify-between gap-0.5 sm:order-none sm:mx-0 sm:w-auto sm:flex-1 sm:justify-start"
          >
            {NAV.map((item) => (
              <Link key={item.href} href={item.href} className={(active) => navLink({ active })}>
                {item.label}
              </Link>
            ))}
          </nav>
          <ThemeSwitcher />
          {person && (
            <Suspense fallback={null}>
              <PersonMenu person={person} />
            </Suspense>
          )}
        </div>
      </header>
      <ConnectionBanner />
      {resumeOnLoad && (
        <Suspense fallback={null}>
          <ResumeNotices />
        </Suspense>
      )}
      <main id="main" className="mx-auto max-w-5xl px-4 py-6">
        {/* Keyed by the address: moving to another screen starts it afresh after a failure. */}
        <ErrorBoundary key={location}>
          <Suspense
            fallback={
              <p role="status" className="text-fg-muted">
                {messages.loadingPage}
              </p>
            }
          >
            {ready && (
              <Switch>
                <Route path="/sign-in" component={SignInPage} />
                <Route path="/join" component={JoinPage} />
                <Route path="/team/activity" component={ActivityPage} />
                <Route path="/team" component={TeamPage} />
                <Route path="/" component={UploadPage} />
                <Route path="/synthesize" component={SynthesizePage} />
                <Route path="/characters" component={LibraryPage} />
                {/* /review/team, the team QA page, is the queue's chunk's too (its own would grow the first screen). */}
                <Route path="/review/*?" component={ReviewQueuePage} />
                <Route path="/characters/:id">{(params) => <CharacterPage id={params.id} />}</Route>
                <Route>
                  <div className="flex flex-col items-start gap-2">
                    <h1 className="text-2xl font-bold text-fg">{messages.notFound.title}</h1>
                    <p className="text-fg-muted">{messages.notFound.body}</p>
                    <Link href="/" className={linkVariants()}>
                      {messages.notFound.home}
                    </Link>
                  </div>
                </Route>
              </Switch>
            )}
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}
