/**
 * The embed protocol, shared by the console (inside the iframe), the host SDK (in the partner's
 * page) and the console server (which mints and checks sessions). Versioned and namespaced; every
 * message is validated before it is acted on.
 */
import { CHARACTER_STATUSES, POSES, type CharacterStatus, type Pose } from './constants';

export const EMBED_NAMESPACE = 'aurous-console';
export const EMBED_PROTOCOL_VERSION = 1;

export const EMBED_MODES = ['create', 'review'] as const;
export type EmbedMode = (typeof EMBED_MODES)[number];

/** Request headers an embedded console sends on every /api call. */
export { EMBED_ORIGIN_HEADER } from './embed-headers';

/** `POST /api/embed/sessions`: a zod schema in embed-session-request.ts (kept out of the SDK). */
export type { EmbedSessionRequest } from './embed-session-request';

export interface EmbedSessionResponse {
  session_token: string;
  expires_at: string;
}

export interface Appearance {
  accentColor?: string;
  radius?: string;
  fontFamily?: string;
  theme?: 'light' | 'dark' | 'auto';
}

/** Host → console. */
export type HostMessage =
  | { type: 'init'; token: string; expiresAt: string; mode: EmbedMode; characterId?: string; appearance?: Appearance }
  | { type: 'session.token'; token: string; expiresAt: string }
  | { type: 'appearance'; appearance: Appearance };

/** Console → host. */
export type ConsoleEvent =
  | { type: 'hello' }
  | { type: 'ready' }
  | { type: 'resize'; height: number }
  | { type: 'upload.classified'; fileName: string; uploadId: string; pose: Pose; confidence: number }
  | { type: 'character.created'; characterId: string; status: CharacterStatus }
  | { type: 'character.saved'; characterId: string }
  | { type: 'character.deleted'; characterId: string }
  | { type: 'session.expiring'; expiresAt: string }
  | { type: 'error'; code: string; message: string }
  | { type: 'exit'; reason: string };

export type Envelope<T> = { ns: typeof EMBED_NAMESPACE; v: typeof EMBED_PROTOCOL_VERSION } & T;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

function isAppearance(value: unknown): value is Appearance {
  if (!isRecord(value)) return false;
  const optionalString = (key: string) => value[key] === undefined || typeof value[key] === 'string';
  return (
    optionalString('accentColor') &&
    optionalString('radius') &&
    optionalString('fontFamily') &&
    (value.theme === undefined || value.theme === 'light' || value.theme === 'dark' || value.theme === 'auto')
  );
}

function isEnvelope(value: unknown): value is Record<string, unknown> & { type: string } {
  return isRecord(value) && value.ns === EMBED_NAMESPACE && value.v === EMBED_PROTOCOL_VERSION && typeof value.type === 'string';
}

/** A message from the host, or null when it is not one (other scripts post messages too). */
export function parseHostMessage(data: unknown): HostMessage | null {
  if (!isEnvelope(data)) return null;
  switch (data.type) {
    case 'init':
      if (!isString(data.token) || !isString(data.expiresAt) || !EMBED_MODES.includes(data.mode as EmbedMode)) return null;
      if (data.characterId !== undefined && !isString(data.characterId)) return null;
      if (data.appearance !== undefined && !isAppearance(data.appearance)) return null;
      return {
        type: 'init',
        token: data.token,
        expiresAt: data.expiresAt,
        mode: data.mode as EmbedMode,
        ...(data.characterId ? { characterId: data.characterId as string } : {}),
        ...(data.appearance ? { appearance: data.appearance } : {}),
      };
    case 'session.token':
      return isString(data.token) && isString(data.expiresAt)
        ? { type: 'session.token', token: data.token, expiresAt: data.expiresAt }
        : null;
    case 'appearance':
      return isAppearance(data.appearance) ? { type: 'appearance', appearance: data.appearance } : null;
    default:
      return null;
  }
}

/** An event from the console, for the host SDK. */
export function parseConsoleEvent(data: unknown): ConsoleEvent | null {
  if (!isEnvelope(data)) return null;
  const { ns: _ns, v: _v, ...event } = data;
  const known = [
    'hello',
    'ready',
    'resize',
    'upload.classified',
    'character.created',
    'character.saved',
    'character.deleted',
    'session.expiring',
    'error',
    'exit',
  ];
  if (!known.includes(event.type)) return null;
  if (event.type === 'resize' && (typeof event.height !== 'number' || !Number.isFinite(event.height) || event.height < 0)) return null;
  if (event.type === 'upload.classified' && !POSES.includes(event.pose as Pose)) return null;
  if (event.type === 'character.created' && !CHARACTER_STATUSES.includes(event.status as CharacterStatus)) return null;
  return event as unknown as ConsoleEvent;
}

export function envelope<T extends { type: string }>(message: T): Envelope<T> {
  return { ns: EMBED_NAMESPACE, v: EMBED_PROTOCOL_VERSION, ...message };
}

/** A partner origin as the browser reports it: scheme://host[:port], nothing else. */
export function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (url.origin !== value.replace(/\/$/, '')) return null;
    return url.origin;
  } catch {
    return null;
  }
}
