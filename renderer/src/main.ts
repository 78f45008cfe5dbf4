// The renderer's entry: a Vue app with a Pinia store connected to the machine.

import '@xterm/xterm/css/xterm.css';
import './style.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { useMachineStore } from './stores/machine';
import { connectMachine } from './transport';

const pinia = createPinia();
useMachineStore(pinia).connect(connectMachine());
createApp(App).use(pinia).mount('#app');
