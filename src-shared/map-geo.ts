/**
 * The geography of a map chart: which world-atlas features its labels name, the
 * neighbours drawn around them for context, and a projection fitted to the named
 * countries (the map is framed on them, not on the world). Pure: the caller hands
 * in the world-atlas TopoJSON (the renderer imports it lazily, the PDF side reads
 * it from node_modules), so no boundary data is fetched and nothing is loaded
 * unless a deck has a map.
 */
import { geoArea, geoBounds, geoConicEqualArea, geoContains, geoNaturalEarth1, type GeoProjection } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { feature as topoFeature, neighbors as topoNeighbors } from 'topojson-client';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import { resolveCountry, type Country } from './countries';
import type { Chart } from './deck-schema';

/** A world-atlas file (`countries-50m.json`): one `countries` collection with numeric ids and names. */
export type WorldAtlas = Topology<{ countries: GeometryCollection<{ name: string }> }>;

export type CountryFeature = Feature<Geometry, { name: string }>;

/** One named country of the map: its label in the deck, the country, its boundary and its value. */
export interface MapRegion {
  label: string;
  country: Country;
  feature: CountryFeature;
  /** null: the deck gives no figure for it (drawn outlined, marked "no figure reported"). */
  value: number | null;
}

export interface PreparedMap {
  regions: MapRegion[];
  /** Labels that name no country on the map (the check reports them; the map skips them). */
  unresolved: string[];
  /** The countries around the named ones, drawn in grey for context (never shaded). */
  context: FeatureCollection;
  /** A fresh projection for the named countries (Chart.js fits its scale and offset to the box). */
  projection: () => GeoProjection;
}

interface WorldIndex {
  geometries: GeometryObject<{ name: string }>[];
  byNumeric: Map<string, number[]>;
  byName: Map<string, number>;
  neighbours?: number[][];
  decoded: Map<number, CountryFeature>;
  geographies: Map<string, Geography>;
}

const indexes = new WeakMap<WorldAtlas, WorldIndex>();

function indexOf(world: WorldAtlas): WorldIndex {
  let index = indexes.get(world);
  if (index) return index;
  const geometries = world.objects.countries.geometries as GeometryObject<{ name: string }>[];
  const byNumeric = new Map<string, number[]>();
  const byName = new Map<string, number>();
  geometries.forEach((g, i) => {
    if (g.id !== undefined) byNumeric.set(String(g.id), [...(byNumeric.get(String(g.id)) ?? []), i]);
    const name = (g.properties as { name?: string } | undefined)?.name;
    if (name) byName.set(name, i);
  });
  index = { geometries, byNumeric, byName, decoded: new Map(), geographies: new Map() };
  indexes.set(world, index);
  return index;
}

/** Decodes one geometry (and keeps it): decoding the whole 50m world costs far more than a region. */
function decode(world: WorldAtlas, index: WorldIndex, i: number): CountryFeature {
  let f = index.decoded.get(i);
  if (!f) {
    pairArcs(world, index.geometries[i]);
    f = topoFeature(world, index.geometries[i]) as CountryFeature;
    index.decoded.set(i, f);
  }
  return f;
}

/**
 * `world` as the renderer ships it (vite.config.ts): each arc one flat list (x0, y0, dx1,
 * dy1, …), and the table of which countries border which (`neighbours`, worked out by
 * topojson-client at build time: 19 ms of a first map's frame when done on the page).
 */
export function atlasForRenderer<T extends { arcs: number[][][]; objects: { countries: { geometries: unknown[] } } }>(
  world: T,
): Omit<T, 'arcs'> & { arcs: number[][]; neighbours: number[][] } {
  return { ...world, arcs: world.arcs.map((arc) => arc.flat()), neighbours: topoNeighbors(world.objects.countries.geometries as GeometryObject[]) };
}

