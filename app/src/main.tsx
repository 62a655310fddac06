import { render } from 'preact';
import { startEarlyGrant } from '../player/early-grant.ts';
import { App } from './App.tsx';
import { registerServiceWorker } from './register-sw.ts';
import './shell.css';

startEarlyGrant(location.pathname);
const root = document.getElementById('root');
if (root) render(<App />, root);
registerServiceWorker();
