import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { router } from './router.js';
import './styles/base.css';
import '@xterm/xterm/css/xterm.css';
import { applyTheme } from './util/theme.js';

applyTheme('system');
createApp(App).use(createPinia()).use(router).mount('#app');
