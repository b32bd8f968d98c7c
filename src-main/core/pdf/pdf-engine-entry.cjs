'use strict';
// Entry of build/pdf-engine.cjs (scripts/build-main.mjs): pdfmake with pdfkit, fontkit and the
// rest of its pure-JS dependencies in one file, which loads faster than ~70 modules resolved one
// by one and gets one V8 code cache (code-cache.ts). export-pdf.ts loads it when it is built.
module.exports = {
  pdfmake: require('pdfmake'),
  Renderer: require('pdfmake/js/Renderer').default,
  PDFDocument: require('pdfmake/js/PDFDocument').default,
  StyleContextStack: require('pdfmake/js/StyleContextStack').default,
  TextInlines: require('pdfmake/js/TextInlines').default,
  version: require('pdfmake/package.json').version,
  // The fonts pdfkit has parsed, kept across documents (scripts/build-main.mjs, parsedFontsPlugin,
  // which gives this file pdfkit's fontkit): hits, misses, size, clear(). Undefined unbundled.
  parsedFonts: require('fontkit').parsedFonts,
};
