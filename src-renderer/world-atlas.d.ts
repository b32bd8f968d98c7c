/** A world-atlas TopoJSON file as text, its arcs flattened (`flatArcs` in vite.config.ts; read by src-shared/map-geo.ts). */
declare module '*?flat-arcs' {
  const text: string;
  export default text;
}
