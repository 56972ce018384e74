import type { TeamRole } from '../../../contract/team';
import { defineMessages } from '../i18n/messages';

/** The team's roles in words, shared by the person menu, the sign-in and the team pages. */
export const roleMessages = defineMessages({
  role: { owner: 'Owner', admin: 'Admin', creator: 'Creator', reviewer: 'Reviewer' } satisfies Record<TeamRole, string>,
});
