// How the object graph looks: one shape and colour per kind of node (processes as rounded boxes,
// pipes and FIFOs as diamonds, sockets as ellipses, SysV/POSIX IPC as hexagons…), edges labelled
// with their fd and direction, and a pulse class for edges that bytes just moved on. Colours come
// from the window's CSS variables, so the graph follows the light and dark themes.

import type { StylesheetJson } from 'cytoscape';
import type { GraphNodeKind } from '../../../emulator/api/graph';

/** The theme colours the graph uses, read from the CSS variables (style.css). */
export interface GraphPalette {
  bg: string;
  fg: string;
  dim: string;
  border: string;
  accent: string;
  selection: string;
  ok: string;
  warn: string;
  error: string;
}

export function readPalette(el: Element): GraphPalette {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    bg: v('--bg', '#1e1e1e'),
    fg: v('--fg', '#d4d4d4'),
    dim: v('--fg-dim', '#9d9d9d'),
    border: v('--border', '#3c3c3c'),
    accent: v('--accent', '#3794ff'),
    selection: v('--selection', '#094771'),
    ok: v('--ok', '#89d185'),
    warn: v('--warn', '#cca700'),
    error: v('--error', '#f48771'),
  };
}

type Shape = 'round-rectangle' | 'diamond' | 'ellipse' | 'hexagon' | 'round-tag' | 'octagon' | 'rectangle' | 'triangle' | 'star';

/** Shape and which palette colour each kind of node gets. */
const KIND_LOOK: Record<GraphNodeKind, { shape: Shape; color: keyof GraphPalette }> = {
  process: { shape: 'round-rectangle', color: 'accent' },
  pipe: { shape: 'diamond', color: 'ok' },
  fifo: { shape: 'diamond', color: 'ok' },
  unix: { shape: 'ellipse', color: 'warn' },
  tcp: { shape: 'ellipse', color: 'error' },
  udp: { shape: 'ellipse', color: 'error' },
  netlink: { shape: 'ellipse', color: 'dim' },
  'netlink-group': { shape: 'star', color: 'dim' },
  socket: { shape: 'ellipse', color: 'dim' },
  eventfd: { shape: 'triangle', color: 'ok' },
  epoll: { shape: 'octagon', color: 'accent' },
  msg: { shape: 'hexagon', color: 'warn' },
  sem: { shape: 'hexagon', color: 'error' },
  shm: { shape: 'hexagon', color: 'ok' },
  mqueue: { shape: 'hexagon', color: 'accent' },
  futex: { shape: 'round-tag', color: 'dim' },
  file: { shape: 'rectangle', color: 'dim' },
};

export function graphStyle(p: GraphPalette): StylesheetJson {
  const kinds = Object.entries(KIND_LOOK).map(([kind, look]) => ({
    selector: `node[kind = "${kind}"]`,
    style: { shape: look.shape, 'background-color': p[look.color] },
  }));
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        color: p.fg,
        'font-size': 10,
        'font-family': 'DejaVu Sans Mono, monospace',
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-background-color': p.bg,
        'text-background-opacity': 0.7,
        'text-background-padding': '1px',
        width: 18,
        height: 18,
        'border-width': 1,
        'border-color': p.border,
        opacity: 1,
        'transition-property': 'opacity, border-width, border-color',
        'transition-duration': 0.3,
      },
    },
    ...kinds,
    { selector: 'node[kind = "process"]', style: { width: 30, height: 20 } },
    { selector: 'node.entering, node.leaving', style: { opacity: 0 } },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': p.fg } },
    { selector: 'node.linked', style: { 'border-width': 2, 'border-color': p.accent } },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'line-color': p.dim,
        'target-arrow-color': p.dim,
        'source-arrow-color': p.dim,
        'curve-style': 'bezier',
        'arrow-scale': 0.7,
        label: 'data(label)',
        'font-size': 8,
        color: p.dim,
        'text-rotation': 'autorotate',
        'text-background-color': p.bg,
        'text-background-opacity': 0.7,
        opacity: 1,
        'transition-property': 'line-color, width, opacity, target-arrow-color',
        'transition-duration': 0.25,
      },
    },
    // Data goes from a writer to the object, from the object to a reader.
    { selector: 'edge[dir = "w"]', style: { 'target-arrow-shape': 'triangle' } },
    { selector: 'edge[dir = "r"]', style: { 'source-arrow-shape': 'triangle' } },
    { selector: 'edge[dir = "rw"]', style: { 'target-arrow-shape': 'triangle', 'source-arrow-shape': 'triangle' } },
    { selector: 'edge[kind = "peer"]', style: { 'line-style': 'dashed', width: 2, 'line-color': p.warn } },
    { selector: 'edge[kind = "ipc"], edge[kind = "map"]', style: { 'line-style': 'dotted' } },
    { selector: 'edge[kind = "watch"], edge[kind = "member"]', style: { 'line-style': 'dotted', width: 1 } },
    { selector: 'edge.entering, edge.leaving', style: { opacity: 0 } },
    { selector: 'edge.flow', style: { width: 4, 'line-color': p.accent, 'target-arrow-color': p.accent, 'source-arrow-color': p.accent } },
    { selector: 'edge.linked', style: { 'line-color': p.accent } },
  ];
}
