import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../../tests/helpers/fake-clock';
import {
  MAX_PARALLEL,
  MAX_REMINTS,
  schedule,
  transition,
  type Job,
  type UploadEvent,
  type UploadItem,
  type UploadStage,
} from './upload-machine';
import { fromStored } from './upload-session-storage';

const file = new File(['bytes'], 'a.png', { type: 'image/png' });
const upload = { id: 'upl_1', mintedAt: 0 };
let n = 0;
const item = (stage: UploadStage): UploadItem => ({
  id: `i${n++}`,
  name: 'a.png',
  size: 5,
  extension: 'png',
  contentType: 'image/png',
  thumbnail: null,
  thumbnailUrl: null,
  stage,
});
const preparing = () => item({ phase: 'preparing', file, convertHeic: false });
const waiting = () => item({ phase: 'waiting', file, hash: 'h' });
const uploading = (remints = 0) => item({ phase: 'uploading', file, hash: 'h', remints });
const classifying = () => item({ phase: 'classifying', hash: 'h', upload });
const none = new Map<string, Job>();
const ids = (list: readonly UploadItem[]) => list.map((entry) => entry.id);

/** Feed events in order, as the runner would, and return where the item ends up. */
const run = (start: UploadItem, ...events: UploadEvent[]) => events.reduce(transition, start);

describe('transition', () => {
  it('walks a file from preparing to classified, dropping the file once its bytes landed', () => {
    const done = run(
      preparing(),
      { type: 'prepared', hash: 'h', file },
      { type: 'send-started' },
      { type: 'landed', upload },
      { type: 'classified', pose: 'front', confidence: 0.9 },
    );
    expect(done.stage).toEqual({ phase: 'classified', hash: 'h', upload, pose: 'front', confidence: 0.9 });
    expect(done.stage).not.toHaveProperty('file');
  });

  it('refuses what the phase does not allow, returning the very same item', () => {
    const cases: [UploadItem, UploadEvent][] = [
      [preparing(), { type: 'classified', pose: 'side', confidence: 0.7 }],
      [preparing(), { type: 'send-started' }],
      [waiting(), { type: 'landed', upload }],
      [classifying(), { type: 'prepared', hash: 'h2', file }],
      [classifying(), { type: 'retry' }],
      [item({ phase: 'classified', hash: 'h', upload, pose: 'back', confidence: 1 }), { type: 'failed', message: 'late' }],
      [waiting(), { type: 'file-chosen', file }],
    ];
    for (const [start, event] of cases) expect(transition(start, event)).toBe(start);
  });

  it('a failure before the bytes landed keeps the file to send again; a retry sends it', () => {
    const failed = transition(uploading(), { type: 'failed', message: 'The connection dropped.' });
    expect(failed.stage).toEqual({ phase: 'failed', hash: 'h', message: 'The connection dropped.', resume: { step: 'send', file } });
    expect(transition(failed, { type: 'retry' }).stage).toEqual({ phase: 'waiting', file, hash: 'h' });
  });

  it('a failure after the bytes landed keeps the upload; a retry only classifies again', () => {
    const failed = transition(classifying(), { type: 'failed', message: 'Classify failed.' });
    expect(failed.stage).toMatchObject({ phase: 'failed', resume: { step: 'classify', upload } });
    expect(transition(failed, { type: 'retry' }).stage).toEqual({ phase: 'classifying', hash: 'h', upload });
  });

  it(`re-mints an expired URL ${MAX_REMINTS} times, then fails with the reason`, () => {
    const expired: UploadEvent = { type: 'url-expired', message: 'The upload link expired.' };
    const afterAll = run(uploading(), ...Array<UploadEvent>(MAX_REMINTS).fill(expired));
    expect(afterAll.stage).toMatchObject({ phase: 'uploading', remints: MAX_REMINTS });
    expect(transition(afterAll, expired).stage).toMatchObject({
      phase: 'failed',
      message: 'The upload link expired.',
      resume: { step: 'send' },
    });
  });

  it('a file chosen again after a reload is prepared again, keeping whether it needs converting', () => {
    const reloaded = item({ phase: 'needs-file', hash: null, convertHeic: true });
    const chosen = new File(['more bytes'], 'a.heic');
    expect(transition(reloaded, { type: 'file-chosen', file: chosen })).toMatchObject({
      size: chosen.size,
      stage: { phase: 'preparing', file: chosen, convertHeic: true },
    });
  });
});

