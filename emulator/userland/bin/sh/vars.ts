// Shell variables: values, the export and readonly attributes, and `local` scopes.
// The environment a command gets is built from the exported variables at each exec.

import { ShellError } from './errors';

export interface Var {
  /** null: declared (export X, readonly X, local X) but unset. */
  value: string | null;
  exported: boolean;
  readonly: boolean;
}

export const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export class Vars {
  private map = new Map<string, Var>();
  /** For each running function that used `local`: the variables it shadows, as they were. */
  private frames: Map<string, Var | undefined>[] = [];

  /** Import an environment: every variable in it is exported. */
  static fromEnviron(environ: readonly (readonly [string, string])[]): Vars {
    const v = new Vars();
    for (const [k, val] of environ) if (NAME_RE.test(k)) v.map.set(k, { value: val, exported: true, readonly: false });
    return v;
  }

  get(name: string): string | undefined {
    return this.map.get(name)?.value ?? undefined;
  }

  /** Assign; a readonly variable refuses with "x: is read only". */
  set(name: string, value: string, exported = false): void {
    const v = this.map.get(name);
    if (v?.readonly) throw new ShellError(`${name}: is read only`);
    if (v) {
      v.value = value;
      if (exported) v.exported = true;
    } else this.map.set(name, { value, exported, readonly: false });
  }

  unset(name: string): void {
    const v = this.map.get(name);
    if (v?.readonly) throw new ShellError(`${name}: is read only`);
    this.map.delete(name);
  }

  /** Set an attribute (declaring the variable unset if it does not exist). */
  mark(name: string, attr: 'exported' | 'readonly', on = true): void {
    let v = this.map.get(name);
    if (!v) this.map.set(name, (v = { value: null, exported: false, readonly: false }));
    v[attr] = on;
  }

  /** Every variable, sorted by name (for `set`, `export -p`, `readonly -p`). */
  entries(): [string, Var][] {
    return [...this.map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** The environment for a new program: exported variables that have a value. */
  environ(): string[] {
    const out: string[] = [];
    for (const [k, v] of this.map) if (v.exported && v.value !== null) out.push(`${k}=${v.value}`);
    return out;
  }

  // ---- local ---------------------------------------------------------------------------------

  pushFrame(): void {
    this.frames.push(new Map());
  }

  /** The function returns: its locals go, the shadowed variables come back. */
  popFrame(): void {
    const frame = this.frames.pop();
    if (!frame) return;
    for (const [name, saved] of frame) {
      if (saved) this.map.set(name, saved);
      else this.map.delete(name);
    }
  }

  inFunction(): boolean {
    return this.frames.length > 0;
  }

  /** `local name`: remember the current variable so the function's return restores it. */
  makeLocal(name: string): void {
    const frame = this.frames[this.frames.length - 1];
    if (!frame || frame.has(name)) return;
    const v = this.map.get(name);
    frame.set(name, v ? { ...v } : undefined);
  }

  /** A copy for a subshell: changes in either are not seen by the other. */
  clone(): Vars {
    const c = new Vars();
    for (const [k, v] of this.map) c.map.set(k, { ...v });
    c.frames = this.frames.map((f) => new Map([...f].map(([k, v]) => [k, v && { ...v }])));
    return c;
  }
}
