// Types for web_server.mjs (plain JS so `npm start` runs it without a build step).
import type { Server } from 'node:http';
export declare function ensureWebBuild(repoRoot: string): string;
export declare function createStaticServer(root: string): Server;
export declare function listen(server: Server, options: { port: number; anyPortIfTaken?: boolean }): Promise<string>;
