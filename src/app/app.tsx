import { lazy, Suspense } from 'react';
import { Link, Route, Switch } from 'wouter';
import { UploadPage } from '../features/uploads/components/upload-page';
import { ConnectionBanner } from './connection-banner';
import { ResumePaidActions } from './resume-paid-actions';

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

const NAV = [
  { href: '/', label: 'From images' },
  { href: '/synthesize', label: 'Synthesize' },
  { href: '/characters', label: 'Library' },
  { href: '/review', label: 'QA review' },
];

export function App() {
  return (
    <div className="min-h-screen bg-slate-50">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <nav aria-label="Main" className="mx-auto flex max-w-5xl items-center gap-6 px-4 py-3">
          <Link href="/" className="text-lg font-bold text-slate-900">
            Aurous console
          </Link>
          {NAV.map((item) => (
            <Link
              key={item.href}
              href={item.href}
              className={(active) =>
                `text-sm font-medium hover:text-slate-900 ${active ? 'text-indigo-800 underline underline-offset-4' : 'text-slate-700'}`
              }
            >
              {item.label}
            </Link>
          ))}
        </nav>
      </header>
      <ConnectionBanner />
      <ResumePaidActions />
      <main id="main" className="mx-auto max-w-5xl px-4 py-6">
        <Suspense fallback={<p className="text-slate-700">Loading…</p>}>
          <Switch>
            <Route path="/" component={UploadPage} />
            <Route path="/synthesize" component={SynthesizePage} />
            <Route path="/characters" component={LibraryPage} />
            <Route path="/review" component={ReviewQueuePage} />
            <Route path="/characters/:id">{(params) => <CharacterPage id={params.id} />}</Route>
            <Route>
              <div>
                <h1 className="text-2xl font-bold text-slate-900">Page not found</h1>
                <Link href="/" className="text-indigo-800 underline">
                  Go to the console
                </Link>
              </div>
            </Route>
          </Switch>
        </Suspense>
      </main>
    </div>
  );
}
