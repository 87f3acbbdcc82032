import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/** Where attachment bytes live; local disk by default, an object store later. */
export interface AttachmentStore {
  /** Stores bytes and returns the key to read them back. */
  put(bytes: Uint8Array): Promise<{ key: string; sha256: string }>;
  get(key: string): Promise<Uint8Array | undefined>;
}

/** Files under `<DATA_DIR>/attachments/ab/cd/<uuid>`, written atomically (temp file + rename). */
export class DiskAttachmentStore implements AttachmentStore {
  private readonly root: string;

  constructor(dataDir: string) {
    this.root = resolve(dataDir, 'attachments');
  }

  async put(bytes: Uint8Array) {
    const id = randomUUID();
    const key = `${id.slice(0, 2)}/${id.slice(2, 4)}/${id}`;
    const path = join(this.root, key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(`${path}.tmp`, bytes);
    await rename(`${path}.tmp`, path);
    return { key, sha256: createHash('sha256').update(bytes).digest('hex') };
  }

  async get(key: string) {
    if (!/^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f-]{36}$/.test(key)) return undefined;
    try {
      return new Uint8Array(await readFile(join(this.root, key)));
    } catch {
      return undefined;
    }
  }
}
