import { createApp } from 'vue';
// Registers <ak1-form> and brings its types for templates (GlobalComponents: props and @ak1-* events).
import { setDefaultRegionsUrl } from 'ak1-form/vue';
import App from './App.vue';

// The one line a bundled app needs: where it serves the package's dist/region-data/ (copy-region-data.mjs).
setDefaultRegionsUrl(`${import.meta.env.BASE_URL}region-data/`);

createApp(App).mount('#app');
