/** The file operations a state file needs: read if present, replace atomically and durably. */
import { open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { refused } from './format';

/** The file's bytes, or undefined when there is no such file; any other failure refuses the file. */
export async function readIfPresent(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw refused(file, `cannot be read (${(error as Error).message})`);
  }
}

/**
 * Replaces `file` with `text` so that a crash leaves either the old file or the new one, whole:
 * a temporary file beside it, fsynced, renamed over it, and the directory fsynced so the rename
 * itself is on disk.
 */
export async function replaceFile(file: string, text: string): Promise<void> {
  const temporary = `${file}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
  await syncDirectory(dirname(file));
}

/** Makes a rename in `directory` durable; where directories cannot be opened (Windows) there is nothing to do. */
export async function syncDirectory(directory: string): Promise<void> {
  let handle;
  try {
    handle = await open(directory, 'r');
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw error;
  } finally {
    await handle.close();
  }
}
