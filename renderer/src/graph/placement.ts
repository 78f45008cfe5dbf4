// Where a new node of the graph goes, so that the picture stays still as the machine changes: old
// nodes never move (the view locks them while a layout runs), and a new node starts next to the
// nodes it is connected to — a pipe between its writer and its reader, a socket beside its process.
// A node with no placed neighbour goes on a ring around what is already drawn.

export interface Point {
  x: number;
  y: number;
}

/** Distance between a new node and its anchor, px. */
export const NODE_SPACING = 80;

/**
 * Positions for `fresh` nodes (ids in the order they should be placed), given where the drawn
 * nodes are and who is connected to whom. Nodes placed earlier in the call anchor later ones, so a
 * new process and its new pipe end up together. Deterministic: the same input gives the same picture.
 */
export function placeNew(
  fresh: readonly string[],
  placed: ReadonlyMap<string, Point>,
  neighbours: (id: string) => readonly string[],
): Map<string, Point> {
  const known = new Map(placed);
  const out = new Map<string, Point>();
  const box = bounds([...known.values()]);
  let ring = 0;
  // Objects with placed neighbours first, then the rest; repeat while placing helps others.
  let pending = [...fresh];
  while (pending.length > 0) {
    const next: string[] = [];
    let progress = false;
    for (const id of pending) {
      const anchors = neighbours(id).filter((n) => known.has(n)).map((n) => known.get(n)!);
      if (anchors.length === 0) {
        next.push(id);
        continue;
      }
      const p = besideAnchors(anchors, known, id);
      known.set(id, p);
      out.set(id, p);
      progress = true;
    }
    if (!progress && next.length > 0) {
      // Nobody left has a placed neighbour: start one on the ring around the drawing.
      const id = next.shift()!;
      const p = onRing(box, ring++);
      known.set(id, p);
      out.set(id, p);
    }
    pending = next;
  }
  return out;
}

function bounds(points: Point[]): { cx: number; cy: number; r: number } {
  // Nothing drawn yet: r < 0 lets the first node take the centre.
  if (points.length === 0) return { cx: 0, cy: 0, r: -1 };
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (const p of points) {
    minX = Math.min(minX, p.x); maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y); maxY = Math.max(maxY, p.y);
  }
  return { cx: (minX + maxX) / 2, cy: (minY + maxY) / 2, r: Math.hypot(maxX - minX, maxY - minY) / 2 };
}

/** The i-th free spot around the drawing: a golden-angle spiral just outside its bounds. */
function onRing(box: { cx: number; cy: number; r: number }, i: number): Point {
  const angle = i * 2.399963;
  const r = box.r < 0 ? NODE_SPACING * Math.sqrt(i) : box.r + NODE_SPACING * (1 + Math.sqrt(i) / 2);
  return { x: box.cx + r * Math.cos(angle), y: box.cy + r * Math.sin(angle) };
}

/** The anchors' middle, pushed out of the way of nodes already there. */
function besideAnchors(anchors: Point[], known: ReadonlyMap<string, Point>, id: string): Point {
  const cx = anchors.reduce((s, p) => s + p.x, 0) / anchors.length;
  const cy = anchors.reduce((s, p) => s + p.y, 0) / anchors.length;
  // One anchor: stand off from it; several: between them (nudged if that spot is taken).
  const start = hash(id) * 2 * Math.PI;
  for (let k = 0; k < 24; k++) {
    const r = (anchors.length === 1 || k > 0 ? NODE_SPACING : 0) * (1 + Math.floor(k / 8) * 0.6);
    const a = start + (k % 8) * (Math.PI / 4);
    const p = { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a) };
    if (!crowded(p, known)) return p;
  }
  return { x: cx + NODE_SPACING * Math.cos(start), y: cy + NODE_SPACING * Math.sin(start) };
}

function crowded(p: Point, known: ReadonlyMap<string, Point>): boolean {
  // Labels are wide and short: keep more room side by side than above and below.
  for (const q of known.values()) if (Math.abs(p.x - q.x) < NODE_SPACING * 1.2 && Math.abs(p.y - q.y) < NODE_SPACING / 2) return true;
  return false;
}

/** A stable number in [0, 1) from an id (FNV-1a), so a node's side does not change run to run. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 2 ** 32;
}

/**
 * A few rounds of a force-directed relaxation that moves only the `fresh` nodes: each is pulled
 * toward its neighbours (a spring of rest length NODE_SPACING) and pushed away from every node
 * closer than two spacings. Old nodes stay exactly where they are — the incremental step of a
 * force layout such as cose or fcose with the old nodes locked, small enough to run on each diff.
 */
export function relaxNew(
  fresh: ReadonlyMap<string, Point>,
  placed: ReadonlyMap<string, Point>,
  neighbours: (id: string) => readonly string[],
  rounds = 40,
): Map<string, Point> {
  const pos = new Map<string, Point>();
  for (const [id, p] of fresh) pos.set(id, { ...p });
  const at = (id: string) => pos.get(id) ?? placed.get(id);
  const all = () => [...placed.entries(), ...pos.entries()];
  for (let r = 0; r < rounds; r++) {
    const step = 0.5 * (1 - r / rounds);
    const everyone = all();
    for (const [id, p] of pos) {
      let fx = 0, fy = 0;
      for (const n of neighbours(id)) {
        const q = at(n);
        if (!q) continue;
        const dx = q.x - p.x, dy = q.y - p.y;
        const d = Math.hypot(dx, dy) || 1;
        const pull = (d - NODE_SPACING) / d;
        fx += dx * pull * 0.5;
        fy += dy * pull * 0.5;
      }
      for (const [other, q] of everyone) {
        if (other === id) continue;
        // Distance with labels counted: nodes side by side need more room than above each other.
        const dx = (p.x - q.x) / 1.6, dy = p.y - q.y;
        const d = Math.hypot(dx, dy);
        if (d >= NODE_SPACING * 1.2) continue;
        const push = (NODE_SPACING * 1.2 - d) / (d || 1);
        fx += (d ? dx : hash(id + other) - 0.5) * push * 1.6;
        fy += (d ? dy : hash(other + id) - 0.5) * push;
      }
      p.x += fx * step;
      p.y += fy * step;
    }
  }
  return pos;
}
