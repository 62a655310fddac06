import { render } from 'preact';
import { App } from './App.tsx';
import { registerServiceWorker } from './register-sw.ts';
import './shell.css';

const root = document.getElementById('root');
if (root) render(<App />, root);
registerServiceWorker();
