// The renderer's entry: a Vue app whose Pinia stores are connected to the machine.

import '@xterm/xterm/css/xterm.css';
import './style.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { useGraphStore } from './stores/graph';
import { useMachineStore } from './stores/machine';
import { useProcessesStore } from './stores/processes';
import { useTraceStore } from './stores/trace';
import { connectMachine } from './transport';

const pinia = createPinia();
// The views' stores listen before the first event, so they see the machine from boot on.
useProcessesStore(pinia).attach();
useTraceStore(pinia).attach();
useGraphStore(pinia).attach();
useMachineStore(pinia).connect(connectMachine());
createApp(App).use(pinia).mount('#app');
