// Pugo 2022's goldmark opened links to other sites in a new tab (its astTransformer set
// target="_blank" on links starting with http://, https:// or //): so does the goldmark profile.
import type MarkdownIt from 'markdown-it';

const EXTERNAL = /^(https?:)?\/\//i;

export function externalLinks(md: MarkdownIt): void {
  const open = md.renderer.rules.link_open;
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    if (EXTERNAL.test(token.attrGet('href') ?? '')) token.attrSet('target', '_blank');
    return open ? open(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };
}