/**
 * The renderer's copy of the world has each arc as one flat list of numbers (x0, y0,
 * dx1, dy1, …: `atlasForRenderer`), which parses in a third of the time of
 * 80,000 two-number arrays. Before a geometry is decoded, its arcs are turned into the
 * pairs topojson-client reads, in place and once; the rest of the world never is. An
 * atlas as world-atlas ships it (the PDF side) already has pairs and is left as it is.
 */
function pairArcs(world: WorldAtlas, geometry: GeometryObject): void {
  const arcs = world.arcs as unknown as Array<number[] | number[][]>;
  const visit = (refs: unknown): void => {
    if (typeof refs === 'number') {
      const i = refs < 0 ? ~refs : refs;
      const arc = arcs[i];
      if (arc && typeof arc[0] === 'number') {
        const flat = arc as number[];
        const pairs: number[][] = new Array(flat.length >> 1);
        for (let k = 0; k < pairs.length; k++) pairs[k] = [flat[2 * k], flat[2 * k + 1]];
        arcs[i] = pairs;
      }
    } else if (Array.isArray(refs)) refs.forEach(visit);
  };
  const g = geometry as { arcs?: unknown; geometries?: GeometryObject[] };
  visit(g.arcs);
  g.geometries?.forEach((child) => pairArcs(world, child));
}

/** The geometry indices of a country: by ISO numeric id, else by the name Natural Earth gives it. */
function geometriesOf(index: WorldIndex, country: Country): number[] {
  // 036 is Australia and also Ashmore and Cartier Is.: the one whose name matches comes first.
  const byId = country.numeric ? (index.byNumeric.get(country.numeric) ?? []) : [];
  if (byId.length) return byId;
  for (const name of [country.name, ...country.aliases]) {
    const i = index.byName.get(name);
    if (i !== undefined) return [i];
  }
  return [];
}

/** Whether the world-atlas file draws a boundary for `country`. */
export function hasBoundary(world: WorldAtlas, country: Country): boolean {
  return geometriesOf(indexOf(world), country).length > 0;
}

/** The geography of one list of labels (values aside), kept per world: redraws and resizes reuse it. */
interface Geography {
  regions: Array<Omit<MapRegion, 'value'> & { index: number }>;
  unresolved: string[];
  context: FeatureCollection;
  projection: () => GeoProjection;
}

const GEOGRAPHY_CACHE = 32;

/** Resolves a map chart's labels against the world and fits a projection to them. */
export function prepareMap(chart: Chart, world: WorldAtlas): PreparedMap {
  const index = indexOf(world);
  const key = JSON.stringify(chart.labels);
  let geography = index.geographies.get(key);
  if (!geography) {
    geography = geographyOf(chart.labels, world, index);
    index.geographies.set(key, geography);
    if (index.geographies.size > GEOGRAPHY_CACHE) index.geographies.delete(index.geographies.keys().next().value as string);
  }
  const values = chart.series[0]?.values ?? [];
  return {
    regions: geography.regions.map(({ index: i, ...region }) => {
      const value = values[i];
      return { ...region, value: typeof value === 'number' && Number.isFinite(value) ? value : null };
    }),
    unresolved: geography.unresolved,
    context: geography.context,
    projection: geography.projection,
  };
}

function geographyOf(labels: readonly string[], world: WorldAtlas, index: WorldIndex): Geography {
  const regions: Geography['regions'] = [];
  const unresolved: string[] = [];
  const named = new Set<number>();
  labels.forEach((label, i) => {
    const country = resolveCountry(label);
    const ids = country ? geometriesOf(index, country).filter((g) => !named.has(g)) : [];
    if (!country || !ids.length) {
      unresolved.push(label);
      return;
    }
    ids.forEach((g) => named.add(g));
    const parts = ids.map((g) => decode(world, index, g));
    const feature: CountryFeature =
      parts.length === 1
        ? parts[0]
        : { type: 'Feature', id: country.numeric, properties: { name: country.name }, geometry: { type: 'GeometryCollection', geometries: parts.map((p) => p.geometry) } };
    regions.push({ label, country, feature, index: i });
  });
  const features = regions.map((r) => r.feature);
  const bounds = features.length ? (planarBounds(features) ?? geoBounds({ type: 'FeatureCollection', features })) : undefined;
  const window = bounds ? viewWindow(bounds) : undefined;
  const context = contextAround(world, index, named);
  return {
    regions,
    unresolved,
    context: window ? { type: 'FeatureCollection', features: context.features.map((f) => clipFeature(f, window, drawnFlat(bounds, true))).filter((f) => f !== null) } : context,
    projection: projectionFor(bounds, window !== undefined),
  };
}

