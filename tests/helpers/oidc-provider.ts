/**
 * A real OpenID provider (the `oidc-provider` package) on 127.0.0.1, for single sign-on tests and
 * local development (scripts/dev-oidc-provider.ts). One confidential client, a few test accounts;
 * its development login page accepts an account's email as the login (any password) and then
 * asks for consent, which `driveOidcSignIn` below (or a browser) gets through.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestAccount {
  email: string;
  name: string;
  /** Whether the provider vouches for the address (`email_verified`); default true. */
  emailVerified?: boolean;
}

export interface OidcProviderOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  clientId: string;
  clientSecret: string;
  /** The console's Better Auth callback(s), e.g. http://127.0.0.1:5173/api/auth/callback/oidc. */
  redirectUris: string[];
  accounts: TestAccount[];
}

export interface RunningOidcProvider {
  issuer: string;
  stop(): Promise<void>;
}

export const consoleCallback = (consoleOrigin: string) => `${consoleOrigin}/api/auth/callback/oidc`;

export async function startOidcProvider(options: OidcProviderOptions): Promise<RunningOidcProvider> {
  const accounts = new Map(options.accounts.map((account) => [account.email.toLowerCase(), account]));
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    // The login is the account's email; unknown logins have no account (the flow fails at the provider).
    findAccount: (_ctx, id) => {
      const account = accounts.get(id.trim().toLowerCase());
      if (!account) return undefined;
      return {
        accountId: account.email.toLowerCase(),
        claims: () => ({
          sub: account.email.toLowerCase(),
          email: account.email.toLowerCase(),
          email_verified: account.emailVerified ?? true,
          name: account.name,
        }),
      };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ['oidc-test-provider-cookie-key-0123456789'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ── Driving the authorization-code flow without a browser ─────────────────────────────────────

/** Cookies per origin, as a browser keeps them (enough for these two servers). */
export class CookieJar {
  private readonly jar = new Map<string, Map<string, string>>();

  store(url: string, response: Response): void {
    const origin = new URL(url).origin;
    const cookies = this.jar.get(origin) ?? new Map<string, string>();
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)) || value === '';
      if (expired) cookies.delete(name);
      else cookies.set(name, value);
    }
    this.jar.set(origin, cookies);
  }

  header(url: string): string {
    const cookies = this.jar.get(new URL(url).origin);
    return cookies ? [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') : '';
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.header(url);
    if (cookie) headers.set('Cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.store(url, response);
    return response;
  }
}

export interface SsoOutcome {
  /** Where the console finally sent the browser (its callbackURL, or the error page with ?error=). */
  landedOn: URL;
  /** The console's cookies (the session cookie when the sign-in worked). */
  consoleCookie: string;
}

const formAction = (html: string) => /<form[^>]*action="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');

/**
 * Signs in through the whole flow as a browser would: console start → provider login (as `email`)
 * → consent → the console's callback, which lands on the callbackURL or the error page.
 */
export async function driveOidcSignIn(
  consoleOrigin: string,
  email: string,
  start: Record<string, unknown> = {},
  jar = new CookieJar(),
): Promise<SsoOutcome> {
  const started = await jar.fetch(`${consoleOrigin}/api/auth/sign-in/oauth2`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: consoleOrigin },
    body: JSON.stringify({ providerId: 'oidc', callbackURL: '/', ...start }),
  });
  if (!started.ok) throw new Error(`Starting SSO answered ${started.status}: ${await started.text()}`);
  const { url } = (await started.json()) as { url: string };
  let next = new URL(url);
  for (let hop = 0; hop < 20; hop += 1) {
    const response = await jar.fetch(next.href);
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      if (!location) throw new Error(`${next.href} redirected without a Location.`);
      const target = new URL(location, next);
      // Back on the console past its callback: the flow is over.
      if (target.origin === consoleOrigin && !target.pathname.startsWith('/api/auth/')) {
        return { landedOn: target, consoleCookie: jar.header(consoleOrigin) };
      }
      next = target;
      continue;
    }
    const html = await response.text();
    const action = formAction(html);
    if (response.status !== 200 || !action) throw new Error(`Unexpected page at ${next.href} (${response.status}): ${html.slice(0, 400)}`);
    const form = html.includes('name="login"')
      ? new URLSearchParams({ prompt: 'login', login: email, password: 'any-password' })
      : new URLSearchParams({ prompt: 'consent' });
    const submitted = await jar.fetch(new URL(action, next).href, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    const location = submitted.headers.get('location');
    if (!location)
      throw new Error(`The provider's ${form.get('prompt')} form answered ${submitted.status}: ${(await submitted.text()).slice(0, 400)}`);
    next = new URL(location, next);
  }
  throw new Error('The sign-in did not finish within 20 steps.');
}
