import { render } from 'preact';
import { startEarlyWatch } from '../player/early-start.ts';
import { App } from './App.tsx';
import { registerServiceWorker } from './register-sw.ts';
import './shell.css';

startEarlyWatch(location.pathname, new URLSearchParams(location.search));
const root = document.getElementById('root');
if (root) render(<App />, root);
registerServiceWorker();
