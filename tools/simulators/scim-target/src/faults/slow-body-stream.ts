import { Readable } from 'node:stream';

/**
 * The response body cut into chunks that leave one every `intervalMs`: the client gets the
 * status and headers at once and then waits for the rest, as behind a congested link. The first
 * chunk goes out immediately so the headers are flushed with it.
 */
export function slowBodyStream(payload: string | Buffer, chunkBytes: number, intervalMs: number): Readable {
  const bytes = Buffer.isBuffer(payload) ? payload : Buffer.from(payload, 'utf8');
  let offset = 0;
  let timer: NodeJS.Timeout | undefined;
  return new Readable({
    read() {
      if (timer) return;
      const push = () => {
        timer = undefined;
        if (offset >= bytes.length) {
          this.push(null);
          return;
        }
        const chunk = bytes.subarray(offset, offset + chunkBytes);
        offset += chunk.length;
        this.push(chunk);
      };
      if (offset === 0) push();
      else timer = setTimeout(push, intervalMs);
    },
    destroy(error, callback) {
      if (timer) clearTimeout(timer);
      callback(error);
    },
  });
}
