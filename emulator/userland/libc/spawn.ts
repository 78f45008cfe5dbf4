// <spawn.h>: posix_spawn and posix_spawnp, as glibc implements them: a vfork-style clone
// (CLONE_VM|CLONE_VFORK: the parent sleeps until the child has exec'd), the file actions applied
// in the child, then execve. The child reports a failure to exec through its exit status 127.

import { O_CLOEXEC } from '../../uapi/fcntl';
import type { Sys } from '../runtime/context';
import { open } from './fcntl';
import { close, dup2, environStrings, execve, execvp, vfork } from './unistd';

/** posix_spawn_file_actions_t: what the child does to its descriptors before exec. */
export type SpawnFileAction =
  | { action: 'close'; fd: number }
  | { action: 'dup2'; fd: number; newfd: number }
  | { action: 'open'; fd: number; path: string; flags: number; mode: number };

function* applyFileActions(actions: readonly SpawnFileAction[]): Sys<boolean> {
  for (const a of actions) {
    if (a.action === 'close') yield* close(a.fd);
    else if (a.action === 'dup2') {
      if ((yield* dup2(a.fd, a.newfd)) < 0) return false;
    } else {
      const fd = yield* open(a.path, a.flags & ~O_CLOEXEC, a.mode);
      if (fd < 0) return false;
      if (fd !== a.fd) {
        if ((yield* dup2(fd, a.fd)) < 0) return false;
        yield* close(fd);
      }
    }
  }
  return true;
}

function* spawn(path: string, argv: string[], envp: string[] | null, actions: readonly SpawnFileAction[], search: boolean): Sys<number> {
  return yield* vfork(function* () {
    if (!(yield* applyFileActions(actions))) return 127;
    if (search) yield* execvp(path, argv);
    else yield* execve(path, argv, envp ?? environStrings());
    return 127;
  });
}

/** posix_spawn(3): the child's pid, or -1 if the process could not be created. */
export function* posix_spawn(path: string, argv: string[], envp: string[] | null = null, actions: readonly SpawnFileAction[] = []): Sys<number> {
  return yield* spawn(path, argv, envp, actions, false);
}

/** posix_spawnp(3): like posix_spawn, searching $PATH for a name without a slash. */
export function* posix_spawnp(file: string, argv: string[], actions: readonly SpawnFileAction[] = []): Sys<number> {
  return yield* spawn(file, argv, null, actions, true);
}
