// The soak's traffic: what the next request is and the one status that answers it right. A priming
// pass asks for every URL in each representation; then a mix drawn from a seeded generator, so
// every run sends the same requests.

import { seededRandom } from '../seeded-random.js';

export type Kind =
  | 'get'
  | 'br'
  | 'gzip'
  | 'br+gzip'
  | 'browser'
  | 'conditional'
  | 'head'
  | 'query'
  | 'missing';

export interface PlannedRequest {
  kind: Kind;
  method: 'GET' | 'HEAD';
  /** Percent-encoded, as it goes on the request line. */
  path: string;
  headers: Record<string, string>;
  expect: number;
  /** Set on the GETs whose ETag a later conditional request may send back. */
  etagKey?: string;
}

/** Shares of the traffic in per cent (they add up to 100): most of it the plain page views. */
const WEIGHTS: readonly [Kind, number][] = [
  ['get', 24],
  ['br', 14],
  ['gzip', 14],
  ['br+gzip', 10],
  ['conditional', 16],
  ['head', 8],
  ['query', 8],
  ['missing', 6],
];

type GetKind = 'get' | 'br' | 'gzip' | 'br+gzip' | 'browser';
const GET_KINDS: readonly GetKind[] = ['get', 'br', 'gzip', 'br+gzip'];
/** The representations the server makes of a page: 'br, gzip' is answered with the br one. */
const PRIMING: readonly GetKind[] = ['get', 'br', 'gzip'];
const ACCEPT_ENCODING: Record<GetKind, string | null> = {
  get: null,
  br: 'br',
  gzip: 'gzip',
  'br+gzip': 'br, gzip',
  browser: 'gzip, deflate, br',
};

/**
 * 'all': every kind of request above. 'browsers': what browsers send, every URL cycled with
 * `gzip, deflate, br` (bench:serve's whole-site workload), each a plain GET.
 */
export type MixName = 'all' | 'browsers';
const MIXES: Record<MixName, { weights: readonly [Kind, number][]; priming: readonly GetKind[] }> =
  {
    all: { weights: WEIGHTS, priming: PRIMING },
    browsers: { weights: [['browser', 100]], priming: ['browser'] },
  };

/**
 * One shape per way a path can miss: each goes down a different route (a post, a tag, a list page
 * past the last, a page, an extensionless path and its alternatives, a static file). Every path is
 * new, so anything kept per path asked for would show as growth.
 */
const MISSING: readonly ((n: number) => string)[] = [
  (n) => `/2016/01/02/soak-missing-${n}.html`,
  (n) => `/tags/soak-missing-${n}.html`,
  (n) => `/posts/${100_000 + n}.html`,
  (n) => `/soak/missing-${n}.html`,
  (n) => `/soak-missing-${n}`,
  (n) => `/css/soak-missing-${n}.css`,
];

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export class RequestMix {
  private readonly random: () => number;
  /** URLs are visited in passes, each in a new order: every URL is asked for, none twice a pass. */
  private order: string[] = [];
  private cursor = 0;
  private count = 0;
  private readonly etags = new Map<string, string>();
  /** Requests of the priming pass sent so far. */
  private primedCount = 0;

  private readonly mix: (typeof MIXES)[MixName];

  constructor(
    private readonly paths: readonly string[],
    seed = 2015,
    mix: MixName = 'all',
  ) {
    if (paths.length === 0) throw new TypeError('a soak needs at least one URL');
    this.random = seededRandom(seed);
    this.mix = MIXES[mix];
  }

  /**
   * True once the priming pass is over: every URL asked for in each representation, so every
   * page has been rendered and compressed and what the server keeps of them is all there.
   */
  get primed(): boolean {
    return this.primedCount >= this.paths.length * this.mix.priming.length;
  }

  next(): PlannedRequest {
    this.count++;
    if (!this.primed) return this.prime();
    const kind = this.pickKind();
    if (kind === 'missing') return this.missing();
    const path = this.nextPath();
    if (kind === 'head') return { kind, method: 'HEAD', path, headers: {}, expect: 200 };
    if (kind === 'query') return this.get('get', `${path}?x=${this.count}`, 'query');
    if (kind === 'conditional') return this.conditional(path);
    return this.get(kind, path, kind);
  }

  /** The ETag a 200 answer to `plan` carried, sent back by a later conditional request. */
  remember(plan: PlannedRequest, etag: string): void {
    if (plan.etagKey) this.etags.set(plan.etagKey, etag);
  }

  private pickKind(): Kind {
    let roll = this.random() * 100;
    for (const [kind, weight] of this.mix.weights) {
      roll -= weight;
      if (roll < 0) return kind;
    }
    return 'get';
  }

  private prime(): PlannedRequest {
    const { priming } = this.mix;
    const encoding = priming[this.primedCount % priming.length] as GetKind;
    const path = this.paths[Math.floor(this.primedCount / priming.length)] as string;
    this.primedCount++;
    return this.get(encoding, path, encoding);
  }

  private nextPath(): string {
    if (this.cursor >= this.order.length) {
      this.order = shuffled(this.paths, this.random);
      this.cursor = 0;
    }
    return this.order[this.cursor++] as string;
  }

  private get(encoding: GetKind, path: string, kind: Kind): PlannedRequest {
    const accept = ACCEPT_ENCODING[encoding];
    const headers: Record<string, string> = accept ? { 'accept-encoding': accept } : {};
    const etagKey = kind === 'query' ? undefined : `${encoding} ${path}`;
    return { kind, method: 'GET', path, headers, expect: 200, etagKey };
  }

  /** If-None-Match with the ETag seen for this path and encoding; a plain GET until one is seen. */
  private conditional(path: string): PlannedRequest {
    const encoding = GET_KINDS[Math.floor(this.random() * GET_KINDS.length)] as GetKind;
    const plain = this.get(encoding, path, encoding);
    const etag = this.etags.get(plain.etagKey as string);
    if (!etag) return plain;
    const headers = { ...plain.headers, 'if-none-match': etag };
    return { kind: 'conditional', method: 'GET', path, headers, expect: 304 };
  }

  private missing(): PlannedRequest {
    const shape = MISSING[this.count % MISSING.length] as (n: number) => string;
    return { kind: 'missing', method: 'GET', path: shape(this.count), headers: {}, expect: 404 };
  }
}
