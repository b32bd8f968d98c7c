'use strict';
// Entry of build/chart-engine.cjs (scripts/build-main.mjs): Chart.js, chartjs-chart-geo and our
// map geography (with d3-geo and topojson-client) in one file, loaded with a V8 code cache
// (code-cache.ts) by the thread that draws a PDF's charts. Resolved and compiled module by
// module from node_modules they cost that thread ~60–130 ms before its first chart
// (chart-engine.ts). The map parts are required on first use: most decks have no map.
module.exports = {
  chartjs: require('chart.js'),
  geo: () => require('chartjs-chart-geo'),
  mapGeo: () => require('../../../src-shared/map-geo.ts'),
};
