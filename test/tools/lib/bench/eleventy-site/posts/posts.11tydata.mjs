// Every generated post: the post layout at /post/<slug>/, as Hugo's permalinks put it.
export default {
  layout: 'post.njk',
  eleventyComputed: {
    permalink: (data) => `/post/${data.page.fileSlug}/`,
  },
};
