// Types for static_files.mjs (plain JS so the CLI can run it without a build step).
export declare const CONTENT_SECURITY_POLICY: string;
export declare const META_CONTENT_SECURITY_POLICY: string;
export declare function resolveStaticPath(root: string, pathname: string): string | null;
export declare function staticHeaders(file: string): Record<string, string>;
