import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { MAX_REFS } from '../../../../contract/constants';
import { formatBytes } from '../../../lib/i18n/format';
import { Button } from '../../../components/ui/button';
import { cn } from '../../../components/ui/cn';
import { droppedFiles } from '../dropped-files';
import { ACCEPT_ATTRIBUTE, MAX_FILE_BYTES } from '../file-rules';
import { toneText } from '../../../components/ui/notice';
import { messages } from '../messages';
import { useUploadActions } from '../upload-store';
import { SampleImagesButton } from './sample-images-button';

/**
 * Drag and drop, a Browse button (mouse or keyboard), or paste from the clipboard anywhere on the
 * page. With nothing added yet it is also the page's empty state: what to add, and the sample
 * images for someone with none of their own.
 */
export function Dropzone({ count }: { count: number }) {
  const { filesAdded, filesRefused } = useUploadActions();
  const hintId = useId();
  const full = count >= MAX_REFS;

  // The drop area is a plain region; the real <button> inside opens the picker, so keyboard
  // and screen-reader users get a native control and nothing interactive is nested.
  const rootRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  // Enter/leave fire for every child crossed: the area is "active" while any of them is entered.
  const depth = useRef(0);
  const [isDragActive, setDragActive] = useState(false);
  const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');
  const dragHandlers = {
    onDragEnter: (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth.current += 1;
      setDragActive(true);
    },
    onDragOver: (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave: (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragActive(false);
    },
    onDrop: (event: DragEvent) => {
      event.preventDefault();
      depth.current = 0;
      setDragActive(false);
      void droppedFiles(event.dataTransfer).then((files) => files.length && filesAdded(files));
    },
  };

  // A file dropped just beside the area must not make the browser leave the page to show it.
  useEffect(() => {
    const outside = (event: globalThis.DragEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) event.preventDefault();
    };
    document.addEventListener('dragover', outside);
    document.addEventListener('drop', outside);
    return () => {
      document.removeEventListener('dragover', outside);
      document.removeEventListener('drop', outside);
    };
  }, []);

  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const files = Array.from(event.clipboardData?.files ?? []);
      if (files.length > 0) {
        event.preventDefault();
        filesAdded(files);
        return;
      }
      // Text pasted into a field is just typing; text pasted onto the page was meant as an image.
      const target = event.target as HTMLElement | null;
      const typing = target?.closest('input, textarea, select, [contenteditable="true"]');
      if (!typing && event.clipboardData?.types.includes('text/plain')) {
        filesRefused([{ fileName: messages.dropzone.pastedText, reason: messages.refusals.pastedText }]);
      }
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [filesAdded, filesRefused]);

  return (
    <div
      ref={rootRef}
      {...dragHandlers}
      role="group"
      aria-label={messages.dropzone.groupLabel}
      aria-describedby={full ? `${hintId} ${hintId}-full` : hintId}
      className={cn(
        'flex flex-col items-center justify-center gap-2 rounded-xl border-2 border-dashed px-4 text-center transition-colors sm:px-6',
        count === 0 ? 'py-8 sm:py-10' : 'py-5',
        isDragActive ? 'border-accent bg-accent-soft' : 'border-line-strong bg-surface',
      )}
    >
      {/* Not in the tab order: the Browse button below opens it. */}
      <input
        ref={inputRef}
        type="file"
        multiple
        tabIndex={-1}
        className="sr-only"
        accept={ACCEPT_ATTRIBUTE}
        aria-label={messages.dropzone.inputLabel}
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          // Emptied, so choosing the same file again (after removing it) is a change too.
          event.currentTarget.value = '';
          if (files.length) filesAdded(files);
        }}
      />
      <ImagesIcon />
      <p className="text-base font-semibold text-fg">{isDragActive ? messages.dropzone.titleActive : messages.dropzone.title}</p>
      {count === 0 && <p className="max-w-prose text-sm text-fg-muted">{messages.dropzone.emptyHint}</p>}
      <Button variant={count === 0 ? 'primary' : 'secondary'} onClick={() => inputRef.current?.click()}>
        {messages.dropzone.browse}
      </Button>
      <p id={hintId} className="max-w-prose text-xs text-fg-muted">
        {messages.dropzone.formats(formatBytes(MAX_FILE_BYTES), MAX_REFS)}
      </p>
      {full && (
        <p id={`${hintId}-full`} className={toneText({ tone: 'warning' })}>
          {messages.dropzone.full(MAX_REFS)}
        </p>
      )}
      {count === 0 && (
        <div className="mt-2 w-full max-w-sm border-t border-line pt-4">
          <SampleImagesButton />
        </div>
      )}
    </div>
  );
}

function ImagesIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className="size-8 text-accent-fg">
      <rect x="3" y="5" width="15" height="13" rx="2" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M6 18l4-5 3 3 2-2 3 4" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
      <circle cx="13.5" cy="9.5" r="1.25" fill="currentColor" />
      <path d="M21 8v10a3 3 0 0 1-3 3H7" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  );
}
