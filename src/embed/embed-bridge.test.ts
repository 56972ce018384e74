import { describe, expect, it } from 'vitest';
import { envelope, parseConsoleEvent, parseHostMessage } from '../../contract/embed';
import { createEmbedBridge, expectedHostOrigin, refreshDelayMs, REFRESH_BEFORE_MS } from './embed-bridge';

const HOST = 'https://partner.example';

describe('message validation', () => {
  it('accepts only namespaced, versioned, well-formed host messages', () => {
    const init = envelope({ type: 'init', token: 't', expiresAt: '2026-11-23T10:00:00Z', mode: 'create' });
    expect(parseHostMessage(init)).toEqual({ type: 'init', token: 't', expiresAt: '2026-11-23T10:00:00Z', mode: 'create' });
    expect(parseHostMessage({ ...init, ns: 'someone-else' })).toBeNull();
    expect(parseHostMessage({ ...init, v: 2 })).toBeNull();
    expect(parseHostMessage({ ...init, mode: 'admin' })).toBeNull();
    expect(parseHostMessage({ ...init, token: '' })).toBeNull();
    expect(parseHostMessage(envelope({ type: 'appearance', appearance: { theme: 'neon' } }))).toBeNull();
    expect(parseHostMessage('a string')).toBeNull();
    expect(parseHostMessage(envelope({ type: 'delete-everything' }))).toBeNull();
  });
  it('accepts only known console events with sane values', () => {
    expect(parseConsoleEvent(envelope({ type: 'resize', height: 420 }))).toEqual({ type: 'resize', height: 420 });
    expect(parseConsoleEvent(envelope({ type: 'resize', height: -1 }))).toBeNull();
    expect(parseConsoleEvent(envelope({ type: 'resize', height: 'tall' }))).toBeNull();
    expect(parseConsoleEvent(envelope({ type: 'unknown' }))).toBeNull();
  });
  it('types pose and status as the contract does: the SDK never hands a partner an unknown one', () => {
    const classified = { type: 'upload.classified', fileName: 'a.png', uploadId: 'upl_1', pose: 'front', confidence: 0.9 } as const;
    expect(parseConsoleEvent(envelope(classified))).toEqual(classified);
    expect(parseConsoleEvent(envelope({ ...classified, pose: 'sideways' }))).toBeNull();
    const created = { type: 'character.created', characterId: 'char_1', status: 'synthesizing' } as const;
    expect(parseConsoleEvent(envelope(created))).toEqual(created);
    expect(parseConsoleEvent(envelope({ ...created, status: 'done' }))).toBeNull();
  });
});

describe('the handshake', () => {
  it('trusts the host origin from the URL only when the browser agrees who framed us', () => {
    expect(expectedHostOrigin(`?origin=${encodeURIComponent(HOST)}`, [HOST])).toBe(HOST);
    expect(expectedHostOrigin(`?origin=${encodeURIComponent(HOST)}`, ['https://evil.example'])).toBeNull();
    expect(expectedHostOrigin(`?origin=${encodeURIComponent(HOST)}`)).toBe(HOST);
    expect(expectedHostOrigin('?origin=javascript:alert(1)')).toBeNull();
    expect(expectedHostOrigin(`?origin=${encodeURIComponent(`${HOST}/path`)}`)).toBeNull();
    expect(expectedHostOrigin('')).toBeNull();
  });

  it('posts only to the host origin, and hears only the parent at that origin', () => {
    const posted: [unknown, string][] = [];
    const parent = { postMessage: (message: unknown, origin: string) => posted.push([message, origin]) };
    const listeners: ((event: MessageEvent) => void)[] = [];
    const self = {
      addEventListener: (_: 'message', listener: (event: MessageEvent) => void) => listeners.push(listener),
      removeEventListener: () => {},
    };
    const bridge = createEmbedBridge({ hostOrigin: HOST, parent, self });
    bridge.post({ type: 'ready' });
    expect(posted).toEqual([[{ ns: 'aurous-console', v: 1, type: 'ready' }, HOST]]);

    const heard: unknown[] = [];
    bridge.listen((message) => heard.push(message));
    const token = envelope({ type: 'session.token', token: 'fresh', expiresAt: '2026-11-23T10:00:00Z' });
    const deliver = (origin: string, source: unknown) =>
      listeners.forEach((listener) => listener({ origin, source, data: token } as MessageEvent));
    deliver('https://evil.example', parent);
    deliver(HOST, { postMessage: () => {} }); // right origin, another window
    expect(heard).toEqual([]);
    deliver(HOST, parent);
    expect(heard).toEqual([{ type: 'session.token', token: 'fresh', expiresAt: '2026-11-23T10:00:00Z' }]);
  });
});

it('asks for a fresh token a minute before the session expires', () => {
  const now = Date.parse('2026-11-23T10:00:00Z');
  expect(refreshDelayMs('2026-11-23T10:30:00Z', now)).toBe(30 * 60_000 - REFRESH_BEFORE_MS);
  expect(refreshDelayMs('2026-11-23T10:00:30Z', now)).toBe(0);
  expect(refreshDelayMs('garbage', now)).toBe(0);
});
