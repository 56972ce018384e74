/** Embedding settings from the environment. Embedding is off unless a secret is set. */
import { normalizeOrigin } from '../contract/embed';
import { deriveEmbedKey } from './embed-session';

export interface EmbedConfig {
  /** Signs session tokens; null when embedding is off. */
  key: Buffer | null;
  /** The partner's backend authenticates session requests with this. */
  secret: string | null;
  /** Partner origins allowed to frame the console (and to be named in a session). */
  origins: string[];
}

export interface EmbedEnv {
  CONSOLE_EMBED_SECRET?: string | undefined;
  CONSOLE_EMBED_ORIGINS?: string | undefined;
}

export function embedConfigFromEnv(env: EmbedEnv): EmbedConfig {
  const secret = env.CONSOLE_EMBED_SECRET?.trim() || null;
  const origins = (env.CONSOLE_EMBED_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
    .map((origin) => {
      const normalized = normalizeOrigin(origin);
      if (!normalized) throw new Error(`CONSOLE_EMBED_ORIGINS: "${origin}" is not an origin like https://partner.example`);
      return normalized;
    });
  if (secret && secret.length < 16) throw new Error('CONSOLE_EMBED_SECRET must be at least 16 characters.');
  return {
    key: secret ? deriveEmbedKey(secret) : null,
    secret,
    origins,
  };
}

export const EMBED_DISABLED: EmbedConfig = { key: null, secret: null, origins: [] };
