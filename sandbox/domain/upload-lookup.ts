/** Upload tickets: lookup rules shared by classify and the upload flow of create. */
import type { Sandbox } from '../context';
import { invalid, notFound } from '../http/errors';
import type { Upload } from './state';

/**
 * A usable upload of this team: another team's is 404; unknown, expired (ticket > 24 h),
 * not yet uploaded or consumed is 400 upload_invalid on `param`.
 */
export function usableUpload(sandbox: Sandbox, teamId: string, uploadId: string, param: string): Upload {
  const upload = sandbox.state.uploads.get(uploadId);
  if (upload && upload.teamId !== teamId) throw notFound(`No such upload: ${uploadId}.`, param);
  if (!upload) throw invalid('upload_invalid', `Unknown upload_id: ${uploadId}.`, param);
  if (sandbox.clock.now() >= upload.ticketExpiresAt) {
    throw invalid('upload_invalid', `Upload ${uploadId} has expired; start again with /v1/characters/uploads/init.`, param);
  }
  if (upload.consumed) throw invalid('upload_invalid', `Upload ${uploadId} was already consumed by a character.`, param);
  if (!upload.bytes) throw invalid('upload_invalid', `Upload ${uploadId} has no bytes yet: PUT the file to its upload_url first.`, param);
  return upload;
}
