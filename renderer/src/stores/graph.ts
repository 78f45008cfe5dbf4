// The object graph (emulator/api/graph.ts), kept up to date from the host's diffs. The nodes and
// edges are plain maps (the graph view draws them with cytoscape, not through Vue's reactivity);
// views that draw the graph subscribe with onChange and get each diff as it is applied, so they can
// add and remove elements one by one instead of redrawing everything.

import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { GraphEdge, GraphEvent, GraphFlow, GraphNode } from '../../../emulator/api/graph';
import { validateGraphEvent } from '../../../emulator/api/graph';
import { useMachineStore } from './machine';

/** One applied diff, as a view needs it: `reset` means drop everything drawn first. */
export interface GraphChange {
  reset: boolean;
  addedNodes: GraphNode[];
  changedNodes: GraphNode[];
  removedNodes: string[];
  addedEdges: GraphEdge[];
  changedEdges: GraphEdge[];
  removedEdges: string[];
  flows: GraphFlow[];
}

export type GraphListener = (change: GraphChange) => void;

export const useGraphStore = defineStore('graph', () => {
  const nodes = shallowRef<ReadonlyMap<string, GraphNode>>(new Map());
  const edges = shallowRef<ReadonlyMap<string, GraphEdge>>(new Map());
  const selectedId = ref<string | null>(null);
  /** Bumped on every applied diff (for views that just count or list). */
  const version = ref(0);
  let boot = -1;
  const listeners = new Set<GraphListener>();

  function apply(e: GraphEvent): void {
    const problem = validateGraphEvent(e);
    if (problem !== null) {
      console.warn('ringside: ignoring a malformed graph diff:', problem);
      return;
    }
    const reset = e.boot !== boot || e.full;
    if (e.boot !== boot) selectedId.value = null;
    boot = e.boot;
    const ns = new Map(reset ? [] : nodes.value);
    const es = new Map(reset ? [] : edges.value);
    const change: GraphChange = {
      reset, addedNodes: [], changedNodes: [], removedNodes: [], addedEdges: [], changedEdges: [], removedEdges: [], flows: [],
    };
    // Edges go before the nodes they hang on, as in the kernel an fd is closed before its file goes.
    for (const id of e.removedEdges) if (es.delete(id)) change.removedEdges.push(id);
    for (const id of e.removedNodes) {
      if (!ns.delete(id)) continue;
      change.removedNodes.push(id);
      // An edge left hanging (the host always removes them too, but a view must never see one).
      for (const [eid, edge] of es) {
        if (edge.source === id || edge.target === id) {
          es.delete(eid);
          change.removedEdges.push(eid);
        }
      }
    }
    for (const n of e.nodes) {
      (ns.has(n.id) ? change.changedNodes : change.addedNodes).push(n);
      ns.set(n.id, n);
    }
    for (const edge of e.edges) {
      if (!ns.has(edge.source) || !ns.has(edge.target)) continue;
      (es.has(edge.id) ? change.changedEdges : change.addedEdges).push(edge);
      es.set(edge.id, edge);
    }
    change.flows = e.flows.filter((f) => es.has(f.edge));
    nodes.value = ns;
    edges.value = es;
    if (selectedId.value !== null && !ns.has(selectedId.value)) selectedId.value = null;
    version.value++;
    listeners.forEach((cb) => cb(change));
  }

  /** Calls `cb` with every diff applied from now on; returns the unsubscribe. */
  function onChange(cb: GraphListener): () => void {
    listeners.add(cb);
    return () => listeners.delete(cb);
  }

  const selected = computed(() => (selectedId.value === null ? null : (nodes.value.get(selectedId.value) ?? null)));

  function select(id: string | null): void {
    selectedId.value = id !== null && nodes.value.has(id) ? id : null;
  }

  /** The edges touching a node, for the details panel. */
  function edgesOf(id: string): GraphEdge[] {
    return [...edges.value.values()].filter((e) => e.source === id || e.target === id);
  }

  /**
   * Subscribes to the machine's graph diffs. On a boot this store has not seen it asks for the
   * whole graph (diffs only make sense on top of it).
   */
  function attach(): () => void {
    const machine = useMachineStore();
    let askedFor = -1;
    return machine.onHostEvent((e) => {
      if (e.type === 'graph') apply(e);
      else if (e.type === 'status' && e.boot !== boot && e.boot !== askedFor && e.boot > 0) {
        askedFor = e.boot;
        machine.send({ type: 'graph-refresh' });
      }
    });
  }

  return { nodes, edges, selectedId, selected, version, apply, onChange, select, edgesOf, attach };
});
