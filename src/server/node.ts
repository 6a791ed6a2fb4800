import { bodyDeadlineMs } from '../schema/index.js';
import type { Ak1Handler } from './handler.js';
import { problem } from './http.js';
import { nodeBuiltin } from './node-builtins.js';
import { signingKeyOf } from './key-file.js';
import { generateSigningKey, type Ak1Jwk } from './tokens.js';

/*
 * What running the handler under Node's own http server takes. Node's types are written out structurally
 * (the few members used), so neither building nor using this package needs @types/node.
 */

/** The members of Node's `IncomingMessage` the adapter uses. */
export interface NodeIncomingMessage {
  method?: string | undefined;
  url?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** A TLS socket has `encrypted: true`. */
  socket: object;
  complete: boolean;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  pause(): unknown;
  resume(): unknown;
  destroy(): unknown;
}

/** The members of Node's `ServerResponse` the adapter uses. */
export interface NodeServerResponse {
  readonly headersSent: boolean;
  readonly destroyed: boolean;
  writeHead(status: number, headers: Record<string, string | string[]>): unknown;
  end(body?: Uint8Array): unknown;
  on(event: 'close', listener: () => void): unknown;
}

/** A client still sending after its `413` may send this much more, to be read and dropped, before it is cut off. */
const MAX_DRAIN_BYTES = 16 * 1024 * 1024;

/**
 * Adapts a Fetch-API handler to `http.createServer(listener)`. The request body is streamed to the handler,
 * which stops reading at the body limit. A body left unread is then read and dropped (up to 16 MB more):
 * closing the connection under a client that is still sending would reset it, and the client would never
 * see the `413`.
 */
export function toNodeListener(handler: Ak1Handler): (request: NodeIncomingMessage, response: NodeServerResponse) => void {
  return (req, res) => {
    serve(handler, req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
      if (!res.destroyed) res.end();
    });
  };
}

async function serve(handler: Ak1Handler, req: NodeIncomingMessage, res: NodeServerResponse): Promise<void> {
  const aborted = new AbortController();
  res.on('close', () => aborted.abort());
  const host = req.headers.host;
  const tls = (req.socket as { encrypted?: boolean }).encrypted === true;
  const origin = `${tls ? 'https' : 'http'}://${typeof host === 'string' && /^[A-Za-z0-9.:[\]-]+$/.test(host) ? host : 'localhost'}`;
  let url: URL;
  try {
    url = new URL(req.url ?? '/', origin);
    if (url.origin !== new URL(origin).origin) throw new TypeError('absolute-form request target');
  } catch {
    // `//[`, `http://a%/`, `http://x:99999/`: the request line is the client's mistake, never the process's end.
    await send(res, problem('malformed-request'));
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = req.method ?? 'GET';
  const body = method !== 'GET' && method !== 'HEAD' ? bodyOf(req) : undefined;
  let request: Request;
  try {
    request = new Request(url, {
      method,
      headers,
      signal: aborted.signal,
      ...(body ? { body: body.stream, duplex: 'half' } : {}),
    } as RequestInit);
  } catch {
    // Fetch refuses TRACE, TRACK and CONNECT outright; none of them is ours to answer.
    await send(res, problem('method-not-allowed', { headers: { allow: 'GET, HEAD, POST, OPTIONS' } }));
    return;
  }

  const clientAddress = (req.socket as { remoteAddress?: string }).remoteAddress;
  await send(res, await handler(request, clientAddress ? { clientAddress } : {}));
  if (body && !req.complete) {
    body.release();
    drain(req);
  }
}

async function send(res: NodeServerResponse, response: Response): Promise<void> {
  const reply = response.body ? new Uint8Array(await response.arrayBuffer()) : undefined;
  if (res.destroyed) return;
  const out: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    out[name] = value;
  });
  res.writeHead(response.status, out);
  res.end(reply);
}

/**
 * The request body as a web stream; the socket is paused while the handler has not read what came.
 * `release` detaches the stream from the request, whether or not the handler ever read from it.
 */
function bodyOf(req: NodeIncomingMessage): { stream: ReadableStream<Uint8Array>; release(): void } {
  let open = true;
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on('data', (chunk) => {
          if (!open) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.on('end', () => {
          if (open) controller.close();
          open = false;
        });
        req.on('error', (error) => {
          if (open) controller.error(error);
          open = false;
        });
      },
      pull() {
        req.resume();
      },
      // Cancelling must not destroy the request: its socket still has to carry the reply.
      cancel() {
        open = false;
        req.pause();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
  return {
    stream,
    release() {
      open = false;
    },
  };
}

/**
 * Reads and drops the rest of a body the handler did not want, so the connection can carry the reply. The
 * rest must come as a body must (`bodyDeadlineMs`): a client that stops sending is cut off, not waited for.
 */
function drain(req: NodeIncomingMessage): void {
  let dropped = 0;
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cutOff = () => {
    clearTimeout(timer);
    req.destroy();
  };
  const waitForMore = () => {
    clearTimeout(timer);
    timer = setTimeout(cutOff, started + bodyDeadlineMs(dropped) - performance.now());
    // The request may end without 'end' or 'close' reaching us (its client gone while the body was dropped);
    // a cut-off for a body nobody sends must not keep the process up for minutes after the server closed.
    timer.unref?.();
  };
  req.on('data', (chunk) => {
    dropped += chunk.byteLength;
    if (dropped > MAX_DRAIN_BYTES) cutOff();
    else waitForMore();
  });
  req.on('end', () => clearTimeout(timer));
  req.on('close', () => clearTimeout(timer));
  waitForMore();
  req.resume();
}

/**
 * The signing key kept in `path` (a private Ed25519 JWK, readable by its owner only), made on first use.
 * Printed cards carry tokens signed with it, so it must outlive restarts and upgrades: back it up with the
 * database. Several processes starting at once agree on one key: the file appears complete or not at all.
 */
export async function loadOrCreateSigningKey(path: string): Promise<Ak1Jwk> {
  const fs = nodeBuiltin<typeof import('node:fs/promises')>('node:fs/promises', 'loadOrCreateSigningKey');
  const { dirname } = nodeBuiltin<typeof import('node:path')>('node:path', 'loadOrCreateSigningKey');
  // After `keys rotate` the file is a ring of keys; the first one signs.
  const read = async () => signingKeyOf(JSON.parse(await fs.readFile(path, 'utf8')));
  try {
    return await read();
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
  await fs.mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const key = await generateSigningKey();
  const temporary = `${path}.${crypto.randomUUID()}.tmp`;
  await fs.writeFile(temporary, `${JSON.stringify(key)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    // link() fails if the key file exists: whoever links first wins, and everyone reads that one.
    await fs.link(temporary, path);
    return key;
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
    return await read();
  } finally {
    await fs.unlink(temporary).catch(() => {});
  }
}
