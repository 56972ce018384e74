import { defineMessages } from '../../lib/i18n/messages';

/** The few words the UI kit shows itself. */
export const messages = defineMessages({
  cancel: 'Cancel',
  loading: 'Loading…',
});
