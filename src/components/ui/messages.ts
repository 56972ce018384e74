import { defineMessages } from '../../lib/i18n/messages';

/** The few words the UI kit shows itself. */
export const messages = defineMessages({
  cancel: 'Cancel',
  crashed:
    'This part of the console could not be shown, most often because the connection dropped while it loaded. Your uploads and choices are kept.',
  reload: 'Reload the page',
});
