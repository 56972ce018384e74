/**
 * An emulated link in front of a local server, for the bench: a TCP proxy whose two directions
 * each pass bytes through one token bucket shared by every connection (one link, as a home
 * line is: three parallel PUTs share its uplink), and deliver them a fixed one-way delay later
 * (half the round trip each way). A connection's queue is capped at about one bandwidth-delay
 * product, past which its sender is paused, so TCP backpressure reaches the browser as on a
 * real link instead of an unbounded buffer soaking up the upload.
 */
import net from 'node:net';
import { createTokenBucket, mbitToBytes, type TokenBucket } from './token-bucket';

export interface LinkShape {
  upMbit: number;
  downMbit: number;
  rttMs: number;
}

/** One direction of the link: a FIFO of pieces from every connection, paced by one bucket. */
class Direction {
  private readonly queue: { piece: Buffer | null; to: net.Socket; from: Pending }[] = [];
  private readonly bucket: TokenBucket;
  private timer: ReturnType<typeof setTimeout> | null = null;
  bytes = 0;

  constructor(
    rateBytes: number,
    readonly piece: number,
    private readonly delayMs: number,
  ) {
    this.bucket = createTokenBucket(rateBytes, piece * 2, performance.now());
  }

  push(chunk: Buffer | null, to: net.Socket, from: Pending) {
    if (chunk === null) this.queue.push({ piece: null, to, from });
    for (let at = 0; chunk && at < chunk.length; at += this.piece) {
      const piece = chunk.subarray(at, at + this.piece);
      from.queued += piece.length;
      this.queue.push({ piece, to, from });
    }
    this.pump();
  }

  private pump = () => {
    this.timer = null;
    while (this.queue.length) {
      const head = this.queue[0]!;
      const wait = head.piece ? this.bucket.take(head.piece.length, performance.now()) : 0;
      if (wait > 0) {
        this.timer ??= setTimeout(this.pump, Math.max(1, Math.ceil(wait)));
        return;
      }
      this.queue.shift();
      const { piece, to, from } = head;
      if (piece) this.bytes += piece.length;
      // Same delay for every piece: Node fires equal timeouts in the order they were set.
      setTimeout(() => {
        if (piece === null) {
          if (!to.destroyed) to.end();
          return;
        }
        from.queued -= piece.length;
        if (!to.destroyed) to.write(piece);
        from.maybeResume();
      }, this.delayMs);
    }
  };

  close() {
    if (this.timer) clearTimeout(this.timer);
    this.queue.length = 0;
  }
}

/** A sender's bytes still in the link: it is paused past `cap` and resumed below half of it. */
class Pending {
  queued = 0;
  constructor(
    private readonly socket: net.Socket,
    private readonly cap: number,
  ) {}
  maybePause() {
    if (this.queued > this.cap) this.socket.pause();
  }
  maybeResume() {
    if (this.queued < this.cap / 2 && this.socket.isPaused()) this.socket.resume();
  }
}

export interface ThrottleProxy {
  port: number;
  /** Bytes that crossed each direction so far. */
  bytes(): { up: number; down: number };
  close(): Promise<void>;
}

export function startThrottleProxy(listenPort: number, targetPort: number, link: LinkShape): Promise<ThrottleProxy> {
  const oneWay = link.rttMs / 2;
  const up = new Direction(mbitToBytes(link.upMbit), 16 * 1024, oneWay);
  const down = new Direction(mbitToBytes(link.downMbit), 64 * 1024, oneWay);
  // About one bandwidth-delay product per connection and direction (at least 64 KB).
  const capFor = (mbit: number) => Math.max(64 * 1024, (mbitToBytes(mbit) * link.rttMs) / 1000);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      socket.setNoDelay(true);
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    const fromClient = new Pending(client, capFor(link.upMbit));
    const fromUpstream = new Pending(upstream, capFor(link.downMbit));
    client.on('data', (chunk: Buffer) => {
      up.push(chunk, upstream, fromClient);
      fromClient.maybePause();
    });
    upstream.on('data', (chunk: Buffer) => {
      down.push(chunk, client, fromUpstream);
      fromUpstream.maybePause();
    });
    client.on('end', () => up.push(null, upstream, fromClient));
    upstream.on('end', () => down.push(null, client, fromUpstream));
    const kill = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', kill);
    upstream.on('error', kill);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', () =>
      resolve({
        port: listenPort,
        bytes: () => ({ up: up.bytes, down: down.bytes }),
        close: () =>
          new Promise<void>((done) => {
            up.close();
            down.close();
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      }),
    );
  });
}
