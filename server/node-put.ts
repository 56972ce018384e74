/**
 * PUT a Node request body to a URL with real backpressure: `pipeline` pauses the browser's
 * upload whenever storage is slower, so memory stays at a few socket buffers whatever the file
 * size. (Hono's web-stream body, made with Readable.toWeb, buffers ahead without bound.)
 */
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { pipeline, Transform } from 'node:stream';

export interface NodePutResult {
  status: number;
  tooLarge: boolean;
}

export function nodePut(url: string, source: IncomingMessage, headers: Record<string, string>, maxBytes: number): Promise<NodePutResult> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    let seen = 0;
    let tooLarge = false;
    let settled = false;
    const finish = (result: NodePutResult | Error) => {
      if (settled) return;
      settled = true;
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    // Counts on the way through and stops the upload once it passes the limit.
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        seen += chunk.length;
        if (seen > maxBytes) {
          tooLarge = true;
          callback(new Error('upload over the size limit'));
          return;
        }
        callback(null, chunk);
      },
    });
    const request = client.request(target, { method: 'PUT', headers }, (response) => {
      response.resume();
      response.on('end', () => finish({ status: response.statusCode ?? 502, tooLarge }));
      response.on('error', (error) => finish(error));
    });
    pipeline(source, limit, request, (error) => {
      if (!error) return;
      request.destroy();
      if (tooLarge) finish({ status: 413, tooLarge: true });
      else finish(error);
    });
  });
}
