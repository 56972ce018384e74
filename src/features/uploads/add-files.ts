/** Files from any source (drop, browse, paste, samples) join the queue through the same rules. */
import { sortDroppedFiles } from './file-rules';
import { uploadQueue } from './upload-store';

export function addFiles(files: readonly File[]): void {
  const { accepted, refused } = sortDroppedFiles(files, uploadQueue.items().length);
  const actions = uploadQueue.actions();
  if (accepted.length) actions.filesAccepted(accepted);
  if (refused.length) actions.filesRefused(refused);
}
