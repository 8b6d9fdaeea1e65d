// One wrk run against 127.0.0.1: requests per second and latency percentiles, parsed from its report.

import { runTool } from '../run-tool.js';

export interface WrkResult {
  rps: number;
  p50ms: number;
  p99ms: number;
  errors: number;
}

function ms(text: string | undefined): number {
  const m = /([\d.]+)(us|ms|s)/.exec(text ?? '');
  if (!m) return Number.NaN;
  const scale = m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1;
  return Number(m[1]) * scale;
}

export function parseWrk(report: string): WrkResult {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(report)?.[1]);
  const errors = /Non-2xx or 3xx responses:\s+(\d+)/.exec(report)?.[1];
  const socket = /Socket errors:.*?(\d+).*?(\d+).*?(\d+).*?(\d+)/.exec(report);
  const socketErrors = socket ? socket.slice(1).reduce((t, n) => t + Number(n), 0) : 0;
  return {
    rps,
    p50ms: ms(/^\s+50%\s+(\S+)/m.exec(report)?.[1]),
    p99ms: ms(/^\s+99%\s+(\S+)/m.exec(report)?.[1]),
    errors: Number(errors ?? 0) + socketErrors,
  };
}

/** wrk on one thread (the server gets the other core), bounded by `seconds`; loopback only. */
export async function runWrk(
  url: string,
  seconds: number,
  connections: number,
  headers: string[] = [],
  script?: string,
): Promise<WrkResult> {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url))
    throw new Error(`refusing to load anything but 127.0.0.1: ${url}`);
  const args = [
    '-t1',
    `-c${connections}`,
    `-d${seconds}s`,
    '--latency',
    ...headers.flatMap((h) => ['-H', h]),
    ...(script ? ['-s', script] : []),
    url,
  ];
  const { code, stdout, stderr } = await runTool('wrk', args, {
    advice: 'install the Debian package wrk',
  });
  if (code !== 0) throw new Error(`wrk failed (exit ${code}): ${stderr}`);
  return parseWrk(stdout);
}
