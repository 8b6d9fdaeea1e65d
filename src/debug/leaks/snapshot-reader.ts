// A V8 .heapsnapshot file read as a graph, streamed: the file of a 200 MB heap is larger than
// the longest string V8 allows (512 MB), so it is never read whole or given to JSON.parse at
// once. Nodes and edges go straight into typed arrays; only the strings are JS strings.

import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export interface HeapGraph {
  /** Fields per node, and where each is (type, name, id, self_size, edge_count). */
  nodeFieldCount: number;
  nodeCount: number;
  /** node_count × fields, as in the file: a node's number is its field offset / nodeFieldCount. */
  nodes: Float64Array;
  edgeFieldCount: number;
  /** type, name_or_index, to_node (a field offset into nodes), per edge. */
  edges: Uint32Array;
  /** Each node's first edge, as an edge number (edges of a node are consecutive). */
  firstEdge: Uint32Array;
  strings: string[];
  nodeTypes: string[];
  edgeTypes: string[];
  field: { type: number; name: number; id: number; selfSize: number; edgeCount: number };
  edgeField: { type: number; name: number; to: number };
}

interface SnapshotMeta {
  node_fields: string[];
  node_types: [string[], ...unknown[]];
  edge_fields: string[];
  edge_types: [string[], ...unknown[]];
}

const CHUNK = 4 * 1024 * 1024;

/** Characters of a file, read on demand. */
class Chars {
  buf = '';
  pos = 0;
  private readonly fd: number;
  private readonly decoder = new StringDecoder('utf8');
  private readonly chunk = Buffer.alloc(CHUNK);
  private ended = false;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
  }

  /** Reads more into buf (dropping what was consumed); false at the end of the file. */
  more(): boolean {
    if (this.ended) return false;
    const n = readSync(this.fd, this.chunk, 0, CHUNK, null);
    if (n === 0) {
      this.ended = true;
      this.buf = this.buf.slice(this.pos) + this.decoder.end();
      this.pos = 0;
      return this.buf.length > 0;
    }
    this.buf = this.buf.slice(this.pos) + this.decoder.write(this.chunk.subarray(0, n));
    this.pos = 0;
    return true;
  }

  /** Moves past `marker`, reading as needed; the text before it is returned if `keep`. */
  skipPast(marker: string, keep = false): string {
    let kept = '';
    for (;;) {
      const at = this.buf.indexOf(marker, this.pos);
      if (at >= 0) {
        if (keep) kept += this.buf.slice(this.pos, at);
        this.pos = at + marker.length;
        return kept;
      }
      // Keep the tail a marker could start in.
      const safe = Math.max(this.pos, this.buf.length - marker.length);
      if (keep) kept += this.buf.slice(this.pos, safe);
      this.pos = safe;
      if (!this.more()) throw new Error(`not a heap snapshot: no ${marker}`);
    }
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** The numbers of a JSON array of non-negative integers, after its '[', into `into`. */
function readNumbers(chars: Chars, into: { push(n: number): void }): void {
  let value = 0;
  let digits = false;
  for (;;) {
    const { buf } = chars;
    for (let i = chars.pos; i < buf.length; i++) {
      const c = buf.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        value = value * 10 + (c - 48);
        digits = true;
      } else {
        if (digits) into.push(value);
        value = 0;
        digits = false;
        if (c === 93) {
          chars.pos = i + 1;
          return;
        }
      }
    }
    chars.pos = buf.length;
    if (!chars.more()) throw new Error('heap snapshot ends inside an array');
  }
}

/** The strings of a JSON array of strings, after its '['. */
function readStrings(chars: Chars): string[] {
  const strings: string[] = [];
  for (;;) {
    const { buf } = chars;
    let i = chars.pos;
    while (i < buf.length && buf[i] !== '"' && buf[i] !== ']') i++;
    if (i < buf.length && buf[i] === ']') return strings;
    // Find the closing quote: one not escaped by an odd run of backslashes.
    let end = i + 1;
    let closed = false;
    while (end < buf.length) {
      const c = buf.charCodeAt(end);
      if (c === 92) end += 2;
      else if (c === 34) {
        closed = true;
        break;
      } else end++;
    }
    if (i < buf.length && closed) {
      strings.push(JSON.parse(buf.slice(i, end + 1)) as string);
      chars.pos = end + 1;
      continue;
    }
    chars.pos = i;
    if (!chars.more()) throw new Error('heap snapshot ends inside its strings');
  }
}

class Filler<T extends Float64Array | Uint32Array> {
  length = 0;
  constructor(readonly array: T) {}
  push(n: number): void {
    if (this.length < this.array.length) this.array[this.length] = n;
    this.length++;
  }
}

/** Reads a .heapsnapshot file (as v8.writeHeapSnapshot writes it) into a HeapGraph. */
export function readHeapSnapshot(path: string): HeapGraph {
  const chars = new Chars(path);
  try {
    const head = chars.skipPast('"nodes":[', true).trim().replace(/,$/, '');
    const { snapshot } = JSON.parse(`${head}}`) as {
      snapshot: { meta: SnapshotMeta; node_count: number; edge_count: number };
    };
    const { meta } = snapshot;
    const nodeFieldCount = meta.node_fields.length;
    const edgeFieldCount = meta.edge_fields.length;
    const nodes = new Filler(new Float64Array(snapshot.node_count * nodeFieldCount));
    readNumbers(chars, nodes);
    chars.skipPast('"edges":[');
    const edges = new Filler(new Uint32Array(snapshot.edge_count * edgeFieldCount));
    readNumbers(chars, edges);
    if (nodes.length !== nodes.array.length || edges.length !== edges.array.length) {
      throw new Error(`heap snapshot ${path}: node or edge count differs from its header`);
    }
    chars.skipPast('"strings":[');
    const strings = readStrings(chars);
    const at = (fields: string[], name: string) => {
      const i = fields.indexOf(name);
      if (i < 0) throw new Error(`heap snapshot ${path}: no ${name} field`);
      return i;
    };
    const field = {
      type: at(meta.node_fields, 'type'),
      name: at(meta.node_fields, 'name'),
      id: at(meta.node_fields, 'id'),
      selfSize: at(meta.node_fields, 'self_size'),
      edgeCount: at(meta.node_fields, 'edge_count'),
    };
    const edgeField = {
      type: at(meta.edge_fields, 'type'),
      name: at(meta.edge_fields, 'name_or_index'),
      to: at(meta.edge_fields, 'to_node'),
    };
    const nodeCount = snapshot.node_count;
    const firstEdge = new Uint32Array(nodeCount + 1);
    for (let n = 0, e = 0; n < nodeCount; n++) {
      firstEdge[n] = e;
      e += nodes.array[n * nodeFieldCount + field.edgeCount];
      firstEdge[n + 1] = e;
    }
    return {
      nodeFieldCount,
      nodeCount,
      nodes: nodes.array,
      edgeFieldCount,
      edges: edges.array,
      firstEdge,
      strings,
      nodeTypes: meta.node_types[0],
      edgeTypes: meta.edge_types[0],
      field,
      edgeField,
    };
  } finally {
    chars.close();
  }
}
