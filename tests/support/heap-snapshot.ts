import WebSocket from 'ws';

/**
 * A V8 heap snapshot's strings, taken over the DevTools protocol (HeapProfiler.takeHeapSnapshot collects garbage
 * first, so what is left is what the process still holds): from a Chromium page through Playwright's CDP session,
 * or from a Node process started with `--inspect` through its inspector WebSocket.
 */
export interface DevToolsChannel {
  send(method: string, params?: object): Promise<unknown>;
  on(event: 'HeapProfiler.addHeapSnapshotChunk', listener: (params: { chunk: string }) => void): void;
  off(event: 'HeapProfiler.addHeapSnapshotChunk', listener: (params: { chunk: string }) => void): void;
}

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** A heap snapshot's live strings, and what holds one: the shortest chain of retainers from a GC root. */
export interface HeapStrings {
  strings: string[];
  retainersOf(text: string): string;
}

export const heapStrings = async (channel: DevToolsChannel): Promise<HeapStrings> => {
  const snapshot = await takeSnapshot(channel);
  return { strings: liveStrings(snapshot), retainersOf: (text) => retainerChain(snapshot, text) };
};

const STRING_TYPES = new Set(['string', 'concatenated string', 'sliced string']);

const liveStrings = (heap: HeapSnapshot): string[] => {
  const { node_fields: fields, node_types: types } = heap.snapshot.meta;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const out: string[] = [];
  for (let node = 0; node < heap.nodes.length; node += width) {
    if (STRING_TYPES.has(types[0][heap.nodes[node + typeAt] ?? 0] ?? '')) out.push(heap.strings[heap.nodes[node + nameAt] ?? 0] ?? '');
  }
  return out;
};

/** "root > edge > … > the string" for the first string node containing `text`, following strong edges only. */
const retainerChain = (heap: HeapSnapshot, text: string): string => {
  const { node_fields: fields, node_types: nodeTypes, edge_fields: edgeFields, edge_types: edgeTypes } = heap.snapshot.meta;
  const width = fields.length;
  const edgeWidth = edgeFields.length;
  const [typeAt, nameAt, edgeCountAt] = [fields.indexOf('type'), fields.indexOf('name'), fields.indexOf('edge_count')];
  const [edgeTypeAt, edgeNameAt, toAt] = [edgeFields.indexOf('type'), edgeFields.indexOf('name_or_index'), edgeFields.indexOf('to_node')];
  const count = heap.nodes.length / width;
  const retainers: Array<Array<{ from: number; edge: string }>> = Array.from({ length: count }, () => []);
  let edge = 0;
  for (let node = 0; node < count; node++) {
    for (let i = 0; i < (heap.nodes[node * width + edgeCountAt] ?? 0); i++, edge += edgeWidth) {
      const type = edgeTypes[0][heap.edges[edge + edgeTypeAt] ?? 0] ?? '';
      if (type === 'weak' || type === 'shortcut') continue;
      const nameOrIndex = heap.edges[edge + edgeNameAt] ?? 0;
      const label = type === 'element' || type === 'hidden' ? `[${nameOrIndex}]` : (heap.strings[nameOrIndex] ?? '?');
      retainers[(heap.edges[edge + toAt] ?? 0) / width]?.push({ from: node, edge: label });
    }
  }
  const nameOf = (node: number) => `${nodeTypes[0][heap.nodes[node * width + typeAt] ?? 0]}:${(heap.strings[heap.nodes[node * width + nameAt] ?? 0] ?? '').slice(0, 40)}`;
  const target = Array.from({ length: count }, (_, node) => node).find(
    (node) => STRING_TYPES.has(nodeTypes[0][heap.nodes[node * width + typeAt] ?? 0] ?? '') && (heap.strings[heap.nodes[node * width + nameAt] ?? 0] ?? '').includes(text),
  );
  if (target === undefined) return 'not in the heap';
  // Breadth first from the string towards the roots: towards.get(r) is the node r holds on the way to the string.
  const towards = new Map<number, { to: number; edge: string }>([[target, { to: -1, edge: '' }]]);
  const queue = [target];
  let root = -1;
  for (let head = 0; head < queue.length && root < 0; head++) {
    const node = queue[head] ?? 0;
    for (const retainer of retainers[node] ?? []) {
      if (towards.has(retainer.from)) continue;
      towards.set(retainer.from, { to: node, edge: retainer.edge });
      if (retainer.from === 0) root = 0;
      queue.push(retainer.from);
    }
  }
  const chain: string[] = [];
  for (let node = root, hops = 0; node >= 0 && node !== target && hops < 40; hops++) {
    const step = towards.get(node);
    if (step === undefined) break;
    chain.push(`${nameOf(node)} .${step.edge}`);
    node = step.to;
  }
  return `${chain.join(' > ')} > ${nameOf(target)}`;
};

const takeSnapshot = async (channel: DevToolsChannel): Promise<HeapSnapshot> => {
  const chunks: string[] = [];
  const listener = ({ chunk }: { chunk: string }) => chunks.push(chunk);
  channel.on('HeapProfiler.addHeapSnapshotChunk', listener);
  try {
    await channel.send('HeapProfiler.enable');
    await channel.send('HeapProfiler.collectGarbage');
    await channel.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    channel.off('HeapProfiler.addHeapSnapshotChunk', listener);
  }
  const snapshot = JSON.parse(chunks.join('')) as Partial<HeapSnapshot>;
  if (!Array.isArray(snapshot.strings) || !Array.isArray(snapshot.nodes) || !Array.isArray(snapshot.edges) || snapshot.snapshot === undefined) {
    throw new Error('the heap snapshot has no nodes, edges or strings');
  }
  return snapshot as HeapSnapshot;
};

/** The inspector URL a Node process started with `--inspect=127.0.0.1:0` printed on stderr. */
export const inspectorUrlIn = (stderr: string): string => {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(stderr)?.[1];
  if (url === undefined) throw new Error('the process printed no inspector URL (was it started with --inspect?)');
  return url;
};

/** A DevTools channel to a Node process's inspector; close it when done. */
export const nodeInspector = async (url: string): Promise<DevToolsChannel & { close(): void }> => {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const listeners = new Set<(params: { chunk: string }) => void>();
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string }; method?: string; params?: { chunk: string } };
    if (message.id !== undefined) {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.error !== undefined) waiting?.reject(new Error(message.error.message));
      else waiting?.resolve(message.result);
    } else if (message.method === 'HeapProfiler.addHeapSnapshotChunk' && message.params !== undefined) {
      for (const listener of listeners) listener(message.params);
    }
  });
  return {
    send: (method, params = {}) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        socket.send(JSON.stringify({ id, method, params }));
      }),
    on: (_event, listener) => listeners.add(listener),
    off: (_event, listener) => listeners.delete(listener),
    close: () => socket.close(),
  };
};
