import { useEffect, useId, useRef, useState } from 'react';
import { useDropzone } from 'react-dropzone';
import { MAX_REFS } from '../../../../contract/constants';
import { formatBytes } from '../../../lib/i18n/format';
import { Button } from '../../../components/ui/button';
import { cn } from '../../../components/ui/cn';
import { ACCEPT_ATTRIBUTE, MAX_FILE_BYTES } from '../file-rules';
import { toneText } from '../../../components/ui/notice';
import { messages } from '../messages';
import { useUploadActions } from '../upload-store';
import { SampleImagesButton } from './sample-images-button';

/**
 * Drag and drop (onto the area, or anywhere on the page: an overlay says it will take them), a
 * Browse button (mouse or keyboard), or paste from the clipboard anywhere on the page. With nothing added yet it is also the page's empty state: what to add, and the sample
 * images for someone with none of their own.
 */
export function Dropzone({ count }: { count: number }) {
  const { filesAdded, filesRefused } = useUploadActions();
  const hintId = useId();
  const full = count >= MAX_REFS;

  // The drop area is a plain region; the real <button> inside opens the picker, so keyboard
  // and screen-reader users get a native control and nothing interactive is nested.
  const { getRootProps, getInputProps, isDragActive, open, rootRef } = useDropzone({
    onDrop: (accepted, rejected) => filesAdded([...accepted, ...rejected.map((rejection) => rejection.file)]),
    multiple: true,
    noClick: true,
    noKeyboard: true,
    useFsAccessApi: false,
  });

  // Files dragged anywhere on the page: the area itself handles a drop inside it; a drop elsewhere
  // is taken here (capture phase, before react-dropzone's document guard refuses it).
  const [pageDrag, setPageDrag] = useState(false);
  const depth = useRef(0);
  useEffect(() => {
    const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const inArea = (event: DragEvent) => rootRef.current?.contains(event.target as Node) ?? false;
    const onEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth.current += 1;
      setPageDrag(true);
    };
    const onLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setPageDrag(false);
    };
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event) || inArea(event)) return;
      event.preventDefault(); // a drop outside the area is ours, not the browser's to open
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      depth.current = 0;
      setPageDrag(false);
      if (!carriesFiles(event) || inArea(event)) return;
      event.preventDefault();
      const files = Array.from(event.dataTransfer?.files ?? []);
      if (files.length > 0) filesAdded(files);
    };
    window.addEventListener('dragenter', onEnter, true);
    window.addEventListener('dragleave', onLeave, true);
    window.addEventListener('dragover', onOver, true);
    window.addEventListener('drop', onDrop, true);
    return () => {
      window.removeEventListener('dragover', onOver, true);
      window.removeEventListener('dragenter', onEnter, true);
      window.removeEventListener('dragleave', onLeave, true);
      window.removeEventListener('drop', onDrop, true);
    };
  }, [filesAdded, rootRef]);

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
      {...getRootProps({
        role: 'group',
        'aria-label': messages.dropzone.groupLabel,
        'aria-describedby': full ? `${hintId} ${hintId}-full` : hintId,
        className: cn(
          'flex flex-col items-center justify-center gap-2 rounded-xl border-2 border-dashed px-4 text-center transition-colors sm:px-6',
          count === 0 ? 'py-8 sm:py-10' : 'py-5',
          // Full: it looks inactive (and says why below), Browse is off; a drop is still refused by name.
          isDragActive ? 'border-accent bg-accent-soft' : full ? 'border-line bg-surface-muted' : 'border-line-strong bg-surface',
        ),
      })}
    >
      <input {...getInputProps({ accept: ACCEPT_ATTRIBUTE, 'aria-label': messages.dropzone.inputLabel })} />
      {pageDrag && !isDragActive && (
        <div
          aria-hidden="true"
          className="pointer-events-none fixed inset-3 z-50 flex items-center justify-center rounded-2xl border-2 border-dashed border-accent bg-accent-soft/90 text-lg font-semibold text-fg"
        >
          {full ? messages.dropzone.full(MAX_REFS) : messages.dropzone.pageDrop}
        </div>
      )}
      <ImagesIcon />
      <p className={cn('text-base font-semibold', full ? 'text-fg-muted' : 'text-fg')}>
        {isDragActive ? messages.dropzone.titleActive : messages.dropzone.title}
      </p>
      {count === 0 && <p className="max-w-prose text-sm text-fg-muted">{messages.dropzone.emptyHint}</p>}
      <Button variant={count === 0 ? 'primary' : 'secondary'} onClick={open} disabled={full}>
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
