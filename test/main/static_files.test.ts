// Serving the renderer: path resolution, headers, the app:// handler and the browser build's server.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../main/app_protocol';
import { createStaticServer, listen } from '../../main/cli/web_server.mjs';
import { CONTENT_SECURITY_POLICY, resolveStaticPath, staticHeaders } from '../../main/static_files.mjs';

const root = mkdtempSync(join(tmpdir(), 'ringside-web-'));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Ringside</title>');
writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');

describe('resolveStaticPath', () => {
  it.each([
    ['/', 'index.html'],
    ['/index.html', 'index.html'],
    ['/assets/app.js', 'assets/app.js'],
    ['/assets/a%20b.js', 'assets/a b.js'],
  ])('maps %s into the root', (pathname, rel) => {
    expect(resolveStaticPath(root, pathname)).toBe(join(root, rel));
  });

  it.each(['/../etc/passwd', '/%2e%2e/etc/passwd', '/assets/../../x', '/..%2f..%2fx', '/%E0%A4%A', '/a%00b'])(
    'refuses %s',
    (pathname) => expect(resolveStaticPath(root, pathname)).toBeNull(),
  );
});

describe('staticHeaders', () => {
  it('types files and applies the CSP', () => {
    expect(staticHeaders('/x/app.js')['content-type']).toMatch(/^text\/javascript/);
    expect(staticHeaders('/x/blob.bin')['content-type']).toBe('application/octet-stream');
    expect(staticHeaders('/x/index.html')['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});

describe('app:// protocol handler', () => {
  const handle = createAppProtocolHandler(root);

  it('serves the renderer with the CSP', async () => {
    const res = await handle(new Request('app://ringside/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await res.text()).toContain('<title>Ringside</title>');
  });

  it.each(['app://ringside/missing.js', 'app://ringside/assets/', 'app://other/index.html', 'app://ringside/%2e%2e/x'])(
    'answers 404 for %s',
    async (url) => expect((await handle(new Request(url))).status).toBe(404),
  );
});

describe('the browser build server', () => {
  const server = createStaticServer(root);
  let url = '';
  beforeAll(async () => {
    url = await listen(server, { port: 0 });
  });
  afterAll(() => void server.close());

  it('listens on the loopback interface only', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves files with their type and the CSP', async () => {
    const res = await fetch(new URL('assets/app.js', url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await (await fetch(url)).text()).toContain('Ringside');
  });

  it('answers 404 outside the root and 405 to writes', async () => {
    expect((await fetch(new URL('%2e%2e/%2e%2e/etc/passwd', url))).status).toBe(404);
    expect((await fetch(url, { method: 'POST' })).status).toBe(405);
  });

  it('falls back to a free port when asked for a taken one', async () => {
    const other = createStaticServer(root);
    const taken = Number(new URL(url).port);
    const otherUrl = await listen(other, { port: taken, anyPortIfTaken: true });
    expect(otherUrl).not.toBe(url);
    other.close();
    await expect(listen(createStaticServer(root), { port: taken })).rejects.toThrow(/EADDRINUSE/);
  });
});
