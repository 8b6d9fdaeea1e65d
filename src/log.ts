// The one logger: plain lines to stderr (info quiet unless asked for), so stdout stays for output.

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

export function createLogger({ quiet = false }: { quiet?: boolean } = {}): Logger {
  return {
    info(message) {
      if (!quiet) process.stderr.write(`${message}\n`);
    },
    warn(message) {
      process.stderr.write(`warning: ${message}\n`);
    },
    error(message, err) {
      const stack = err instanceof Error ? `\n${err.stack}` : '';
      process.stderr.write(`error: ${message}${stack}\n`);
    },
  };
}

/** A logger that keeps its lines, for tests. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info: ${m}`),
    warn: (m) => lines.push(`warning: ${m}`),
    error: (m) => lines.push(`error: ${m}`),
  };
}

/** 2911 → '2,911'. By hand: the first toLocaleString call loads ICU data, 25 ms of a rebuild. */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
