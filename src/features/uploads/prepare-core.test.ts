import { describe, expect, it } from 'vitest';
import {
  createPrepareQueue,
  type Inspected,
  type PrepareMessage,
  type PrepareRequest,
  type PrepareSteps,
  type ThumbnailResult,
} from './prepare-core';

/** A step that finishes when the test says so, so the order of the work can be watched. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const request = (id: string): PrepareRequest => ({ id, file: new File([id], `${id}.jpg`), convertHeic: false });
const inspected = (id: string, decoded: ImageBitmap | null = null, sniffed: 'image/jpeg' | null = 'image/jpeg'): Inspected => ({
  result: { id, step: 'inspected', ok: true, hash: `hash-${id}`, sniffed, converted: null, adjustments: {} },
  file: new Blob([id]),
  decoded,
});
const thumbnail = (id: string): ThumbnailResult => ({ id, step: 'thumbnail', thumbnail: new Blob(['t']), decodable: true });
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Steps that record what started, each held until `finish` is called with its name. */
function recordingSteps() {
  const started: string[] = [];
  const pending = new Map<string, ReturnType<typeof deferred<unknown>>>();
  const hold = <T>(name: string) => {
    started.push(name);
    const step = deferred<unknown>();
    pending.set(name, step);
    return step.promise as Promise<T>;
  };
  const steps: PrepareSteps = {
    inspect: (r) => hold<Inspected>(`inspect ${r.id}`),
    thumbnailOf: (id) => hold<ThumbnailResult>(`thumbnail ${id}`),
    thumbnailOfDecoded: (id) => hold<ThumbnailResult>(`thumbnail of decoded ${id}`),
  };
  const finish = async (name: string, value: unknown) => {
    pending.get(name)!.resolve(value);
    await flush();
  };
  const fail = async (name: string) => {
    pending.get(name)!.reject(new Error('decode failed'));
    await flush();
  };
  return { steps, started, finish, fail };
}

describe('createPrepareQueue', () => {
  it('inspects one file at a time and every file before any thumbnail is decoded, so the first upload starts early', async () => {
    const messages: PrepareMessage[] = [];
    const { steps, started, finish } = recordingSteps();
    const queue = createPrepareQueue((message) => messages.push(message), steps);
    ['a', 'b', 'c'].forEach((id) => queue.add(request(id)));
    await flush();
    expect(started).toEqual(['inspect a']);

    await finish('inspect a', inspected('a'));
    expect(messages.map((m) => `${m.step} ${m.id}`)).toEqual(['inspected a']);
    // The next inspection goes first; a's thumbnail waits.
    expect(started).toEqual(['inspect a', 'inspect b']);
    await finish('inspect b', inspected('b'));
    await finish('inspect c', inspected('c'));
    expect(started).toEqual(['inspect a', 'inspect b', 'inspect c', 'thumbnail a']);

    // A file added while thumbnails are pending is inspected before the remaining ones.
    queue.add(request('d'));
    await finish('thumbnail a', thumbnail('a'));
    expect(started.slice(4)).toEqual(['inspect d']);
    await finish('inspect d', inspected('d'));
    await finish('thumbnail b', thumbnail('b'));
    await finish('thumbnail c', thumbnail('c'));
    await finish('thumbnail d', thumbnail('d'));
    expect(messages.map((m) => `${m.step} ${m.id}`)).toEqual([
      'inspected a',
      'inspected b',
      'inspected c',
      'thumbnail a',
      'inspected d',
      'thumbnail b',
      'thumbnail c',
      'thumbnail d',
    ]);
  });

  it('makes the thumbnail of a photo inspection decoded at once, from that image, without decoding the file again', async () => {
    const messages: PrepareMessage[] = [];
    const { steps, started, finish } = recordingSteps();
    const queue = createPrepareQueue((message) => messages.push(message), steps);
    queue.add(request('big'));
    queue.add(request('next'));
    const bitmap = { close: () => {} } as ImageBitmap;
    await flush();
    await finish('inspect big', inspected('big', bitmap));
    expect(started).toEqual(['inspect big', 'thumbnail of decoded big']);
    await finish('thumbnail of decoded big', thumbnail('big'));
    expect(started).toEqual(['inspect big', 'thumbnail of decoded big', 'inspect next']);
    expect(messages.map((m) => `${m.step} ${m.id}`)).toEqual(['inspected big', 'thumbnail big']);
  });

  it('says a file it could not read is unreadable and goes on with the next; a file of no known type gets no thumbnail', async () => {
    const messages: PrepareMessage[] = [];
    const { steps, started, finish, fail } = recordingSteps();
    const queue = createPrepareQueue((message) => messages.push(message), steps);
    queue.add(request('broken'));
    queue.add(request('text'));
    await flush();
    await fail('inspect broken');
    await finish('inspect text', inspected('text', null, null));
    expect(messages).toEqual([
      { id: 'broken', step: 'inspected', ok: false, reason: 'unreadable' },
      expect.objectContaining({ id: 'text', step: 'inspected', ok: true }),
      { id: 'text', step: 'thumbnail', thumbnail: null, decodable: false },
    ]);
    expect(started).toEqual(['inspect broken', 'inspect text']);
  });

  it('reports a thumbnail that failed to decode as not decodable and still prepares what follows', async () => {
    const messages: PrepareMessage[] = [];
    const { steps, finish, fail } = recordingSteps();
    const queue = createPrepareQueue((message) => messages.push(message), steps);
    queue.add(request('a'));
    await flush();
    await finish('inspect a', inspected('a'));
    await fail('thumbnail a');
    queue.add(request('b'));
    await flush();
    await finish('inspect b', inspected('b'));
    expect(messages.map((m) => (m.step === 'thumbnail' ? `thumbnail ${m.id} ${m.decodable}` : `inspected ${m.id}`))).toEqual([
      'inspected a',
      'thumbnail a false',
      'inspected b',
    ]);
  });
});
