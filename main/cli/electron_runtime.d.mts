// Types for electron_runtime.mjs (plain JS so `npm start` runs it without a build step).
export declare function findElectronBinary(options?: {
  env?: Record<string, string | undefined>;
  electronDir?: string | null;
}): string | null;
export declare function resolvePackageDir(name: string): string | null;
