/**
 * The files in a drop, read the way the browser hands them over: a dropped folder is walked for
 * the files in it (any depth), everything else is taken as it is. Small on purpose: the first
 * screen carries it (a drop library cost it 6 KB gzip).
 */

/** Called inside the drop event: the DataTransfer is emptied as soon as the handler returns. */
export function droppedFiles(data: DataTransfer): Promise<File[]> {
  const entries = Array.from(data.items, (item) => (item.kind === 'file' ? item.webkitGetAsEntry?.() : null));
  const files = Array.from(data.files);
  if (!entries.some((entry) => entry?.isDirectory)) return Promise.resolve(files);
  return Promise.all(
    entries.map((entry, index) => (entry?.isDirectory ? walk(entry as FileSystemDirectoryEntry) : files[index] ? [files[index]] : [])),
  ).then((lists) => lists.flat());
}

async function walk(directory: FileSystemDirectoryEntry): Promise<File[]> {
  const reader = directory.createReader();
  const found: File[] = [];
  // readEntries hands over a batch at a time (100 in Chromium) until it hands over none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) return found;
    for (const entry of batch) {
      if (entry.isDirectory) found.push(...(await walk(entry as FileSystemDirectoryEntry)));
      else found.push(await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject)));
    }
  }
}