type Bounds = [[number, number], [number, number]];

/**
 * The lon/lat box of `features` from their points, when they span less than half the
 * globe east to west (nothing near the antimeridian; else undefined, and d3's spherical
 * geoBounds decides). At 50m the points lie a few km apart, so an edge's great-circle
 * bulge beyond its ends is far below a pixel; d3's spherical pass was a quarter of a
 * first map's geography time.
 */
function planarBounds(features: CountryFeature[]): Bounds | undefined {
  const box = emptyBox();
  const ring = (points: Position[]) => growBox(box, points);
  const walk = (g: Geometry): boolean => {
    if (g.type === 'Polygon') g.coordinates.forEach(ring);
    else if (g.type === 'MultiPolygon') g.coordinates.forEach((p) => p.forEach(ring));
    else if (g.type === 'GeometryCollection') return g.geometries.every(walk);
    else return false;
    return true;
  };
  if (!features.every((f) => walk(f.geometry))) return undefined;
  const { west, south, east, north } = box;
  return west <= east && east - west < 180 && Number.isFinite(south) ? [[west, south], [east, north]] : undefined;
}

type Box = { west: number; south: number; east: number; north: number };

const emptyBox = (): Box => ({ west: Infinity, south: Infinity, east: -Infinity, north: -Infinity });

/**
 * Widens `box` to take in `points`. Indexed reads, not `for…of` with destructuring: this
 * runs once per export or page, in code not yet optimised, where the iterator protocol per
 * point was most of the loop's time (`thin` too).
 */
function growBox(box: Box, points: Position[]): Box {
  let { west, south, east, north } = box;
  for (let i = 0; i < points.length; i++) {
    const x = points[i][0];
    const y = points[i][1];
    if (x < west) west = x;
    if (x > east) east = x;
    if (y < south) south = y;
    if (y > north) north = y;
  }
  Object.assign(box, { west, south, east, north });
  return box;
}
/** The box context land is cut to, and the spacing below which its points are dropped (degrees). */
type Window = { west: number; south: number; east: number; north: number; tolerance: number };

/**
 * A lon/lat box comfortably larger than any frame around the named countries. Context
 * land is cut to it before drawing: Russia whole at 50m is most of the drawing time
 * of a Central Asia map, and all but its southern edge is off the slide.
 */
function viewWindow([[west, south], [east, north]]: Bounds): Window | undefined {
  if (east < west) return undefined; // across the antimeridian: draw the context whole
  // Short of the poles: a cut ring running along latitude 90 passes through the pole, and
  // d3 then reads it as the rest of the globe. Generous: a wide slide shows far more than the named countries, and a conic's meridians lean outwards.
  const margin = 1.6 * Math.max(east - west, north - south, 12);
  // Grey context needs no more detail than a slide can show: about 1/1500 of the box's width.
  const box = { west: west - margin, south: Math.max(-84, south - margin), east: east + margin, north: Math.min(84, north + margin), tolerance: (east - west + 2 * margin) / 1500 };
  return box.west < -180 || box.east > 180 ? undefined : box;
}

