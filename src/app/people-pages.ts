/**
 * Signing in, joining, the team page and the person menu, loaded as one lazy module: none is on
 * the first screen, and one chunk for the four keeps the first screen's shared chunks as they were
 * (each separate dynamic import made the bundler split the shared code into more, larger pieces).
 */
export { SignInPage } from '../features/access/sign-in-page';
export { JoinPage } from '../features/access/join-page';
export { TeamPage } from '../features/team/team-page';
export { PersonMenu } from './person-menu/person-menu';