describe('schedule', () => {
  it(`sends at most ${MAX_PARALLEL} files at once, and the next when one lands`, () => {
    const items = [waiting(), waiting(), waiting(), waiting(), waiting()];
    const first = schedule(items, none, true);
    expect(ids(first.send)).toEqual(ids(items.slice(0, MAX_PARALLEL)));
    // Those three are now sending: nothing more starts.
    const sending = items.map((entry, index) => (index < MAX_PARALLEL ? transition(entry, { type: 'send-started' }) : entry));
    const inFlight = new Map<string, Job>(ids(sending.slice(0, MAX_PARALLEL)).map((id) => [id, 'send']));
    expect(schedule(sending, inFlight, true).send).toEqual([]);
    // One lands: its classify does not hold a slot, so the fourth file starts.
    const landed = sending.map((entry, index) => (index === 0 ? transition(entry, { type: 'landed', upload }) : entry));
    inFlight.delete(landed[0]!.id);
    const next = schedule(landed, inFlight, true);
    expect(ids(next.send)).toEqual([landed[3]!.id]);
    expect(ids(next.classify)).toEqual([landed[0]!.id]);
  });

  it('sends no more than the send limit at once; one whose bytes are out (landing) leaves the link but still counts as open', () => {
    const items = [waiting(), waiting(), waiting(), waiting()];
    expect(ids(schedule(items, none, true, 1).send)).toEqual([items[0]!.id]);
    const started = items.map((entry, index) => (index === 0 ? transition(entry, { type: 'send-started' }) : entry));
    expect(schedule(started, new Map<string, Job>([[started[0]!.id, 'send']]), true, 1).send).toEqual([]);
    // Its last byte is out: the next file may send while the first awaits its answer.
    expect(ids(schedule(started, new Map<string, Job>([[started[0]!.id, 'landing']]), true, 1).send)).toEqual([started[1]!.id]);
    // Never more than MAX_PARALLEL open, whatever the limit.
    const open = items.map((entry, index) => (index < MAX_PARALLEL ? transition(entry, { type: 'send-started' }) : entry));
    const landing = new Map<string, Job>(ids(open.slice(0, MAX_PARALLEL)).map((id) => [id, 'landing']));
    expect(schedule(open, landing, true, MAX_PARALLEL).send).toEqual([]);
  });

  it('re-mints an item whose URL expired ahead of files still waiting', () => {
    const expired = transition(uploading(), { type: 'url-expired', message: 'expired' });
    const items = [waiting(), uploading(), uploading(), expired];
    const inFlight = new Map<string, Job>([
      [items[1]!.id, 'send'],
      [items[2]!.id, 'send'],
    ]);
    const decisions = schedule(items, inFlight, true);
    expect(ids(decisions.remint)).toEqual([expired.id]);
    expect(decisions.send).toEqual([]);
  });

  it('aborts the work of a removed item, and of one whose phase that work no longer belongs to', () => {
    const kept = uploading();
    const failed = transition(classifying(), { type: 'failed', message: 'x' });
    const inFlight = new Map<string, Job>([
      [kept.id, 'send'],
      ['removed', 'send'],
      [failed.id, 'classify'],
    ]);
    expect(schedule([kept, failed], inFlight, true).abort).toEqual(['removed', failed.id]);
  });

  it('offline, starts nothing that needs the network, but still prepares', () => {
    const items = [preparing(), waiting(), classifying(), transition(uploading(), { type: 'url-expired', message: 'x' })];
    const decisions = schedule(items, none, false);
    expect(ids(decisions.prepare)).toEqual([items[0]!.id]);
    expect([decisions.send, decisions.classify, decisions.remint]).toEqual([[], [], []]);
    expect(ids(schedule(items, none, true).send)).toEqual([items[1]!.id]);
  });

  it('starts nothing twice: work in flight is not decided again', () => {
    const items = [preparing(), classifying()];
    const inFlight = new Map<string, Job>([
      [items[0]!.id, 'prepare'],
      [items[1]!.id, 'classify'],
    ]);
    expect(schedule(items, inFlight, true)).toEqual({ prepare: [], send: [], remint: [], classify: [], abort: [] });
  });

  it('a retry after a failure is picked up: sent again, or only classified if its bytes landed', () => {
    const unsent = transition(transition(uploading(), { type: 'failed', message: 'x' }), { type: 'retry' });
    const landed = transition(transition(classifying(), { type: 'failed', message: 'x' }), { type: 'retry' });
    const decisions = schedule([unsent, landed], none, true);
    expect(ids(decisions.send)).toEqual([unsent.id]);
    expect(ids(decisions.classify)).toEqual([landed.id]);
  });

  it('after a reload, a landed upload is classified and never sent; an expired one is dropped', async () => {
    const clock = createFakeClock(1_000);
    const stored = (id: string, mintedAt: number) => ({
      id,
      name: `${id}.png`,
      size: 5,
      extension: 'png' as const,
      contentType: 'image/png' as const,
      convertHeic: false,
      hash: id,
      thumbnail: null,
      uploadedId: `upl_${id}`,
      ticketMintedAt: mintedAt,
      stage: { phase: 'classifying' as const },
    });
    const session = { version: 1 as const, items: [stored('fresh', clock.now()), stored('old', clock.now() - 1)] };
    // A day later: the old ticket is a millisecond past its 24 h, the fresh one just within them.
    await clock.advance(24 * 60 * 60 * 1000);
    const { items, refusals } = fromStored(session, clock.now());
    expect(refusals).toEqual([{ fileName: 'old.png', reason: expect.stringContaining('more than 24 hours ago') }]);
    const decisions = schedule(items, none, true);
    expect(decisions.classify.map((entry) => entry.stage.upload.id)).toEqual(['upl_fresh']);
    expect([decisions.send, decisions.remint]).toEqual([[], []]);
  });
});