/** The part of a feature inside `w` (Sutherland–Hodgman per ring, in lon/lat), or null when none is. */
function clipFeature(f: CountryFeature, w: Window, flat: boolean): CountryFeature | null {
  const polygons: Position[][][] = [];
  const add = (rings: Position[][]) => {
    // Each ring is cut once (the outer ring, the largest, was cut twice before: for `kept` and for the test below).
    const cut = rings.map((ring) => clipRing(ring, w));
    const kept = cut.map((ring) => thin(ring, w.tolerance)).filter((ring) => ring.length >= 4);
    // An outer ring that vanished takes its holes with it.
    if (!kept.length || !rings[0] || cut[0].length < 4) return;
    // A cut can leave a ring that d3 reads inside out (the rest of the globe): no country
    // covers half the sphere, so such a polygon is turned the right way round. Only a cut
    // polygon is measured: rings wholly inside keep their winding (most of them; the
    // spherical area of every ring was a third of a first map's geography time).
    // A map drawn flat (no spherical clipping: drawnFlat) fills what its rings enclose on
    // the canvas, and a cut never turns a ring round there: the spherical area (18 ms of a
    // first map's frame) is only needed when d3 clips on the sphere.
    const wasCut = !flat && cut.some((ring, i) => ring !== rings[i]);
    polygons.push(wasCut && geoArea({ type: 'Polygon', coordinates: kept }) > 2 * Math.PI ? kept.map((ring) => [...ring].reverse()) : kept);
  };
  const g = f.geometry;
  if (g.type === 'Polygon') add(g.coordinates);
  else if (g.type === 'MultiPolygon') g.coordinates.forEach(add);
  else return f;
  if (!polygons.length) return null;
  return { ...f, geometry: { type: 'MultiPolygon', coordinates: polygons } };
}

function clipRing(ring: Position[], w: Window): Position[] {
  const { west, south, east, north } = growBox(emptyBox(), ring);
  // Most rings are wholly in or wholly out: only the big ones are cut.
  if (west >= w.west && east <= w.east && south >= w.south && north <= w.north) return ring;
  if (west > w.east || east < w.west || south > w.north || north < w.south) return [];
  let out = ring.slice(0, -1);
  // West, east, south, north: one Sutherland–Hodgman pass per edge (only the edges the ring crosses).
  if (west < w.west) out = clipEdge(out, 0, w.west, 1);
  if (east > w.east) out = clipEdge(out, 0, w.east, -1);
  if (south < w.south) out = clipEdge(out, 1, w.south, 1);
  if (north > w.north) out = clipEdge(out, 1, w.north, -1);
  return out.length ? [...out, out[0]] : out;
}

/**
 * One pass: keeps the points on the inside of the line `coordinate[axis] = at` (`side` 1:
 * at or above it, -1: at or below) and adds a crossing point where the ring passes it.
 * A pass over an edge the ring does not cross keeps every point: skipped by the caller.
 */
function clipEdge(input: Position[], axis: 0 | 1, at: number, side: 1 | -1): Position[] {
  const out: Position[] = [];
  const n = input.length;
  if (!n) return out;
  const cross = axis === 0 ? crossX : crossY;
  let prev = input[n - 1];
  let prevIn = side === 1 ? prev[axis] >= at : prev[axis] <= at;
  for (let i = 0; i < n; i++) {
    const cur = input[i];
    const curIn = side === 1 ? cur[axis] >= at : cur[axis] <= at;
    if (curIn) {
      if (!prevIn) out.push(cross(prev, cur, at));
      out.push(cur);
    } else if (prevIn) out.push(cross(prev, cur, at));
    prev = cur;
    prevIn = curIn;
  }
  return out;
}

/** Drops points closer than `tolerance` to the last one kept (the ring stays closed). */
function thin(ring: Position[], tolerance: number): Position[] {
  if (ring.length < 8) return ring;
  const out: Position[] = [ring[0]];
  let lx = ring[0][0];
  let ly = ring[0][1];
  for (let i = 1; i < ring.length - 1; i++) {
    const p = ring[i];
    const x = p[0];
    const y = p[1];
    if (Math.abs(x - lx) + Math.abs(y - ly) >= tolerance) {
      out.push(p);
      lx = x;
      ly = y;
    }
  }
  out.push(ring[ring.length - 1]);
  return out;
}

