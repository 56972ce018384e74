/**
 * The embedded sandbox's state on disk, so restarting `npm start` loses no characters:
 * `<dir>/sandbox.json` (teams, uploads, characters, refs, webhook endpoints, config, the clock's offset) and
 * `<dir>/sandbox-blobs/` (upload and ref bytes, written once each). Saved shortly after a
 * request (at most one write per `debounceMs`), atomically: written to a temporary file, then
 * renamed over the old one, so a crash leaves the previous save or the new one, never half.
 * Rate-limit buckets, idempotency keys, fault RNG state and webhook deliveries still queued for a
 * retry are not kept (short-lived by design).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG } from './state';
import type { CharacterRecord, RefRecord, State, Team, Upload, WebhookEndpointRecord } from './state';

const VERSION = 1;

type StoredUpload = Omit<Upload, 'bytes'> & { bytes: string | null };
type StoredRef = (Omit<Extract<RefRecord, { kind: 'upload' }>, 'bytes'> & { bytes: string }) | Extract<RefRecord, { kind: 'synth' }>;
type StoredCharacter = Omit<CharacterRecord, 'refs'> & { refs: string[] };

interface StoredState {
  version: typeof VERSION;
  clockOffsetMs: number;
  teams: Team[];
  uploads: StoredUpload[];
  characters: StoredCharacter[];
  refs: StoredRef[];
  /** Absent in files saved before webhooks existed: none then. */
  webhookEndpoints?: WebhookEndpointRecord[];
  config: State['config'];
}

export interface Snapshot {
  state: State;
  clockOffsetMs: number;
}

export interface SandboxStore {
  /** The saved state, or null when there is none (or it could not be read: then it is set aside). */
  load(): Snapshot | null;
  /** A save soon (at most one per debounce interval). */
  schedule(): void;
  /** Saves now if anything changed since the last save. */
  flush(): void;
  /** Saves now, whatever changed. */
  saveNow(): void;
}

const atomicWrite = (file: string, data: string | Uint8Array) => {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, file);
};

export function createSandboxStore(dir: string, snapshot: () => Snapshot, debounceMs = 250): SandboxStore {
  const file = path.join(dir, 'sandbox.json');
  const blobDir = path.join(dir, 'sandbox-blobs');
  const written = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let dirty = false;

  const blob = (name: string, bytes: Uint8Array): string => {
    if (!written.has(name)) {
      atomicWrite(path.join(blobDir, name), bytes);
      written.add(name);
    }
    return name;
  };
  const readBlob = (name: string) => new Uint8Array(readFileSync(path.join(blobDir, path.basename(name))));

  const saveNow = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    dirty = false;
    mkdirSync(blobDir, { recursive: true });
    const { state, clockOffsetMs } = snapshot();
    const stored: StoredState = {
      version: VERSION,
      clockOffsetMs,
      teams: [...state.teams.values()],
      uploads: [...state.uploads.values()].map((upload) => ({
        ...upload,
        bytes: upload.bytes ? blob(`upload-${upload.id}`, upload.bytes) : null,
      })),
      characters: [...state.characters.values()].map((character) => ({ ...character, refs: character.refs.map((ref) => ref.id) })),
      refs: [...state.refs.values()].map((ref) => (ref.kind === 'upload' ? { ...ref, bytes: blob(`ref-${ref.id}`, ref.bytes) } : ref)),
      webhookEndpoints: [...state.webhookEndpoints.values()],
      config: state.config,
    };
    // Blobs first, then the file naming them; then drop blobs nothing names any more.
    atomicWrite(file, JSON.stringify(stored));
    const named = new Set([
      ...stored.uploads.map((upload) => upload.bytes),
      ...stored.refs.map((ref) => (ref.kind === 'upload' ? ref.bytes : null)),
    ]);
    for (const name of readdirSync(blobDir)) {
      if (!named.has(name)) {
        rmSync(path.join(blobDir, name), { force: true });
        written.delete(name);
      }
    }
  };

  return {
    load() {
      if (!existsSync(file)) return null;
      try {
        const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredState;
        if (stored.version !== VERSION) throw new Error(`version ${String(stored.version)}, expected ${VERSION}`);
        const refs = new Map<string, RefRecord>(
          stored.refs.map((ref): [string, RefRecord] => [ref.id, ref.kind === 'upload' ? { ...ref, bytes: readBlob(ref.bytes) } : ref]),
        );
        const state: State = {
          teams: new Map(stored.teams.map((team) => [team.id, team])),
          uploads: new Map(stored.uploads.map((upload) => [upload.id, { ...upload, bytes: upload.bytes ? readBlob(upload.bytes) : null }])),
          refs,
          characters: new Map(
            stored.characters.map((character) => [
              character.id,
              { ...character, refs: character.refs.map((id) => refs.get(id)).filter((ref): ref is RefRecord => ref !== undefined) },
            ]),
          ),
          webhookEndpoints: new Map((stored.webhookEndpoints ?? []).map((endpoint) => [endpoint.id, endpoint])),
          // Config fields added since the file was saved take their defaults.
          config: { ...DEFAULT_CONFIG, ...stored.config },
        };
        for (const name of [
          ...stored.uploads.map((upload) => upload.bytes),
          ...stored.refs.map((ref) => (ref.kind === 'upload' ? ref.bytes : null)),
        ]) {
          if (name) written.add(name);
        }
        return { state, clockOffsetMs: stored.clockOffsetMs };
      } catch (error) {
        const aside = `${file}.unreadable-${Date.now()}`;
        renameSync(file, aside);
        console.warn(`[sandbox] could not read ${file} (${(error as Error).message}); starting fresh, the old file is ${aside}`);
        return null;
      }
    },
    schedule() {
      dirty = true;
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        if (dirty) saveNow();
      }, debounceMs);
      timer.unref();
    },
    flush() {
      if (dirty) saveNow();
    },
    saveNow,
  };
}
