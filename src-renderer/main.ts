import { mount } from 'svelte';
import './styles/global.css';
import Root from './components/Root.svelte';

mount(Root, { target: document.getElementById('app')! });