const crossX = (a: Position, b: Position, x: number): Position => [x, a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0])];
const crossY = (a: Position, b: Position, y: number): Position => [a[0] + ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]), y];

/**
 * Three rings of neighbours: enough land to fill the frame around any
 * group of countries, found from the shared borders (cheap), not from bounds.
 */
function contextAround(world: WorldAtlas, index: WorldIndex, named: Set<number>): FeatureCollection<Geometry, { name: string }> {
  // The renderer's atlas carries the table (atlasForRenderer); world-atlas's own file does not.
  index.neighbours ??= (world as { neighbours?: number[][] }).neighbours ?? topoNeighbors(index.geometries as GeometryObject[]);
  const ring = new Set<number>();
  let frontier = [...named];
  for (let depth = 0; depth < 3; depth++) {
    const next: number[] = [];
    for (const i of frontier) {
      for (const n of index.neighbours[i] ?? []) {
        if (named.has(n) || ring.has(n)) continue;
        ring.add(n);
        next.push(n);
      }
    }
    frontier = next;
  }
  return { type: 'FeatureCollection', features: [...ring].map((i) => decode(world, index, i)) };
}

/**
 * A conic equal-area projection centred on the named countries (shapes and areas
 * stay true for a region), or Natural Earth when they span half the globe.
 */
/**
 * Whether the map's projection draws without d3's spherical clipping (projectionFor): a
 * conic with its context cut to a window well inside ±180° of the centre, where nothing
 * can cross the antimeridian. Its rings are then drawn as they are, point to point.
 */
function drawnFlat(bounds: Bounds | undefined, windowed: boolean): boolean {
  if (!bounds || !windowed) return false;
  const [[west, south], [east, north]] = bounds;
  const span = east >= west ? east - west : east + 360 - west;
  if (span > 150 || north - south > 100) return false;
  return span / 2 + 1.6 * Math.max(span, north - south, 12) < 170;
}

function projectionFor(bounds: Bounds | undefined, windowed: boolean): () => GeoProjection {
  if (!bounds) return () => geoNaturalEarth1().precision(0);
  const [[west, south], [east, north]] = bounds;
  const span = east >= west ? east - west : east + 360 - west;
  const lon = west + span / 2;
  if (span > 150 || north - south > 100) return () => geoNaturalEarth1().rotate([-lon, 0]).precision(0);
  const p1 = south + (north - south) / 6;
  const p2 = north - (north - south) / 6;
  // Resampling off: 50m boundaries are dense already, and resampling doubles the drawing time.
  // With the context cut to a window well inside ±180° of the centre, nothing can cross the
  // antimeridian, so d3's spherical clipping (a point-in-polygon test per ring) is skipped too.
  const noClip = drawnFlat(bounds, windowed);
  return () => {
    const p = geoConicEqualArea().rotate([-lon, 0]).parallels([p1, p2 === p1 ? p1 + 1 : p2]).precision(0);
    return noClip ? p.preclip((stream) => stream) : p;
  };
}

/** Points inside a feature, in pixels of `projection`, on a grid over `bounds`: where a test or a label may look. */
export function interiorPoints(
  feature: CountryFeature,
  projection: GeoProjection,
  bounds: { x: number; y: number; width: number; height: number },
  steps = 12,
): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (!projection.invert) return out;
  for (let i = 1; i < steps; i++) {
    for (let j = 1; j < steps; j++) {
      const x = bounds.x + (bounds.width * i) / steps;
      const y = bounds.y + (bounds.height * j) / steps;
      const lonLat = projection.invert([x, y]);
      if (lonLat && geoContains(feature, lonLat)) out.push([x, y]);
    }
  }
  return out;
}
