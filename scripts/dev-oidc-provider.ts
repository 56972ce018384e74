/**
 * A local OpenID provider for trying single sign-on (and for the e2e tests): `oidc-provider` with
 * one client and the sandbox's people as accounts, plus stranger@example.test, whom the team does
 * not know. Its login page takes an account's email and any password.
 *
 *   npx tsx scripts/dev-oidc-provider.ts            # http://127.0.0.1:5180, for a console on :5173
 *   CONSOLE_OIDC_ISSUER=http://127.0.0.1:5180 CONSOLE_OIDC_CLIENT_ID=aurous-console \
 *     CONSOLE_OIDC_CLIENT_SECRET=dev-oidc-secret-not-for-production npm start
 *
 * OIDC_PORT, CONSOLE_URL (where the console runs), OIDC_CLIENT_ID and OIDC_CLIENT_SECRET change the
 * defaults. Development only: keys, sessions and grants live in memory.
 */
import { SANDBOX_PEOPLE } from '../server/people/people';
import { consoleCallback, startOidcProvider } from '../tests/helpers/oidc-provider';

const port = Number(process.env.OIDC_PORT ?? 5180);
const consoleUrl = (process.env.CONSOLE_URL ?? 'http://127.0.0.1:5173').replace(/\/+$/, '');
const clientId = process.env.OIDC_CLIENT_ID ?? 'aurous-console';
const clientSecret = process.env.OIDC_CLIENT_SECRET ?? 'dev-oidc-secret-not-for-production';
// The console answers on 127.0.0.1 and localhost alike: register both callbacks.
const consoleOrigins = [consoleUrl, consoleUrl.replace('//127.0.0.1', '//localhost'), consoleUrl.replace('//localhost', '//127.0.0.1')];

const provider = await startOidcProvider({
  port,
  clientId,
  clientSecret,
  redirectUris: [...new Set(consoleOrigins.map(consoleCallback))],
  accounts: [...SANDBOX_PEOPLE.map(({ email, name }) => ({ email, name })), { email: 'stranger@example.test', name: 'Not On The Team' }],
});

console.log(`OpenID provider on ${provider.issuer} for ${consoleUrl}`);
console.log(`  CONSOLE_OIDC_ISSUER=${provider.issuer} CONSOLE_OIDC_CLIENT_ID=${clientId} CONSOLE_OIDC_CLIENT_SECRET=${clientSecret}`);
console.log('  sign in with any of the sandbox people (any password); stranger@example.test is refused by the console');

const stop = () => void provider.stop().finally(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
