import { render } from 'preact';
import { Shell } from './Shell.tsx';
import './shell.css';

const root = document.getElementById('root');
if (root) render(<Shell />, root);
