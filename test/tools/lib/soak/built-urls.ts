// Every URL of a site, read from what `pugo build` writes: the route table's pages and the static
// files, the same list the server answers.

import { runTool } from '../run-tool.js';
import { listFiles, urlPathFor } from '../site-files.js';

/**
 * The not-found page the build writes for static hosts; pugo's server answers it 404, as it
 * answers every unknown path, so it is no page of the site.
 */
const NOT_FOUND_FILE = '404.html';

/** Builds the site into `dest` with pugo's CLI and returns its URL paths ('/', '/tags/Go.html'). */
export async function builtUrlPaths(
  cli: string,
  flags: { content: string; store: string; dest: string },
): Promise<string[]> {
  const { content, store, dest } = flags;
  const args = [cli, 'build', '--content', content, '--store', store, '--dest', dest];
  const { code, stdout, stderr } = await runTool(process.execPath, args, { advice: 'use Node 20' });
  if (code !== 0) throw new Error(`pugo build failed (exit ${code}):\n${stdout}${stderr}`);
  return listFiles(dest)
    .filter((file) => file !== NOT_FOUND_FILE)
    .map((file) => `/${urlPathFor(file)}`);
}
