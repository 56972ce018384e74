import { defineMessages } from '../../lib/i18n/messages';

export const messages = defineMessages({
  /** The header button: who is signed in, and as what. */
  button: (name: string, role: string) => `${name} · ${role}`,
  signedInAs: 'Signed in as',
  team: 'Team',
  activity: 'Activity',
  signOut: 'Sign out',
  signingOut: 'Signing out…',
});
