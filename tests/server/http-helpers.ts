/** Raw HTTP for the server tests: fetch() normalises paths and always finishes bodies, these do neither. */
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Served {
  origin: string;
  port: number;
  close(): Promise<void>;
}

export async function serveApp(app: Hono): Promise<Served> {
  let server: ServerType | undefined;
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  const running = server as ServerType;
  const port = (running.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in running) running.closeAllConnections();
        running.close(() => resolve());
      }),
  };
}

export interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  bytes: number;
}

/** A stand-in for storage or the API: records what reaches it and answers 200 once a body ends. */
export interface FakeHost extends Served {
  requests: Recorded[];
  /** Answer every request with this instead of 200 `{}`. */
  respond: ((request: Recorded, response: http.ServerResponse) => void) | null;
}

export async function fakeHost(): Promise<FakeHost> {
  const host: FakeHost = { origin: '', port: 0, requests: [], respond: null, close: async () => undefined };
  const server = http.createServer((request, response) => {
    const recorded: Recorded = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, bytes: 0 };
    host.requests.push(recorded);
    request.on('data', (chunk: Buffer) => {
      recorded.bytes += chunk.length;
    });
    request.on('error', () => undefined);
    request.on('end', () => {
      if (host.respond) host.respond(recorded, response);
      else response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host.port = (server.address() as AddressInfo).port;
  host.origin = `http://127.0.0.1:${host.port}`;
  host.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return host;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface RawRequest {
  port: number;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  /** Written one after another. */
  chunks?: Buffer[];
  /** false: leave the body open, so only an answer given before the end can arrive. */
  end?: boolean;
}

/** Sends a request exactly as given (path untouched) and resolves with the answer. */
export function rawRequest({ port, path, method = 'GET', headers = {}, chunks = [], end = true }: RawRequest): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    let answered = false;
    const request = http.request({ host: '127.0.0.1', port, method, path, headers }, (response) => {
      answered = true;
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      const done = () => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text });
        if (!end) request.destroy();
      };
      response.on('end', done);
      response.on('error', done);
    });
    // Once answered, a server that stops reading may reset the socket: that is not a failure.
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    for (const chunk of chunks) request.write(chunk);
    if (end) request.end();
    else request.flushHeaders();
  });
}

/** Rejects if `promise` takes longer than `ms` (a server waiting for a body that never ends). */
export function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))]);
}
