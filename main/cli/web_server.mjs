// The browser build, served by a tiny static file server on the loopback interface.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { resolveStaticPath, staticHeaders } from '../static_files.mjs';
import { resolvePackageDir } from './electron_runtime.mjs';

/**
 * Builds the browser build into `<repoRoot>/dist/web` unless it is already there.
 * @param {string} repoRoot
 * @returns {string} the build's directory
 */
export function ensureWebBuild(repoRoot) {
  const outDir = join(repoRoot, 'dist', 'web');
  if (existsSync(join(outDir, 'index.html'))) return outDir;
  const viteDir = resolvePackageDir('vite');
  if (!viteDir) throw new Error('vite is not installed: run npm install');
  const args = [
    join(viteDir, 'bin', 'vite.js'),
    'build',
    '--config',
    'renderer/vite.web.config.ts',
    '--logLevel',
    'warn',
  ];
  const result = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the browser build failed');
  return outDir;
}

/**
 * A server for the files under `root` (GET and HEAD only).
 * @param {string} root
 * @returns {import('node:http').Server}
 */
export function createStaticServer(root) {
  return createServer(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const file = resolveStaticPath(root, new URL(req.url ?? '/', 'http://localhost').pathname);
    let body;
    try {
      if (file === null) throw new Error('outside the root');
      body = await readFile(file);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    res.writeHead(200, { ...staticHeaders(file), 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
}

/**
 * Listens on 127.0.0.1:`port`. If that port is taken and `anyPortIfTaken`, on a free one instead.
 * @param {import('node:http').Server} server
 * @param {{ port: number, anyPortIfTaken?: boolean }} options
 * @returns {Promise<string>} the server's URL
 */
export function listen(server, { port, anyPortIfTaken = false }) {
  const host = '127.0.0.1';
  return new Promise((resolve, reject) => {
    server.once('error', (/** @type {NodeJS.ErrnoException} */ err) => {
      if (err.code === 'EADDRINUSE' && anyPortIfTaken) resolve(listen(server, { port: 0 }));
      else reject(err);
    });
    server.listen(port, host, () => {
      const address = server.address();
      resolve(`http://${host}:${typeof address === 'object' && address ? address.port : port}/`);
    });
  });
}
