import { useEffect, useId } from 'react';
import { useDropzone } from 'react-dropzone';
import { MAX_REFS } from '../../../../contract/constants';
import { formatBytes } from '../../../lib/format';
import { Button } from '../../../components/ui/button';
import { cn } from '../../../components/ui/cn';
import { addFiles } from '../add-files';
import { ACCEPT_ATTRIBUTE, MAX_FILE_BYTES } from '../file-rules';
import { useUploadActions } from '../upload-store';

/** Drag and drop, a Browse button (mouse or keyboard), or paste from the clipboard anywhere on the page. */
export function Dropzone({ count }: { count: number }) {
  const { filesRefused } = useUploadActions();
  const hintId = useId();
  const full = count >= MAX_REFS;

  // The drop area is a plain region; the real <button> inside opens the picker, so keyboard
  // and screen-reader users get a native control and nothing interactive is nested.
  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    onDrop: (accepted, rejected) => addFiles([...accepted, ...rejected.map((rejection) => rejection.file)]),
    multiple: true,
    noClick: true,
    noKeyboard: true,
    useFsAccessApi: false,
  });

  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const files = Array.from(event.clipboardData?.files ?? []);
      if (files.length > 0) {
        event.preventDefault();
        addFiles(files);
        return;
      }
      // Text pasted into a field is just typing; text pasted onto the page was meant as an image.
      const target = event.target as HTMLElement | null;
      const typing = target?.closest('input, textarea, select, [contenteditable="true"]');
      if (!typing && event.clipboardData?.types.includes('text/plain')) {
        filesRefused([{ fileName: 'The pasted text', reason: 'is not an image. Copy an image or an image file, then paste again.' }]);
      }
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [filesRefused]);

  return (
    <div
      {...getRootProps({
        role: 'group',
        'aria-label': 'Add reference images',
        'aria-describedby': hintId,
        className: cn(
          'flex flex-col items-center justify-center gap-2 rounded-xl border-2 border-dashed px-6 py-10 text-center transition-colors',
          isDragActive ? 'border-indigo-600 bg-indigo-50' : 'border-slate-300 bg-white',
        ),
      })}
    >
      <input {...getInputProps({ accept: ACCEPT_ATTRIBUTE, 'aria-label': 'Choose reference images' })} />
      <p className="text-base font-semibold text-slate-900">
        {isDragActive ? 'Drop the images here' : 'Drag reference images here'}
      </p>
      <Button variant="secondary" onClick={open}>
        Browse for images
      </Button>
      <p id={hintId} className="text-sm text-slate-700">
        JPEG, PNG, WebP or HEIC, up to {formatBytes(MAX_FILE_BYTES)} each, {MAX_REFS} per character
        {full ? ' — the limit is reached; remove one to add another' : ''}. You can also paste an image.
      </p>
    </div>
  );
}
