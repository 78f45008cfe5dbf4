/// <reference types="vite/client" />

// Globals of the renderer's page. (A script file, not a module, so these declarations are global.)

interface Window {
  /** Set by the Electron preload script; absent in the browser build. */
  ringside?: import('../../emulator/api/bridge').RingsideApi;
  /** Test hook: the terminal's text (see terminal/buffer_text.ts). */
  __ringsideTerminalText?: () => string;
  /** Test hook: the text of the terminal tab on virtual console N (terminal/terminal.ts). */
  __ringsideTtyText?: (tty: number) => string;
  /** Test hook: the rows and columns of the terminal tab on virtual console N. */
  __ringsideTtySize?: (tty: number) => { rows: number; cols: number } | null;
  /** Bench hook: the graph view's element counts and how long its last diff took (components/IpcGraph.vue). */
  __ringsideGraphStats?: { nodes: number; edges: number; applies: number; pulses: number; lastApplyMs: number; lastFrameMs: number };
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
