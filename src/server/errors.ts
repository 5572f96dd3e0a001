/**
 * A failure that stops the platform from starting: a bad setting, an unreachable database, an unwritable data
 * directory. The CLI prints its message as one line and exits, with no stack trace.
 */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}
