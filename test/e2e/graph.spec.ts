// The IPC and socket graph end to end, in the browser build: a pipeline's pipe with its two fd
// edges; the SysV lab programs' message queue, semaphore set and shared memory with edges to both
// processes of each, gone after ipcrm; a Unix socket server and client joined by a peer edge; a
// TCP connection over loopback; ip monitor and udevadm monitor with their Netlink group nodes;
// flow pulses on a busy pipe; the theme switch.
// The graph is a canvas: the view keeps an accessible list of its nodes and edges (what the tests
// read) and says how many elements cytoscape holds (data-drawn-nodes). Screenshots are saved.

import { expect, test } from 'playwright/test';
import type { Locator, Page, TestInfo } from 'playwright/test';
import { HAS_CHROMIUM, NO_CHROMIUM_REASON } from './env';
import { waitForPrompt } from './terminal';

test.skip(!HAS_CHROMIUM, NO_CHROMIUM_REASON);

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  return errors;
}

async function typeLine(page: Page, line: string): Promise<void> {
  await page.getByTestId('terminal').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  // Let the last layout run settle, then fit the whole graph into the pane.
  await page.waitForTimeout(700);
  await page.getByTestId('graph-fit').click();
  await page.waitForTimeout(100);
  const path = testInfo.outputPath(`${name}.png`);
  await page.getByTestId('ipc-graph').screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

async function openGraph(page: Page): Promise<Locator> {
  await page.goto('/');
  await waitForPrompt(page);
  await page.getByTestId('view-tab-graph').click();
  await expect(page.getByTestId('view-tab-graph')).toHaveAttribute('aria-selected', 'true');
  return page.getByTestId('ipc-graph');
}

const nodes = (graph: Locator, kind: string) => graph.locator(`[data-testid="graph-node"][data-kind="${kind}"]`);
/** The process nodes whose command is `comm` (labels are "PID COMM"). */
const procs = (graph: Locator, comm: string) => nodes(graph, 'process').filter({ hasText: new RegExp(`^\\d+ ${comm}$`) });
const edge = (graph: Locator, id: string) => graph.locator(`[data-testid="graph-edge"][data-id="${id}"]`);
const edgesTo = (graph: Locator, target: string) => graph.locator(`[data-testid="graph-edge"][data-target="${target}"]`);

/** The distinct sources of the edges that end at `target`. */
async function sourcesOf(graph: Locator, target: string): Promise<string[]> {
  const all = await edgesTo(graph, target).evaluateAll((els) => els.map((e) => e.getAttribute('data-source') ?? ''));
  return [...new Set(all)].sort();
}

test('a pipeline: both processes, the pipe and its two fd edges; gone when killed', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  const graph = await openGraph(page);
  await typeLine(page, 'sleep 100 | cat &');
  await expect(procs(graph, 'sleep')).toHaveCount(1, { timeout: 30_000 });
  await expect(procs(graph, 'cat')).toHaveCount(1);
  await expect(nodes(graph, 'pipe')).toHaveCount(1);
  const pipe = (await nodes(graph, 'pipe').getAttribute('data-id'))!;
  expect(pipe).toMatch(/^pipe:\d+$/);
  await expect(nodes(graph, 'pipe')).toHaveText(`pipe:[${pipe.slice(5)}]`);
  const sleepPid = await procs(graph, 'sleep').getAttribute('data-pid');
  const catPid = await procs(graph, 'cat').getAttribute('data-pid');
  // sleep's fd 1 is the write end, cat's fd 0 the read end.
  await expect(edge(graph, `fd:${sleepPid}:1`)).toHaveAttribute('data-target', pipe);
  await expect(edge(graph, `fd:${sleepPid}:1`)).toHaveAttribute('data-dir', 'w');
  await expect(edge(graph, `fd:${catPid}:0`)).toHaveAttribute('data-target', pipe);
  await expect(edge(graph, `fd:${catPid}:0`)).toHaveAttribute('data-dir', 'r');
  await expect(edgesTo(graph, pipe)).toHaveCount(2);
  // cytoscape drew them too.
  await expect.poll(async () => Number(await graph.getAttribute('data-drawn-nodes'))).toBeGreaterThanOrEqual(3);
  await expect.poll(async () => Number(await graph.getAttribute('data-drawn-edges'))).toBeGreaterThanOrEqual(2);
  // Selecting cat's node (from the graph's accessible list) selects it in the process view too.
  await procs(graph, 'cat').locator('button').dispatchEvent('click');
  await expect(page.getByTestId('graph-details')).toContainText(`${catPid} cat`);
  await expect(page.getByTestId('tab-process')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('process-details')).toContainText('cat');
  await screenshot(page, testInfo, 'graph-pipeline');
  // The other theme: the graph takes its colours from the window's variables.
  const canvasBg = () => graph.evaluate((el) => getComputedStyle(el).backgroundColor);
  const bgBefore = await canvasBg();
  await page.getByTestId('theme').click();
  await expect.poll(canvasBg).not.toBe(bgBefore);
  await screenshot(page, testInfo, 'graph-pipeline-other-theme');

  await typeLine(page, 'kill %1');
  await expect(procs(graph, 'sleep')).toHaveCount(0, { timeout: 30_000 });
  await expect(procs(graph, 'cat')).toHaveCount(0);
  await expect(nodes(graph, 'pipe')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('data moving through a pipe pulses its edges', async ({ page }) => {
  const errors = collectErrors(page);
  const graph = await openGraph(page);
  const pulses = () => page.evaluate(() => window.__ringsideGraphStats?.pulses ?? 0);
  await typeLine(page, 'while true; do echo tick; sleep 0.3; done | cat >/dev/null &');
  await expect(nodes(graph, 'pipe')).toHaveCount(1, { timeout: 30_000 });
  const before = await pulses();
  // Each echo moves 5 bytes in at the shell's fd 1 and out at cat's fd 0: both edges pulse.
  await expect.poll(pulses, { timeout: 30_000 }).toBeGreaterThanOrEqual(before + 4);
  await typeLine(page, 'kill %1');
  await expect(nodes(graph, 'pipe')).toHaveCount(0, { timeout: 30_000 });
  expect(errors).toEqual([]);
});

test('SysV IPC: a message queue, a semaphore set and shared memory with edges to both processes; ipcrm removes them', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  const graph = await openGraph(page);
  await typeLine(page, '/usr/libexec/ringside/ipc-msgqueue 2 --hold 100 >/dev/null &');
  await typeLine(page, '/usr/libexec/ringside/ipc-semaphore 5 --hold 100 >/dev/null &');
  await expect(nodes(graph, 'msg')).toHaveCount(1, { timeout: 30_000 });
  await expect(nodes(graph, 'sem')).toHaveCount(1);
  await expect(nodes(graph, 'shm')).toHaveCount(1);
  const msg = (await nodes(graph, 'msg').getAttribute('data-id'))!;
  const sem = (await nodes(graph, 'sem').getAttribute('data-id'))!;
  const shm = (await nodes(graph, 'shm').getAttribute('data-id'))!;
  await expect(nodes(graph, 'msg')).toHaveText(/^msq 0x00000000 \d+$/);
  // The producer sent last, the consumer received last.
  await expect.poll(() => sourcesOf(graph, msg), { timeout: 30_000 }).toHaveLength(2);
  // One ipc-semaphore holds the lock (its SEM_UNDO adjustment), the other waits for it.
  await expect.poll(() => sourcesOf(graph, sem), { timeout: 30_000 }).toHaveLength(2);
  await expect(edgesTo(graph, sem).filter({ hasText: 'waiting' })).toHaveCount(1);
  await expect(edgesTo(graph, sem).filter({ hasText: 'undo' })).toHaveCount(1);
  // Both are attached to the counter's segment.
  await expect(edgesTo(graph, shm).filter({ hasText: 'attached' })).toHaveCount(2);
  const semProcs = (await sourcesOf(graph, sem)).join(' ');
  expect((await edgesTo(graph, shm).filter({ hasText: 'attached' }).evaluateAll((els) => els.map((e) => e.getAttribute('data-source')))).sort().join(' ')).toBe(semProcs);
  await screenshot(page, testInfo, 'graph-sysv');

  await typeLine(page, 'ipcrm -a');
  await expect(nodes(graph, 'msg')).toHaveCount(0, { timeout: 30_000 });
  await expect(nodes(graph, 'sem')).toHaveCount(0);
  // A segment still attached stays until the last detach (IPC_RMID marks it "dest").
  await typeLine(page, 'kill %1 %2');
  await expect(nodes(graph, 'shm')).toHaveCount(0, { timeout: 30_000 });
  await expect(nodes(graph, 'process')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('Unix sockets: nc -lU and nc -U as two sockets joined by a peer edge, gone when they exit', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  const graph = await openGraph(page);
  await typeLine(page, 'nc -lU /tmp/s &');
  await expect(nodes(graph, 'unix').filter({ hasText: 'unix stream /tmp/s (listen)' })).toHaveCount(1, { timeout: 30_000 });
  await typeLine(page, 'nc -U /tmp/s');
  const peer = graph.locator('[data-testid="graph-edge"][data-kind="peer"]');
  await expect(peer).toHaveCount(1, { timeout: 30_000 });
  const ends = [(await peer.getAttribute('data-source'))!, (await peer.getAttribute('data-target'))!];
  // Each end belongs to its own nc by an fd edge.
  const owners = await Promise.all(ends.map((s) => graph.locator(`[data-testid="graph-edge"][data-kind="fd"][data-target="${s}"]`).getAttribute('data-source')));
  const ncs = await procs(graph, 'nc').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  expect(owners.sort()).toEqual(ncs.sort());
  await screenshot(page, testInfo, 'graph-unix');

  // ^C ends the client; the server sees the end of the stream and exits too.
  await page.getByTestId('terminal').click();
  await page.keyboard.press('Control+C');
  await expect(peer).toHaveCount(0, { timeout: 30_000 });
  await expect(nodes(graph, 'unix')).toHaveCount(0, { timeout: 30_000 });
  await expect(procs(graph, 'nc')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('Netlink: ip monitor link as a route socket in the link multicast group, gone when killed', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  const graph = await openGraph(page);
  await typeLine(page, 'ip monitor link &');
  const group = nodes(graph, 'netlink-group').filter({ hasText: 'route group 1 (link)' });
  await expect(group).toHaveCount(1, { timeout: 30_000 });
  const sock = nodes(graph, 'netlink');
  await expect(sock).toHaveCount(1);
  const sockId = (await sock.getAttribute('data-id'))!;
  const ipPid = await procs(graph, 'ip').getAttribute('data-pid');
  await expect(sock).toHaveText(`netlink route ${ipPid}`);
  await expect(edge(graph, `member:${sockId}:nlgroup:0:1`)).toHaveCount(1);
  await expect(edgesTo(graph, sockId).filter({ hasText: /^fd \d+$/ })).toHaveAttribute('data-source', `proc:${ipPid}`);
  await screenshot(page, testInfo, 'graph-netlink');

  await typeLine(page, 'kill %1');
  await expect(sock).toHaveCount(0, { timeout: 30_000 });
  await expect(group).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('TCP over loopback: a socat server and client as two tcp sockets with a peer edge, gone when they exit', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  const graph = await openGraph(page);
  // Each socat reads a pipe that stays open, so neither ends the connection on its own.
  await typeLine(page, 'sleep 100 | socat TCP-LISTEN:5000 STDIO &');
  await expect(nodes(graph, 'tcp').filter({ hasText: 'tcp 0.0.0.0:5000 (listen)' })).toHaveCount(1, { timeout: 30_000 });
  await typeLine(page, 'sleep 100 | socat STDIO TCP:127.0.0.1:5000 &');
  const peer = graph.locator('[data-testid="graph-edge"][data-kind="peer"]');
  await expect(peer).toHaveCount(1, { timeout: 30_000 });
  const ends = [(await peer.getAttribute('data-source'))!, (await peer.getAttribute('data-target'))!];
  const kinds = await Promise.all(ends.map((id) => graph.locator(`[data-testid="graph-node"][data-id="${id}"]`).getAttribute('data-kind')));
  expect(kinds).toEqual(['tcp', 'tcp']);
  const owners = await Promise.all(ends.map((s) => graph.locator(`[data-testid="graph-edge"][data-kind="fd"][data-target="${s}"]`).getAttribute('data-source')));
  const socats = await procs(graph, 'socat').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  expect(owners.every((o) => socats.includes(o))).toBe(true);
  expect(new Set(owners).size).toBe(2);
  await expect(nodes(graph, 'tcp').filter({ hasText: '→ 127.0.0.1:5000' })).toHaveCount(1);
  await screenshot(page, testInfo, 'graph-tcp');

  await typeLine(page, 'kill %1 %2');
  await expect(peer).toHaveCount(0, { timeout: 30_000 });
  await expect(procs(graph, 'socat')).toHaveCount(0, { timeout: 30_000 });
  expect(errors).toEqual([]);
});

test('Netlink: udevadm monitor --kernel as a kobject_uevent socket in the kernel group', async ({ page }) => {
  const errors = collectErrors(page);
  const graph = await openGraph(page);
  await typeLine(page, 'udevadm monitor --kernel >/dev/null &');
  const group = nodes(graph, 'netlink-group').filter({ hasText: 'kobject_uevent group 1 (kernel)' });
  await expect(group).toHaveCount(1, { timeout: 30_000 });
  const pid = await procs(graph, 'udevadm').getAttribute('data-pid');
  const sock = nodes(graph, 'netlink').filter({ hasText: `netlink kobject_uevent ${pid}` });
  await expect(sock).toHaveCount(1);
  const sockId = (await sock.getAttribute('data-id'))!;
  await expect(edge(graph, `member:${sockId}:nlgroup:15:1`)).toHaveCount(1);
  await typeLine(page, 'kill %1');
  await expect(group).toHaveCount(0, { timeout: 30_000 });
  await expect(procs(graph, 'udevadm')).toHaveCount(0);
  expect(errors).toEqual([]);
});
