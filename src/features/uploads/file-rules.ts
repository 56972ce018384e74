/**
 * What the dropzone accepts, decided before anything is uploaded. Pure functions: every refusal
 * names the file and the reason, and a refusal never disturbs what was already added.
 */
import {
  CONTENT_TYPE_BY_EXTENSION,
  MAX_REFS,
  UPLOAD_CONTENT_TYPES,
  UPLOAD_EXTENSIONS,
  type UploadContentType,
  type UploadExtension,
} from '../../../contract/constants';
import { formatBytes } from '../../lib/i18n/format';
import { messages } from './messages';

/** The most an upload may be (the API's 10 MB); a larger photo is shrunk in the browser to fit. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/**
 * The longest side an uploaded image may have: the docs give 4096 px for reference images (POST
 * /v1/files); upload init names no limit of its own, so the console keeps to that one. A larger
 * photo is shrunk to fit.
 */
export const MAX_SIDE_PX = 4096;
/** Beyond this the browser would struggle even to shrink the file: it is refused. */
export const MAX_SHRINKABLE_BYTES = 100 * 1024 * 1024;
export const ACCEPT_ATTRIBUTE = 'image/jpeg,image/png,image/webp,image/heic,image/heif,.jpg,.jpeg,.png,.webp,.heic,.heif';

export interface AcceptedFile {
  file: File;
  extension: UploadExtension;
  contentType: UploadContentType;
  /** A HEIC/HEIF phone photo, converted to JPEG in the browser before upload. */
  convertHeic: boolean;
}

const HEIC_EXTENSIONS = ['heic', 'heif'];
const HEIC_TYPES = ['image/heic', 'image/heif', 'image/heic-sequence', 'image/heif-sequence'];

export interface Refusal {
  fileName: string;
  reason: string;
}

const EXTENSION_BY_CONTENT_TYPE: Record<UploadContentType, UploadExtension> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

function isExtension(value: string): value is UploadExtension {
  return (UPLOAD_EXTENSIONS as readonly string[]).includes(value);
}
function isContentType(value: string): value is UploadContentType {
  return (UPLOAD_CONTENT_TYPES as readonly string[]).includes(value);
}

/** The extension and MIME type init will be sent, or null when the file is not a supported image. */
export function imageKind(file: Pick<File, 'name' | 'type'>): Omit<AcceptedFile, 'file'> | null {
  const dot = file.name.lastIndexOf('.');
  const nameExtension = dot > 0 ? file.name.slice(dot + 1).toLowerCase() : '';
  if (HEIC_EXTENSIONS.includes(nameExtension) || HEIC_TYPES.includes(file.type)) {
    return { extension: 'jpg', contentType: 'image/jpeg', convertHeic: true };
  }
  if (isExtension(nameExtension)) {
    return { extension: nameExtension, contentType: CONTENT_TYPE_BY_EXTENSION[nameExtension], convertHeic: false };
  }
  if (isContentType(file.type)) return { extension: EXTENSION_BY_CONTENT_TYPE[file.type], contentType: file.type, convertHeic: false };
  return null;
}

export function sortDroppedFiles(
  files: readonly File[],
  alreadyAdded: number,
  maxBytes = MAX_SHRINKABLE_BYTES,
): { accepted: AcceptedFile[]; refused: Refusal[] } {
  const accepted: AcceptedFile[] = [];
  const refused: Refusal[] = [];
  for (const file of files) {
    const kind = imageKind(file);
    if (!kind) {
      refused.push({ fileName: file.name, reason: messages.refusals.notAnImage });
    } else if (file.size === 0) {
      refused.push({ fileName: file.name, reason: messages.refusals.empty });
    } else if (file.size > maxBytes) {
      refused.push({ fileName: file.name, reason: messages.refusals.tooLarge(formatBytes(file.size), formatBytes(maxBytes)) });
    } else if (alreadyAdded + accepted.length >= MAX_REFS) {
      refused.push({ fileName: file.name, reason: messages.refusals.tooMany(MAX_REFS) });
    } else {
      accepted.push({ file, ...kind });
    }
  }
  return { accepted, refused };
}

/** What the first bytes say the file is; used to catch a file whose name lies about its content. */
export function sniffImageType(head: Uint8Array): UploadContentType | null {
  const starts = (...bytes: number[]) => bytes.every((byte, index) => head[index] === byte);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x52, 0x49, 0x46, 0x46) && head[8] === 0x57 && head[9] === 0x45 && head[10] === 0x42 && head[11] === 0x50) return 'image/webp';
  return null;
}

export const FORMAT_NAME: Record<UploadContentType, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP' };

/** The extension and MIME type of what the bytes are: a JPEG named .png is sent as the JPEG it is. */
export function kindOf(contentType: UploadContentType): { extension: UploadExtension; contentType: UploadContentType } {
  return { extension: EXTENSION_BY_CONTENT_TYPE[contentType], contentType };
}
