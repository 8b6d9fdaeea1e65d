// Planned requests sent to 127.0.0.1 over keep-alive connections, a bounded number in flight, each
// answer read to the end and reported: its status, or why there was none.

import { Agent, request } from 'node:http';
import type { PlannedRequest } from './request-mix.js';

export interface Outcome {
  /** null when no complete answer came (the connection failed, closed early or timed out). */
  status: number | null;
  error?: string;
  etag?: string;
}

/** An answer this late counts as an error, so one stuck request cannot hang the soak. */
const REQUEST_TIMEOUT_MS = 30_000;

interface Target {
  host: string;
  port: number;
}

/** The server's host and port; anything but loopback is refused, this being a load generator. */
export function loopbackTarget(url: string): Target {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' || parsed.hostname !== '127.0.0.1') {
    throw new Error(`refusing to load anything but http://127.0.0.1: ${url}`);
  }
  return { host: parsed.hostname, port: Number(parsed.port) };
}

function send(agent: Agent, target: Target, plan: PlannedRequest): Promise<Outcome> {
  const failed = (err: NodeJS.ErrnoException): Outcome => ({
    status: null,
    error: err.code ?? err.message,
  });
  return new Promise((done) => {
    const { method, path, headers } = plan;
    const req = request({ agent, ...target, method, path, headers }, (res) => {
      res.on('end', () => done({ status: res.statusCode ?? null, etag: res.headers.etag }));
      res.on('error', (err) => done(failed(err)));
      // A body cut short ends with 'close' but no 'end'; a settled promise ignores the second call.
      res.on('close', () => done({ status: null, error: 'answer cut short' }));
      res.resume();
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('timed out')));
    req.on('error', (err) => done(failed(err)));
    req.end();
  });
}

export interface LoadOptions {
  url: string;
  concurrency: number;
  /** The next request to send, or null when the soak is over. */
  next(): PlannedRequest | null;
  onAnswer(plan: PlannedRequest, outcome: Outcome): void;
}

/** `concurrency` senders, each sending its next request when its last is answered. */
export async function runLoad({ url, concurrency, next, onAnswer }: LoadOptions): Promise<void> {
  const target = loopbackTarget(url);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const sender = async (): Promise<void> => {
    for (let plan = next(); plan; plan = next()) onAnswer(plan, await send(agent, target, plan));
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, sender));
  } finally {
    agent.destroy();
  }
}
