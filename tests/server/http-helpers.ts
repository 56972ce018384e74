/** Raw HTTP for the server tests: fetch() normalises paths and always finishes bodies, these do neither. */
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import http, { type ServerOptions } from 'node:http';
import net, { type AddressInfo } from 'node:net';

export interface Served {
  origin: string;
  port: number;
  close(): Promise<void>;
}

export async function serveApp(app: Hono, serverOptions?: ServerOptions): Promise<Served> {
  let server: ServerType | undefined;
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', ...(serverOptions ? { serverOptions } : {}) }, () => resolve());
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
  /** Connections currently open on it. */
  openConnections(): number;
}

export async function fakeHost(): Promise<FakeHost> {
  const connections = new Set<net.Socket>();
  const host: FakeHost = {
    origin: '',
    port: 0,
    requests: [],
    respond: null,
    openConnections: () => connections.size,
    close: async () => undefined,
  };
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
  server.on('connection', (socket: net.Socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
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

/** A TCP server that accepts connections and never answers: a blackhole. */
export interface Blackhole extends Served {
  /** Sockets currently open on it. */
  open(): number;
  /** Open sockets that carried a request. */
  carrying(): number;
}

export async function blackhole(): Promise<Blackhole> {
  const sockets = new Set<net.Socket>();
  /** Sockets a request was sent on (a client's spare, idle connection is not one). */
  const carrying = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    // Reads (so a client's FIN is seen and the socket closes) but never writes a byte.
    socket.on('data', () => carrying.add(socket));
    socket.on('close', () => carrying.delete(socket));
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    open: () => sockets.size,
    carrying: () => carrying.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Resolves once `condition` holds; rejects after `ms`. */
export async function until(condition: () => boolean, ms = 3_000): Promise<void> {
  const giveUpAt = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > giveUpAt) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Collects console.error/warn lines while `run` runs. */
export async function captureConsole(run: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const original = { error: console.error, warn: console.warn };
  const record = (...args: unknown[]) => {
    lines.push(args.map((arg) => (arg instanceof Error ? (arg.stack ?? String(arg)) : String(arg))).join(' '));
  };
  console.error = record;
  console.warn = record;
  try {
    await run();
  } finally {
    console.error = original.error;
    console.warn = original.warn;
  }
  return lines;
}
