import { defineMessages } from '../../lib/i18n/messages';

export const messages = defineMessages({
  signIn: {
    title: 'Sign in',
    description: 'Sign in with your email and password to use the console.',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    sso: (label: string) => `Sign in with ${label}`,
    ssoStarting: 'Opening single sign-on…',
    or: 'or',
    alreadySignedIn: (email: string) => `You are signed in as ${email}. Signing in here switches to another person.`,
    emailRequired: 'Enter your email address.',
    passwordRequired: 'Enter your password.',
    wrongCredentials: 'That email and password do not match anyone on this team. Check both, or ask an owner or admin for an invitation.',
    rateLimited: (wait: string) => `Too many sign-in attempts from this address. Wait ${wait}, then try again.`,
    sandboxTitle: 'Seeded people (embedded sandbox)',
    sandboxHint: 'Every one of them signs in with the password sandbox-password. Choose one to fill in the email.',
    fillEmail: (email: string, role: string) => `${email} (${role})`,
  },
  join: {
    title: 'Join the team',
    invitedAs: (role: string) => `You are invited to join as ${role}. Choose your name and a password.`,
    invitedAsFor: (role: string, email: string) =>
      `You are invited to join as ${role}, with the email ${email}. Choose your name and a password.`,
    checking: 'Checking the invitation…',
    noToken: 'This page needs the invitation link you were given (it ends in ?token=…).',
    invalid:
      'This invitation link cannot be used: it was already used, was revoked, or has expired. Ask whoever invited you for a new one.',
    email: 'Email',
    name: 'Name',
    password: 'Password',
    passwordHint: 'At least 8 characters.',
    submit: 'Join the team',
    submitting: 'Joining…',
    emailRequired: 'Enter your email address.',
    passwordTooShort: 'The password must be at least 8 characters.',
    signInInstead: 'Already on the team? Sign in',
  },
});
