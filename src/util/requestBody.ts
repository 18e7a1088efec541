import type { IncomingMessage } from 'node:http';
import { createBrotliDecompress, createGunzip, createInflate, type Gunzip } from 'node:zlib';

// Reads a request body with the size limit applied to what it inflates to, not to what crossed the
// wire: a 50 KB gzip bomb stops at the limit. Every stream error (a truncated or corrupt gzip, a
// client that hangs up) becomes a refusal with a status, never an unhandled 'error' event.

export class BodyRefusedError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'BodyRefusedError';
  }
}

type Decoder = Gunzip | ReturnType<typeof createInflate> | ReturnType<typeof createBrotliDecompress>;

function decoderFor(encoding: string): Decoder | null {
  switch (encoding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      throw new BodyRefusedError(415, `content encoding "${encoding.slice(0, 40)}" is not supported`);
  }
}

/** The body as UTF-8 text, at most `maxBytes` bytes after decoding. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const chunks: Buffer[] = [];
    let total = 0;
    let decoder: Decoder | null;
    const fail = (error: BodyRefusedError) => {
      if (settled) return;
      settled = true;
      req.unpipe();
      decoder?.destroy();
      // Nothing more of this body is read; the response closes the connection.
      req.pause();
      reject(error);
    };
    try {
      decoder = decoderFor(String(req.headers['content-encoding'] ?? '').trim().toLowerCase());
    } catch (error) {
      reject(error);
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (!decoder && Number.isFinite(declared) && declared > maxBytes) {
      reject(new BodyRefusedError(413, `the body is larger than ${maxBytes} bytes`));
      return;
    }
    const source = decoder ?? req;
    source.on('data', (chunk: Buffer) => {
      if (settled) return;
      total += chunk.length;
      if (total > maxBytes) {
        fail(new BodyRefusedError(413, `the body is larger than ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    source.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    source.on('error', () => fail(new BodyRefusedError(400, decoder ? 'the body could not be decompressed' : 'the body could not be read')));
    if (decoder) {
      req.on('error', () => fail(new BodyRefusedError(400, 'the body could not be read')));
      req.pipe(decoder);
    }
    req.on('aborted', () => fail(new BodyRefusedError(400, 'the client stopped sending the body')));
  });
}
