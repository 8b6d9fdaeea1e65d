// RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the newest posts, through the `feed` library.

import type { Post } from '../types.js';
import { type ReadingRates, readingOf } from './reading-time.js';
import type { ViewFactory } from './view-models.js';

export type FeedKind = 'rss' | 'atom' | 'json';

export interface FeedSite {
  title: string;
  desc: string;
  lang: string;
  owner: { name: string; email: string; url: string } | null;
  /** For each item's reading time in the JSON feed. */
  rates: ReadingRates;
}

/** Feeds are read away from the site, so root-relative links and images get the site's origin. */
function absolutize(html: string, origin: string): string {
  return html.replace(/(\s(?:src|href)=")\/(?!\/)/g, `$1${origin}/`);
}

/**
 * The feed of `posts`. `feed` (with its XML writer) loads on the first feed rendered: a
 * rebuild whose edit no feed shows never needs it (5 ms of a one-post rebuild).
 */
export async function renderFeed(
  kind: FeedKind,
  posts: Post[],
  site: FeedSite,
  views: ViewFactory,
): Promise<string> {
  const { Feed } = await import('feed');
  const home = views.absolute(views.url('/'));
  const origin = new URL(home).origin;
  const feed = new Feed({
    id: home,
    link: home,
    title: site.title,
    description: site.desc || site.title,
    language: site.lang,
    // The newest post's update, not the clock: the same content gives the same bytes.
    updated: new Date(posts[0]?.updated ?? 0),
    generator: 'pugo',
    copyright: `© ${site.owner?.name ?? site.title}`,
    feedLinks: {
      rss: views.absolute(views.url('/feed.xml')),
      atom: views.absolute(views.url('/atom.xml')),
      json: views.absolute(views.url('/feed.json')),
    },
    author: site.owner
      ? {
          name: site.owner.name,
          email: site.owner.email || undefined,
          link: site.owner.url || undefined,
        }
      : undefined,
  });
  for (const post of posts) {
    const link = views.absolute(views.url(post.path));
    const author = views.author(post.author);
    feed.addItem({
      title: post.title,
      id: link,
      link,
      date: new Date(post.updated),
      published: new Date(post.date),
      description: absolutize(post.summaryHtml, origin),
      content: absolutize(post.html, origin),
      category: post.tags.map((name) => ({ name, term: name })),
      author: author
        ? [{ name: author.nick || author.name, link: author.url || undefined }]
        : undefined,
      // JSON Feed's extension objects (keys starting with '_'); RSS and Atom would take them
      // for elements of their own, so only the JSON feed carries them.
      extensions: kind === 'json' ? [{ name: '_pugo', objects: readingExtension(post, site) }] : [],
    });
  }
  return kind === 'rss' ? feed.rss2() : kind === 'atom' ? feed.atom1() : feed.json1();
}

/** A JSON feed item's `_pugo`: its words and reading time, as the post page shows them. */
function readingExtension(post: Post, site: FeedSite) {
  const { words, minutes } = readingOf(post, site.rates);
  return { word_count: words, cjk_count: post.cjkCount, reading_minutes: minutes };
}
