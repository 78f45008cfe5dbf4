// Putting a line together: strace pads the call to a column before `= result`.

/**
 * `prefixAndCall` (pid/time prefixes and `name(args)`), one space, spaces up to `column` (40, or
 * -a N), then `returnText` (`= 3`). A call already past the column gets just the one space.
 */
export function alignLine(prefixAndCall: string, returnText: string, column = 40): string {
  return `${`${prefixAndCall} `.padEnd(column)}${returnText}`;
}
