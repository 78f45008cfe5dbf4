// Facts measured on real Linux live in ../shared/reference beside the checkout (see DESIGN.md).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REFERENCE_DIR = fileURLToPath(new URL('../../shared/reference/', import.meta.url));

export function readReference(name: string): string {
  return readFileSync(REFERENCE_DIR + name, 'utf8');
}
