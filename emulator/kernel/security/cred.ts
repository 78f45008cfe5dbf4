// Credentials (include/linux/cred.h): the ids a task acts with. Capabilities arrive with the
// security issue; until then uid 0 is all-powerful, which is what capable() reports below.

export class Cred {
  uid = 0; euid = 0; suid = 0; fsuid = 0;
  gid = 0; egid = 0; sgid = 0; fsgid = 0;
  groups: number[] = [];

  clone(): Cred {
    const c = new Cred();
    Object.assign(c, this);
    c.groups = [...this.groups];
    return c;
  }

  /** capable(CAP_*): simplified to "effective uid is 0" until capability sets exist. */
  capable(): boolean {
    return this.euid === 0;
  }

  inGroup(gid: number): boolean {
    return this.fsgid === gid || this.groups.includes(gid);
  }
}
