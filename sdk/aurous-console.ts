/**
 * The host SDK: what a partner includes in their dashboard to mount the Aurous console.
 *
 *   <script src="https://console.example/embed.js"></script>
 *   AurousConsole.mount(element, { consoleUrl, getSessionToken, mode, onEvent, onSuccess, onExit })
 *
 * or `import { mount } from 'https://console.example/embed.mjs'`. The session token comes from the
 * partner's backend (getSessionToken) and only ever travels by postMessage to the console's exact
 * origin — never in a URL, never to "*".
 */
import {
  envelope,
  parseConsoleEvent,
  type Appearance,
  type ConsoleEvent,
  type EmbedMode,
  type EmbedSessionResponse,
  type HostMessage,
} from '../contract/embed';

export interface MountOptions {
  /** Where the console is served, e.g. https://console.example */
  consoleUrl: string;
  /** Calls the partner's backend, which calls POST /api/embed/sessions with its secret. */
  getSessionToken: () => Promise<EmbedSessionResponse>;
  mode: EmbedMode;
  characterId?: string;
  appearance?: Appearance;
  onEvent?: (event: ConsoleEvent) => void;
  /** A character was created (create mode) or saved (review mode). */
  onSuccess?: (event: Extract<ConsoleEvent, { type: 'character.created' | 'character.saved' }>) => void;
  onExit?: (event: Extract<ConsoleEvent, { type: 'exit' }>) => void;
}

export interface ConsoleHandle {
  setAppearance(appearance: Appearance): void;
  destroy(): void;
}

/** "auto" follows the host page's colour scheme. */
function resolveTheme(appearance: Appearance | undefined): Appearance | undefined {
  if (appearance?.theme !== 'auto') return appearance;
  return { ...appearance, theme: window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light' };
}

export function mount(element: HTMLElement, options: MountOptions): ConsoleHandle {
  const consoleOrigin = new URL(options.consoleUrl).origin;
  let appearance = options.appearance;
  const iframe = document.createElement('iframe');
  const src = new URL('/embed', consoleOrigin);
  src.searchParams.set('origin', window.location.origin);
  // The frame's first paint already has the right theme (its theme.js reads this); the rest of the
  // appearance arrives with the session.
  const theme = resolveTheme(appearance)?.theme;
  if (theme === 'dark') src.searchParams.set('theme', 'dark');
  iframe.src = src.toString();
  iframe.title = 'Aurous console';
  iframe.style.cssText = 'display:block;width:100%;min-width:0;height:160px;border:0;overflow:hidden;color-scheme:normal';
  element.appendChild(iframe);

  const post = (message: HostMessage) => iframe.contentWindow?.postMessage(envelope(message), consoleOrigin);
  const fail = (error: unknown) =>
    options.onEvent?.({ type: 'error', code: 'session_unavailable', message: error instanceof Error ? error.message : String(error) });

  const onMessage = (event: MessageEvent) => {
    if (event.origin !== consoleOrigin || event.source !== iframe.contentWindow) return;
    const message = parseConsoleEvent(event.data);
    if (!message) return;
    switch (message.type) {
      case 'hello':
        options.getSessionToken().then(
          (session) =>
            post({
              type: 'init',
              token: session.session_token,
              expiresAt: session.expires_at,
              mode: options.mode,
              ...(options.characterId ? { characterId: options.characterId } : {}),
              ...(appearance ? { appearance: resolveTheme(appearance) } : {}),
            }),
          fail,
        );
        return;
      case 'resize':
        iframe.style.height = `${message.height}px`;
        break;
      case 'session.expiring':
        options
          .getSessionToken()
          .then((session) => post({ type: 'session.token', token: session.session_token, expiresAt: session.expires_at }), fail);
        break;
      case 'character.created':
      case 'character.saved':
        options.onSuccess?.(message);
        break;
      case 'exit':
        options.onExit?.(message);
        break;
    }
    options.onEvent?.(message);
  };
  window.addEventListener('message', onMessage);

  const scheme = window.matchMedia('(prefers-color-scheme: dark)');
  const onScheme = () => {
    if (appearance?.theme === 'auto') post({ type: 'appearance', appearance: resolveTheme(appearance) ?? {} });
  };
  scheme.addEventListener('change', onScheme);

  return {
    setAppearance(next) {
      appearance = { ...appearance, ...next };
      post({ type: 'appearance', appearance: resolveTheme(appearance) ?? {} });
    },
    destroy() {
      window.removeEventListener('message', onMessage);
      scheme.removeEventListener('change', onScheme);
      iframe.remove();
    },
  };
}
