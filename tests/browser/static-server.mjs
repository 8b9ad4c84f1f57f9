// A small static file server for the browser tests of the published site (the service worker
// is registered only over http, and `guidebook serve` never registers it). It serves a built
// site under a sub-path, as a host would, records every request, and can be taken "down" (it
// then drops every connection, as a missing network would) and brought back at the same
// address, so that the browser sees one origin throughout.

import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.xml': 'application/xml',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `root` at http://127.0.0.1:<port><prefix>. Resolves to
 * { url, requests, down, close(), reopen() }: `requests` lists every path asked for (while up
 * or down), `down = true` drops connections instead of answering.
 */
export async function staticServer(root, { prefix = '/guide/', port = 0 } = {}) {
  const state = { requests: [], down: false };
  const sockets = new Set();
  const handler = async (request, response) => {
    const url = new URL(request.url, 'http://localhost');
    state.requests.push({ path: url.pathname, down: state.down });
    if (state.down) {
      request.socket.destroy();
      return;
    }
    if (!url.pathname.startsWith(prefix)) {
      response.writeHead(404).end('not here\n');
      return;
    }
    let relative = decodeURIComponent(url.pathname.slice(prefix.length));
    if (relative === '' || relative.endsWith('/')) relative += 'index.html';
    const file = path.join(root, relative);
    if (!file.startsWith(root + path.sep)) {
      response.writeHead(400).end('bad path\n');
      return;
    }
    try {
      const bytes = await fs.readFile(file);
      response.writeHead(200, {
        'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
        'Content-Length': bytes.length,
        // As a host that lets browsers keep files a while: the worker must not be fooled.
        'Cache-Control': 'max-age=600',
      });
      response.end(request.method === 'HEAD' ? undefined : bytes);
    } catch {
      const missing = await fs.readFile(path.join(root, '404.html')).catch(() => Buffer.from('not found'));
      response.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' }).end(missing);
    }
  };
  let server;
  const listen = (at) => new Promise((resolve, reject) => {
    server = http.createServer(handler);
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    server.once('error', reject);
    server.listen(at, '127.0.0.1', () => resolve(server.address().port));
  });
  const actualPort = await listen(port);
  const close = () => new Promise((resolve) => {
    for (const socket of sockets) socket.destroy();
    if (!server.listening) resolve();
    else server.close(() => resolve());
  });
  return {
    url: `http://127.0.0.1:${actualPort}${prefix}`,
    origin: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    get requests() { return state.requests; },
    get down() { return state.down; },
    set down(value) { state.down = value; },
    close,
    /** Serves another folder from now on (same address). */
    set root(folder) { root = folder; },
    async reopen() { await listen(actualPort); },
  };
}
