// What one check reports: a summary line, the problems it found, and whether it passed.

import { ToolMissingError } from './run-tool.js';

export interface CheckResult {
  name: string;
  ok: boolean;
  summary: string;
  details: string[];
  /** Could not run here (a schema file is missing): said so, and not counted as a failure. */
  skipped?: boolean;
}

export function skipped(name: string, summary: string): CheckResult {
  return { name, ok: true, summary, details: [], skipped: true };
}

export function passed(name: string, summary: string, details: string[] = []): CheckResult {
  return { name, ok: true, summary, details };
}

export function failed(name: string, summary: string, details: string[] = []): CheckResult {
  return { name, ok: false, summary, details };
}

/** Runs one check; a missing tool or any crash becomes a failed result, never a silent skip. */
export async function guarded(
  name: string,
  run: () => Promise<CheckResult | CheckResult[]>,
): Promise<CheckResult[]> {
  try {
    const result = await run();
    return Array.isArray(result) ? result : [result];
  } catch (err) {
    if (err instanceof ToolMissingError) return [failed(name, err.message)];
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    return [failed(name, `crashed: ${message}`)];
  }
}

/** The printed form: "pass name: summary" or "FAIL name: summary", then up to `limit` details. Not "ok": CI output is read as TAP, where a line starting "ok" is a test. */
export function formatResult(result: CheckResult, limit = 60): string {
  const verdict = result.skipped ? 'skip' : result.ok ? 'pass' : 'FAIL';
  const head = `${verdict} ${result.name}: ${result.summary}`;
  const shown = result.details.slice(0, limit).map((line) => `       ${line}`);
  const hidden = result.details.length - shown.length;
  if (hidden > 0) shown.push(`       … and ${hidden} more`);
  return [head, ...shown].join('\n');
}
