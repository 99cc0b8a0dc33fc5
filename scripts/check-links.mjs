/**
 * The site's link check (a step of `npm test`): every link of the built
 * site (docs/api, from `npm run docs`) must lead somewhere.
 *
 * The site links to the sources ("Defined in" points at src/…), so the
 * repository root is served over HTTP and linkinator crawls from
 * docs/api/index.html; only links inside the repository are followed
 * (the site names no other, and the machine may have no network).
 *
 * Usage: node scripts/check-links.mjs   (after npm run docs)
 * Exit status 0 when no link is broken; else the broken ones, with the
 * page that holds each.
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { LinkChecker } from 'linkinator';

const root = resolve(import.meta.dirname, '..');
const TYPES = { '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.json': 'application/json' };

const server = createServer(async (req, res) => {
  const path = join(root, normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)));
  try {
    let file = path;
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'text/plain' });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;

const result = await new LinkChecker().check({
  path: `${base}/docs/api/`,   // crawled: the pages under it; checked: every link they hold
  recurse: true,
  linksToSkip: [`^(?!${base.replace(/[.]/g, '\\.')})`],
  concurrency: 20,
});
server.close();

const broken = result.links.filter((l) => l.state === 'BROKEN');
if (process.env.LINKS_DEBUG) for (const l of result.links) console.log(l.state, l.url, l.status);
for (const l of broken) console.log(`broken: ${l.url.replace(base, '')} (on ${String(l.parent).replace(base, '')})`);
console.log(`${result.links.length - broken.length} links ok, ${broken.length} broken`);
process.exit(broken.length === 0 ? 0 : 1);
