import { defineMessages } from '../lib/i18n/messages';

export const messages = defineMessages({
  brand: 'Aurous console',
  skipToContent: 'Skip to content',
  mainNav: 'Main',
  nav: {
    upload: 'From images',
    synthesize: 'Synthesize',
    library: 'Library',
    review: 'QA review',
  },
  theme: {
    label: 'Theme',
    system: 'System',
    light: 'Light',
    dark: 'Dark',
    systemHint: 'Follow the system setting',
  },
  loadingPage: 'Loading…',
  notFound: {
    title: 'Page not found',
    body: 'This address has no page. The link may be old, or the character may have been deleted.',
    home: 'Go to the console',
  },
  offline: 'You are offline. Uploads and updates are paused and will carry on by themselves when the connection is back.',
});
