// What grew between three heap snapshots, and what holds it: the kinds of object whose count
// rose at each step, their size, the size only they keep alive (retained, from the dominator
// tree of the last snapshot), and the shortest paths from the GC roots to the objects made since
// the first, grouped by the path's shape as memlab clusters its leak traces. Run in a child
// process (leak-child.ts), one snapshot in memory at a time, never in the server's heap.

import { type HeapGraph, readHeapSnapshot } from './snapshot-reader.js';

/**
 * A kind grows when its count rose at each step by at least this many: a server's own churn
 * (a string made, a timer rescheduled) shows as a few objects more or less between snapshots.
 */
const MIN_STEP = 10;
/**
 * V8's own kinds, never a program's leak: compiled code (it grows as the JIT warms), hidden
 * internals, object shapes, and the synthetic roots.
 */
const V8_KINDS = new Set(['(code)', '(hidden)', '(object shape)', '(synthetic)']);
/** V8's node type of the roots: never reported as a growing kind, whatever they are named. */
const ROOT_TYPE = 'synthetic';
/** Kinds reported, the most retained first. */
const MAX_KINDS = 10;
/** New objects of a kind whose paths are traced: enough for the clusters to show. */
const TRACED = 400;
/** Path clusters shown per kind. */
const CLUSTERS = 3;

export interface SnapshotFigures {
  nodes: number;
  /** The sum of every node's own size. */
  bytes: number;
}

export interface RetainerCluster {
  /** New objects of the kind whose shortest path has this shape. */
  count: number;
  /** One such path from the GC roots, each step "kind" or "-[edge]->". */
  path: string[];
}

export interface GrowingKind {
  kind: string;
  /** In each snapshot. */
  counts: number[];
  selfBytes: number[];
  /** Objects of the kind in the last snapshot that the first did not have. */
  added: number;
  /** What those objects keep alive by themselves, in the last snapshot. */
  retainedBytes: number;
  clusters: RetainerCluster[];
}

export interface LeakAnalysis {
  snapshots: SnapshotFigures[];
  growing: GrowingKind[];
}

/** A node's kind as a report names it: the constructor for objects, else its V8 type. */
function kindNamer(g: HeapGraph): (node: number) => string {
  const { nodes, nodeFieldCount: width, field, nodeTypes, strings } = g;
  return (node) => {
    const at = node * width;
    const type = nodeTypes[nodes[at + field.type]];
    const name = strings[nodes[at + field.name]];
    if (type === 'object' || type === 'native') return name || '(object)';
    if (type === 'closure') return name ? `${name}()` : '(closure)';
    if (type === 'concatenated string' || type === 'sliced string') return '(string)';
    // The roots say which they are: '(GC roots)', '(Strong roots)', '(Handle scope)' …
    if (type === 'synthetic' && name) return name;
    return `(${type})`;
  };
}

interface Census {
  counts: Map<string, number>;
  sizes: Map<string, number>;
  figures: SnapshotFigures;
}

function census(g: HeapGraph): Census {
  const kindOf = kindNamer(g);
  const counts = new Map<string, number>();
  const sizes = new Map<string, number>();
  let bytes = 0;
  for (let n = 0; n < g.nodeCount; n++) {
    const kind = kindOf(n);
    const size = g.nodes[n * g.nodeFieldCount + g.field.selfSize];
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    sizes.set(kind, (sizes.get(kind) ?? 0) + size);
    bytes += size;
  }
  return { counts, sizes, figures: { nodes: g.nodeCount, bytes } };
}

/** The names of the synthetic root nodes, which kindNamer gives them as their kind. */
function rootNames(g: HeapGraph): Set<string> {
  const names = new Set<string>();
  const type = g.nodeTypes.indexOf(ROOT_TYPE);
  for (let n = 0; n < g.nodeCount; n++) {
    const at = n * g.nodeFieldCount;
    if (g.nodes[at + g.field.type] === type) names.add(g.strings[g.nodes[at + g.field.name]]);
  }
  return names;
}

function sortedIds(g: HeapGraph): Float64Array {
  const ids = new Float64Array(g.nodeCount);
  for (let n = 0; n < g.nodeCount; n++) ids[n] = g.nodes[n * g.nodeFieldCount + g.field.id];
  return ids.sort();
}

function hasId(sorted: Float64Array, id: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < id) lo = mid + 1;
    else hi = mid;
  }
  return sorted[lo] === id;
}

