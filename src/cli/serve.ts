/**
 * The `litgraph view` server: a small node:http static server for the built viewer and its data.
 *
 * Safety (issue 7): binds 127.0.0.1 unless told otherwise; serves only an enumerated set of files
 * held in memory (the viewer's build output and the data generated for it), so no request path
 * ever reaches the file system — `..`, `%2e%2e`, backslashes, NUL and absolute paths are refused
 * before lookup anyway; every response carries a content security policy without
 * 'unsafe-inline' for scripts, `nosniff`, and no caching of data.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  txt: 'text/plain; charset=utf-8',
  map: 'application/json; charset=utf-8',
};

export function contentType(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

export interface ServedFile {
  body: Buffer;
  type: string;
}

/** The files a server may serve, by site path without the leading slash. */
export type FileTable = Map<string, ServedFile>;

export function fileTable(assets: Map<string, string>, generated: Map<string, string | Buffer>): FileTable {
  const table: FileTable = new Map();
  for (const [rel, path] of assets) table.set(rel, { body: readFileSync(path), type: contentType(rel) });
  for (const [rel, text] of generated) table.set(rel, { body: typeof text === 'string' ? Buffer.from(text, 'utf8') : text, type: contentType(rel) });
  return table;
}

export type PathCheck = { ok: true; path: string } | { ok: false; status: 400 | 404; reason: string };

/**
 * Maps a request target to a site path, refusing anything that could name a file outside the
 * site: dot segments (raw or percent-encoded), backslashes, NUL, absolute or scheme-relative
 * forms, and malformed escapes.
 */
export function sitePath(target: string | undefined): PathCheck {
  if (!target || !target.startsWith('/') || target.startsWith('//')) return { ok: false, status: 400, reason: 'not a path' };
  const raw = target.split(/[?#]/, 1)[0];
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { ok: false, status: 400, reason: 'malformed escape' };
  }
  if (/[\\\0]/.test(decoded) || /%2e|%2f|%5c/i.test(decoded)) return { ok: false, status: 400, reason: 'forbidden character' };
  const segments = decoded.slice(1).split('/');
  if (segments.some((s) => s === '..' || s === '.')) return { ok: false, status: 400, reason: 'dot segment' };
  if (/^[a-zA-Z]:/.test(decoded.slice(1)) || decoded.startsWith('//')) return { ok: false, status: 400, reason: 'absolute path' };
  const path = decoded.slice(1);
  return { ok: true, path: path === '' || path.endsWith('/') ? `${path}index.html` : path };
}

function send(res: ServerResponse, status: number, type: string, body: Buffer | string, head: boolean): void {
  const buffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': buffer.length,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  });
  res.end(head ? undefined : buffer);
}

export function handler(files: FileTable) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.setHeader('Allow', 'GET, HEAD');
      send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', head);
      return;
    }
    const check = sitePath(req.url);
    if (!check.ok) {
      send(res, check.status, 'text/plain; charset=utf-8', `refused: ${check.reason}\n`, head);
      return;
    }
    const file = files.get(check.path);
    if (!file) {
      send(res, 404, 'text/plain; charset=utf-8', 'not found\n', head);
      return;
    }
    send(res, 200, file.type, file.body, head);
  };
}

export interface ServeOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
}

export const DEFAULT_SERVE_OPTIONS: ServeOptions = { host: '127.0.0.1', port: 5173 };

export interface RunningServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Starts serving `files`; resolves once listening (rejects with a clear message if the port is taken). */
export function serveFiles(files: FileTable, options: Partial<ServeOptions> = {}): Promise<RunningServer> {
  const o = { ...DEFAULT_SERVE_OPTIONS, ...options };
  const server = createServer(handler(files));
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${o.port} on ${o.host} is in use; pick another with --port N (0 picks a free one)`) : error);
    });
    server.listen(o.port, o.host, () => {
      const port = (server.address() as AddressInfo).port;
      const host = o.host.includes(':') ? `[${o.host}]` : o.host;
      resolve({
        url: `http://${host}:${port}/`,
        port,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
