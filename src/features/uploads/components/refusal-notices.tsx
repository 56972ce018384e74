import { Button } from '../../../components/ui/button';
import { useUploadActions, useUploadNotices } from '../upload-store';

/** Files that were not added, each with its name and the reason; nothing else is disturbed. */
export function RefusalNotices() {
  const notices = useUploadNotices();
  const { noticeDismissed } = useUploadActions();
  return (
    <div role="alert" className="empty:hidden">
      {notices.length > 0 && (
        <ul aria-label="Files not added" className="flex flex-col gap-2">
          {notices.map((notice) => (
            <li key={notice.id} className="flex items-start justify-between gap-3 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
              <p>
                <strong className="font-semibold">{notice.fileName}</strong> {notice.reason}
              </p>
              <Button variant="ghost" size="sm" onClick={() => noticeDismissed(notice.id)} aria-label={`Dismiss the message about ${notice.fileName}`}>
                Dismiss
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
