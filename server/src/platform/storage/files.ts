import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { AppError, defineErrors } from '../errors.ts';

export const StorageErrors = defineErrors({
  FILE_TOO_LARGE: { status: 413, zh: '文件超过大小上限（{limitMb} MB）', en: 'The file is larger than the limit ({limitMb} MB).' },
});

/**
 * Uploaded and generated files. The filesystem under DATA_DIR/files here; an
 * S3-compatible store in a multi-instance deployment implements the same three
 * calls. Keys are generated, never taken from a user.
 */
export class FileStore {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!/^[a-z-]+\/[0-9a-f-]{36}(\.[a-z]{1,5})?$/.test(key)) throw new Error(`bad file key ${key}`);
    return path.join(this.root, key);
  }

  async save(folder: string, extension: string, input: Readable, limitBytes: number): Promise<{ key: string; bytes: number }> {
    const key = `${folder}/${randomUUID()}.${extension}`;
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    let bytes = 0;
    const limiter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        if (bytes > limitBytes) callback(new AppError('FILE_TOO_LARGE', { limitMb: Math.round(limitBytes / 1048576) }));
        else callback(null, chunk);
      },
    });
    try {
      await pipeline(input, limiter, createWriteStream(target, { mode: 0o600 }));
    } catch (error) {
      await rm(target, { force: true });
      throw error;
    }
    return { key, bytes };
  }

  read(key: string): Readable {
    return createReadStream(this.pathOf(key));
  }

  async size(key: string): Promise<number> {
    return (await stat(this.pathOf(key))).size;
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
