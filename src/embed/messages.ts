import { defineMessages } from '../lib/i18n/messages';

export const messages = defineMessages({
  standaloneTitle: 'Aurous console — embeddable view',
  standaloneBody: 'This page runs inside a partner’s dashboard, mounted with the Aurous console SDK.',
  connecting: 'Connecting…',
  close: 'Close',
});
