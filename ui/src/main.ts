import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';

// User Timing marks for the start-up benchmark (benches/startup.mjs); they stay in the page.
performance.mark('script');
const target = document.getElementById('app');
if (!target) throw new Error('The page is missing its #app element.');
const app = mount(App, { target });
performance.mark('mounted');
export default app;
