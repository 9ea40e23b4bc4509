/** One `callfwd` command: its help text and what it does with its arguments. Returns the exit code. */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The full `--help` text. */
  readonly help: string;
  run(argv: readonly string[]): Promise<number>;
}
