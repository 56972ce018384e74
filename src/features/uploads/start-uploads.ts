/**
 * How the app starts the upload runner. Its code (the machine's scheduler, the PUT with
 * progress, the retries, the preparation workers) arrives just after the first screen, fetched
 * again when back online if the connection dropped: a file added before it arrives simply waits
 * in its phase, and the runner picks it up when it starts.
 */
import { retryingImport } from '../../lib/retrying-import';

const loadRunner = retryingImport(() => import('./upload-runner').then((module) => module.uploadRunner));

/** Start the uploads; returns the function that stops them. */
export function startUploads(): () => void {
  let stopped = false;
  void loadRunner().then(
    (runner) => !stopped && runner.start(),
    () => {},
  );
  return () => {
    stopped = true;
    void loadRunner().then(
      (runner) => runner.stop(),
      () => {},
    );
  };
}
