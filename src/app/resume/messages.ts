import { defineMessages } from '../../lib/i18n/messages';

/** What the console says when it resumes an action a reload interrupted. */
export const messages = defineMessages({
  synthesis: (name: string) => `the synthesis of “${name}”`,
  creation: (name: string) => `creating “${name}” from your images`,
  regenerate: (pose: string) => `regenerating the ${pose} pose`,
  resynthesize: 'resynthesizing all poses',
  resumed: (what: string) => `Resumed ${what} after the page was reloaded.`,
  failed: (what: string, why: string) => `Could not resume ${what}: ${why}`,
  open: 'Open the character',
  dismiss: 'Dismiss',
});
