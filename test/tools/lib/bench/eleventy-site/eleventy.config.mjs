// Minimal Eleventy site for the build benchmark, the same pages as ../shared/bench/hugo-site:
// home pages of 10 posts with their summaries, one page per tag (10 posts a page), a tag index
// and one page per post. Posts are gen-corpus.mjs --format yaml, written to posts/ by the bench.

import syntaxHighlight from '@11ty/eleventy-plugin-syntaxhighlight';

const PER_PAGE = 10;

/** Hugo's urlize for these tags: lower case, spaces to hyphens, other characters kept. */
const tagSlug = (tag) => tag.toLowerCase().replace(/\s+/g, '-');

const tagHref = (slug, number) => `/tags/${slug}/${number > 1 ? `page/${number}/` : ''}`;

/** Every post under each of its tags, newest first, tags in name order. */
function postsByTag(api) {
  const byTag = new Map();
  for (const post of api.getFilteredByGlob('posts/*.md').reverse()) {
    for (const tag of post.data.tags ?? []) byTag.set(tag, [...(byTag.get(tag) ?? []), post]);
  }
  return [...byTag].sort(([a], [b]) => (a < b ? -1 : 1));
}

/** One item per tag page: Eleventy paginates one level, so tag × page is flattened here. */
function tagPages(api) {
  return postsByTag(api).flatMap(([tag, posts]) => {
    const slug = tagSlug(tag);
    const total = Math.ceil(posts.length / PER_PAGE);
    return Array.from({ length: total }, (_, i) => ({
      tag,
      count: posts.length,
      href: tagHref(slug, i + 1),
      number: i + 1,
      total,
      previous: i > 0 ? tagHref(slug, i) : '',
      next: i + 1 < total ? tagHref(slug, i + 2) : '',
      posts: posts.slice(i * PER_PAGE, (i + 1) * PER_PAGE),
    }));
  });
}

export default function (eleventyConfig) {
  // Hugo, Hexo and pugo colour fenced code by default; Eleventy does with its own plugin.
  eleventyConfig.addPlugin(syntaxHighlight);
  eleventyConfig.addCollection('posts', (api) => api.getFilteredByGlob('posts/*.md').reverse());
  eleventyConfig.addCollection('tagPages', tagPages);
  eleventyConfig.addCollection('tagList', (api) =>
    postsByTag(api).map(([name, posts]) => ({ name, slug: tagSlug(name), count: posts.length })),
  );
  eleventyConfig.addFilter('tagSlug', tagSlug);
  // Hugo's .Summary: the rendered content before the <!--more--> the generator writes.
  eleventyConfig.addFilter('summary', (html) => html.split('<!--more-->')[0]);
  eleventyConfig.addFilter('day', (date) => date.toISOString().slice(0, 10));
}

export const config = {
  dir: { input: '.', includes: '_includes', output: '_site' },
  // Posts are markdown only, as Hugo reads them: no Liquid pass over their text first.
  markdownTemplateEngine: false,
  htmlTemplateEngine: 'njk',
};
