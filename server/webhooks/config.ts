/**
 * How this deployment gets webhooks (README, "Webhooks"):
 *
 * - the embedded sandbox (npm start's default): the console registers its own receiver
 *   (`<listen origin>/api/webhooks/aurous`, plain http on loopback, which only the sandbox takes);
 * - `CONSOLE_WEBHOOKS=register` with a real API: registers `${CONSOLE_PUBLIC_URL}/api/webhooks/aurous`
 *   (must be https);
 * - `CONSOLE_WEBHOOK_SECRET=whsec_…`: the team registered an endpoint pointing here themselves;
 *   deliveries are verified with this secret;
 * - `CONSOLE_WEBHOOKS=off` (or nothing, with a real API): no webhooks; polling covers everything.
 */
import { WEBHOOK_RECEIVER_PATH } from './receiver';

const isLoopbackUrl = (url: string) => /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//.test(url);

export type WebhookSetup = { kind: 'off' } | { kind: 'register'; url: string } | { kind: 'secret'; secret: string };

export interface WebhookEnv {
  CONSOLE_WEBHOOKS?: string | undefined;
  CONSOLE_WEBHOOK_SECRET?: string | undefined;
  CONSOLE_PUBLIC_URL?: string | undefined;
}

export function webhookSetupFromEnv(env: WebhookEnv, upstreamKind: 'aurous' | 'sandbox', listenOrigin: string): WebhookSetup {
  const mode = env.CONSOLE_WEBHOOKS?.trim().toLowerCase() || '';
  const secret = env.CONSOLE_WEBHOOK_SECRET?.trim() || '';
  if (mode && mode !== 'register' && mode !== 'off') {
    throw new Error(`CONSOLE_WEBHOOKS must be "register" or "off" (got "${env.CONSOLE_WEBHOOKS}").`);
  }
  if (mode === 'off') return { kind: 'off' };
  if (secret) {
    if (mode === 'register') throw new Error('Set CONSOLE_WEBHOOKS=register or CONSOLE_WEBHOOK_SECRET, not both.');
    if (!secret.startsWith('whsec_')) throw new Error("CONSOLE_WEBHOOK_SECRET must be the endpoint's signing secret (whsec_…).");
    return { kind: 'secret', secret };
  }
  if (mode === 'register') {
    const publicUrl = env.CONSOLE_PUBLIC_URL?.trim().replace(/\/+$/, '');
    if (!publicUrl) throw new Error('CONSOLE_WEBHOOKS=register needs CONSOLE_PUBLIC_URL (the https address the API delivers to).');
    const url = `${publicUrl}${WEBHOOK_RECEIVER_PATH}`;
    // The API delivers to https only; a standalone sandbox also to http on loopback (the bench).
    if (upstreamKind === 'aurous' && !url.startsWith('https://') && !isLoopbackUrl(url)) {
      throw new Error('CONSOLE_WEBHOOKS=register needs an https:// CONSOLE_PUBLIC_URL: the API delivers to https only.');
    }
    return { kind: 'register', url };
  }
  // The embedded sandbox: on by default, delivering to this process on loopback.
  if (upstreamKind === 'sandbox') return { kind: 'register', url: `${listenOrigin}${WEBHOOK_RECEIVER_PATH}` };
  return { kind: 'off' };
}
