import { Button } from '../../../components/ui/button';
import { cn } from '../../../components/ui/cn';
import { noticeVariants } from '../../../components/ui/notice';
import { messages } from '../messages';
import { useUploadActions, useUploadNotices } from '../upload-store';

/** Files that were not added, each with its name and the reason; nothing else is disturbed. */
export function RefusalNotices() {
  const notices = useUploadNotices();
  const { noticeDismissed } = useUploadActions();
  return (
    <div role="alert" className="empty:hidden">
      {notices.length > 0 && (
        <ul aria-label={messages.refusals.listLabel} className="flex flex-col gap-2">
          {notices.map((notice) => (
            <li key={notice.id} className={cn(noticeVariants({ tone: 'danger' }), 'flex items-start justify-between gap-3 py-2 pr-2')}>
              <p className="min-w-0 break-words py-1">
                <strong className="font-semibold">{notice.fileName}</strong> {notice.reason}
              </p>
              <Button
                variant="ghost"
                size="sm"
                className="shrink-0"
                onClick={() => noticeDismissed(notice.id)}
                aria-label={messages.refusals.dismissLabel(notice.fileName)}
              >
                {messages.refusals.dismiss}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