/** Edges a path or the dominator tree follows: all but weak ones, which keep nothing alive. */
function strongEdges(g: HeapGraph): (edge: number) => boolean {
  const weak = g.edgeTypes.indexOf('weak');
  return (edge) => g.edges[edge * g.edgeFieldCount + g.edgeField.type] !== weak;
}

const target = (g: HeapGraph, edge: number) =>
  g.edges[edge * g.edgeFieldCount + g.edgeField.to] / g.nodeFieldCount;

/**
 * Each node's immediate dominator (Cooper, Harvey and Kennedy's iterative algorithm over the
 * reverse postorder from the root, node 0), then each node's retained size.
 */
function retainedSizes(g: HeapGraph, strong: (edge: number) => boolean): Float64Array {
  const n = g.nodeCount;
  const NONE = 0xffffffff;
  // Postorder by an explicit stack: node, next edge.
  const order = new Uint32Array(n);
  const orderOf = new Uint32Array(n).fill(NONE);
  const stackNode = new Uint32Array(n);
  const stackEdge = new Uint32Array(n);
  const visited = new Uint8Array(n);
  let count = 0;
  let top = 0;
  stackNode[0] = 0;
  stackEdge[0] = g.firstEdge[0];
  visited[0] = 1;
  while (top >= 0) {
    const node = stackNode[top];
    const edge = stackEdge[top];
    if (edge < g.firstEdge[node + 1]) {
      stackEdge[top]++;
      if (!strong(edge)) continue;
      const to = target(g, edge);
      if (visited[to]) continue;
      visited[to] = 1;
      top++;
      stackNode[top] = to;
      stackEdge[top] = g.firstEdge[to];
    } else {
      orderOf[node] = count;
      order[count++] = node;
      top--;
    }
  }
  // Predecessors of the reached nodes, by their strong edges.
  const predStart = new Uint32Array(n + 1);
  for (let node = 0; node < n; node++) {
    if (!visited[node]) continue;
    for (let e = g.firstEdge[node]; e < g.firstEdge[node + 1]; e++) {
      if (strong(e)) predStart[target(g, e) + 1]++;
    }
  }
  for (let i = 0; i < n; i++) predStart[i + 1] += predStart[i];
  const preds = new Uint32Array(predStart[n]);
  const fill = predStart.slice(0, n);
  for (let node = 0; node < n; node++) {
    if (!visited[node]) continue;
    for (let e = g.firstEdge[node]; e < g.firstEdge[node + 1]; e++) {
      if (strong(e)) preds[fill[target(g, e)]++] = node;
    }
  }
  // Dominators by postorder number; the root is the last.
  const idom = new Uint32Array(count).fill(NONE);
  const root = count - 1;
  idom[root] = root;
  const intersect = (a: number, b: number) => {
    while (a !== b) {
      while (a < b) a = idom[a];
      while (b < a) b = idom[b];
    }
    return a;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = root - 1; i >= 0; i--) {
      const node = order[i];
      let dom = NONE;
      for (let p = predStart[node]; p < predStart[node + 1]; p++) {
        const pred = orderOf[preds[p]];
        if (pred === NONE || idom[pred] === NONE) continue;
        dom = dom === NONE ? pred : intersect(pred, dom);
      }
      if (dom !== NONE && idom[i] !== dom) {
        idom[i] = dom;
        changed = true;
      }
    }
  }
  const retained = new Float64Array(n);
  for (let i = 0; i < count; i++) {
    retained[order[i]] += g.nodes[order[i] * g.nodeFieldCount + g.field.selfSize];
  }
  // Postorder: every node comes before its dominator, so its total is whole when added.
  for (let i = 0; i < root; i++) {
    if (idom[i] !== NONE) retained[order[idom[i]]] += retained[order[i]];
  }
  return retained;
}

/** Each reached node's parent edge on a shortest path from the root (breadth first). */
function shortestPaths(g: HeapGraph, strong: (edge: number) => boolean): Uint32Array {
  const NONE = 0xffffffff;
  const parentEdge = new Uint32Array(g.nodeCount).fill(NONE);
  const queue = new Uint32Array(g.nodeCount);
  const seen = new Uint8Array(g.nodeCount);
  let head = 0;
  let tail = 0;
  queue[tail++] = 0;
  seen[0] = 1;
  while (head < tail) {
    const node = queue[head++];
    for (let e = g.firstEdge[node]; e < g.firstEdge[node + 1]; e++) {
      if (!strong(e)) continue;
      const to = target(g, e);
      if (seen[to]) continue;
      seen[to] = 1;
      parentEdge[to] = e;
      queue[tail++] = to;
    }
  }
  return parentEdge;
}

