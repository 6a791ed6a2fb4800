import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  // Vue renders ak1-* tags as custom elements instead of looking for Vue components of that name.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('ak1-') } } })],
});
