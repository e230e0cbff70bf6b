/** What a command prints and the exit code it ends with (0 fine, 1 a schema problem, 2 a usage problem). */
export interface CommandResult {
  readonly exitCode: number;
  readonly output: string;
}

export function result(exitCode: number, lines: readonly string[]): CommandResult {
  return { exitCode, output: lines.length > 0 ? `${lines.join('\n')}\n` : '' };
}