/** The node an edge leaves from: the last node whose first edge is at or before it. */
function sourceOf(g: HeapGraph, edge: number): number {
  let lo = 0;
  let hi = g.nodeCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (g.firstEdge[mid] <= edge) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function edgeLabel(g: HeapGraph, edge: number, exact: boolean): string {
  const at = edge * g.edgeFieldCount;
  const type = g.edgeTypes[g.edges[at + g.edgeField.type]];
  const name = g.edges[at + g.edgeField.name];
  if (type === 'element' || type === 'hidden') return exact ? `[${name}]` : '[n]';
  const text = g.strings[name] ?? String(name);
  return type === 'context' ? `(context ${text})` : text;
}

/** The path to `node` as steps, exact (to show) and as a shape (to cluster by). */
function pathTo(
  g: HeapGraph,
  node: number,
  parentEdge: Uint32Array,
  kindOf: (node: number) => string,
): { steps: string[]; shape: string } | null {
  const steps: string[] = [kindOf(node)];
  const shape: string[] = [kindOf(node)];
  let at = node;
  for (let hops = 0; at !== 0; hops++) {
    const edge = parentEdge[at];
    if (edge === 0xffffffff || hops > 100) return null;
    const from = sourceOf(g, edge);
    steps.push(`-[${edgeLabel(g, edge, true)}]->`, kindOf(from));
    shape.push(edgeLabel(g, edge, false), kindOf(from));
    at = from;
  }
  return { steps: steps.reverse(), shape: shape.join('\u0000') };
}

/** The leak analysis of three snapshot files, taken in that order. */
export function analyzeSnapshots(files: [string, string, string]): LeakAnalysis {
  // One graph in memory at a time: the first two give counts and the first its ids.
  const first = readHeapSnapshot(files[0]);
  const before = census(first);
  const baselineIds = sortedIds(first);
  const middle = census(readHeapSnapshot(files[1]));
  const last = readHeapSnapshot(files[2]);
  const after = census(last);
  const steps = [before, middle, after];
  const roots = rootNames(last);
  const grew = [...after.counts.keys()].filter((kind) => {
    if (V8_KINDS.has(kind) || roots.has(kind)) return false;
    const [a, b, c] = steps.map((s) => s.counts.get(kind) ?? 0);
    return b - a >= MIN_STEP && c - b >= MIN_STEP;
  });
  if (!grew.length) return { snapshots: steps.map((s) => s.figures), growing: [] };
  const kindOf = kindNamer(last);
  const strong = strongEdges(last);
  const retained = retainedSizes(last, strong);
  const parentEdge = shortestPaths(last, strong);
  const growing = new Set(grew);
  const added = new Map<string, number[]>(grew.map((kind) => [kind, []]));
  for (let node = 0; node < last.nodeCount; node++) {
    const kind = kindOf(node);
    if (!growing.has(kind)) continue;
    if (!hasId(baselineIds, last.nodes[node * last.nodeFieldCount + last.field.id])) {
      added.get(kind)?.push(node);
    }
  }
  const report: GrowingKind[] = grew.map((kind) => {
    const nodes = added.get(kind) ?? [];
    let retainedBytes = 0;
    const clusters = new Map<string, RetainerCluster>();
    for (const node of nodes) retainedBytes += retained[node];
    for (const node of nodes.slice(0, TRACED)) {
      const path = pathTo(last, node, parentEdge, kindOf);
      if (!path) continue;
      const cluster = clusters.get(path.shape);
      if (cluster) cluster.count++;
      else clusters.set(path.shape, { count: 1, path: path.steps });
    }
    return {
      kind,
      counts: steps.map((s) => s.counts.get(kind) ?? 0),
      selfBytes: steps.map((s) => s.sizes.get(kind) ?? 0),
      added: nodes.length,
      retainedBytes,
      clusters: [...clusters.values()].sort((a, b) => b.count - a.count).slice(0, CLUSTERS),
    };
  });
  report.sort((a, b) => b.retainedBytes - a.retainedBytes || b.added - a.added);
  return { snapshots: steps.map((s) => s.figures), growing: report.slice(0, MAX_KINDS) };
}
