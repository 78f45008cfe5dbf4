// How Ringside serves its renderer's built files — the same rules for the Electron app (the app://
// protocol, main/app_protocol.ts) and the browser build (the CLI's server, main/cli/web_server.mjs).

import { extname, join, normalize, sep } from 'node:path';

/**
 * The renderer may run only its own scripts and talk to nothing but its origin. Styles allow
 * 'unsafe-inline' because xterm.js writes its theme and cell metrics into <style> elements; styles
 * cannot run code, and script-src stays strict. (Audits note that script-src 'self' trusts every
 * script on the origin, as JSONP or uploaded files would be; the origin serves only our build.)
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The same policy for a <meta http-equiv> tag in the built page (renderer/vite.web.config.ts):
 * without frame-ancestors, which a <meta> policy cannot carry (browsers ignore it there, with a
 * console error); the header keeps it.
 */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/**
 * The file under `root` that a URL path names ('/' is index.html), or null if it would escape
 * `root` (`..`, encoded or not) or cannot be decoded.
 * @param {string} root absolute directory
 * @param {string} pathname the URL's path, still percent-encoded
 * @returns {string | null}
 */
export function resolveStaticPath(root, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rootDir = normalize(root + sep);
  const file = normalize(join(rootDir, decoded === '/' || decoded === '' ? 'index.html' : decoded));
  return file.startsWith(rootDir) && file !== rootDir ? file : null;
}

/**
 * Headers for serving `file`: its type, the CSP, and no MIME sniffing.
 * @param {string} file
 * @returns {Record<string, string>}
 */
export function staticHeaders(file) {
  return {
    'content-type':
      MIME_TYPES[/** @type {keyof typeof MIME_TYPES} */ (extname(file).toLowerCase())] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  };
}
