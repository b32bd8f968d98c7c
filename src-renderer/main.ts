// First: starts fetching the startup deck before the rest of the code is evaluated.
import './lib/early-start';
import { mount } from 'svelte';
import './styles/global.css';
import './styles/fonts-scripts.css';
import './styles/text-direction.css';
import './styles/focus.css';
import Root from './components/Root.svelte';
import { Chart } from './lib/chartjs';
import { registerChartFonts } from './lib/chart-fonts';

registerChartFonts(Chart);
mount(Root, { target: document.getElementById('app')! });
