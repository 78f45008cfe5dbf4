// tree: directory listings as trees (its own Debian package, like the real one).

import type { ProgramEntry } from '../../programs';
import { tree } from './tree';

export const treePrograms: ProgramEntry[] = [{ name: 'tree', main: tree, paths: ['/usr/bin/tree'] }];
