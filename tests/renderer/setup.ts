// Shared set-up of the renderer (jsdom) tests: DOM matchers, and a 2D canvas for Chart.js.
import '@testing-library/jest-dom/vitest';
import 'vitest-canvas-mock';
import { cleanup } from '@testing-library/svelte';
import { afterEach } from 'vitest';

// Each test starts from an empty page (vitest runs without globals, so no automatic cleanup).
afterEach(() => cleanup());

// jsdom does no layout, so it has no scrolling; components call it to keep a choice in view.
if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => {};
