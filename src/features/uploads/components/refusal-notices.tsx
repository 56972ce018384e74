import { Button } from '../../../components/ui/button';
import { cn } from '../../../components/ui/cn';
import { noticeVariants } from '../../../components/ui/notice';
import { messages } from '../messages';
import { useUploadActions, useUploadNotices } from '../upload-store';

/**
 * Files that were not added, in one summary (not a banner each, which pushed the queue below the
 * fold): each name with its reason, and one Dismiss all. Nothing else is disturbed.
 */
export function RefusalNotices() {
  const notices = useUploadNotices();
  const { noticesDismissed } = useUploadActions();
  return (
    <div role="alert" className="empty:hidden">
      {notices.length > 0 && (
        <div className={cn(noticeVariants({ tone: 'danger' }), 'flex flex-col gap-1.5 py-2 pr-2')}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="font-semibold">{messages.refusals.summary(notices.length)}</p>
            <Button variant="ghost" size="sm" onClick={noticesDismissed}>
              {messages.refusals.dismissAll}
            </Button>
          </div>
          <ul aria-label={messages.refusals.listLabel} className="flex list-disc flex-col gap-0.5 pl-5 text-sm">
            {notices.map((notice) => (
              <li key={notice.id} className="break-words">
                <strong className="font-semibold">{notice.fileName}</strong> {notice.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
