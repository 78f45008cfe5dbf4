// The app:// protocol: serves the built renderer (out/renderer) to the window. A custom scheme
// instead of file:// gives the page a real origin, so the CSP's 'self' means our files only and
// the page cannot read arbitrary files on disk.

import { readFile } from 'node:fs/promises';
import { resolveStaticPath, staticHeaders } from './static_files.mjs';
import { isAppUrl } from './security';

/** A `protocol.handle` handler serving the files under `rootDir`. */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const file = isAppUrl(request.url) ? resolveStaticPath(rootDir, new URL(request.url).pathname) : null;
    if (file === null) return notFound();
    try {
      return new Response(await readFile(file), { headers: staticHeaders(file) });
    } catch {
      return notFound();
    }
  };
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
}
