'use strict';
// The Unicode tables of the PDF engine, inflated at build time (scripts/build-main.mjs).
//
// unicode-trie keeps each table (line-break classes, Unicode properties, fontkit's shaping
// data) deflated twice, in base64, in the source of the module that uses it, and inflates it
// when that module loads: ~70 ms of every cold export, for data that never changes. The build
// loads the fresh bundle once with BRIEFING_RECORD_TRIES set, and every table inflated then is
// written to build/pdf-engine-tries.bin. At run time the patched UnicodeTrie constructor asks
// `lookup` first, which finds a table by the exact bytes it was built from (length and hash,
// then every byte compared); anything it does not find (another bundle, a file that is
// missing, damaged or from another byte order) is inflated as before.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// File: MAGIC (8 bytes), the JSON index's length (u32 LE), the index, zeros to a multiple of 4,
// then the data area: each table's source bytes and inflated data, each 4-byte aligned, at the
// offsets the index gives from the start of the data area.
const MAGIC = 'BDTRIES2';
const align4 = (n) => n + ((4 - (n % 4)) % 4);
const FILE = path.join(__dirname, 'pdf-engine-tries.bin');
const recording = process.env.BRIEFING_RECORD_TRIES;

/** FNV-1a over the bytes: a cheap first filter before the full comparison. */
function hash(bytes) {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

let table; // Map key → entry, or null when there is no usable file

function load() {
  table = null;
  let file;
  try {
    file = fs.readFileSync(FILE);
  } catch {
    return;
  }
  try {
    if (file.toString('latin1', 0, 8) !== MAGIC) return;
    const indexLength = file.readUInt32LE(8);
    const index = JSON.parse(file.toString('utf8', 12, 12 + indexLength));
    if (index.endianness !== os.endianness()) return;
    const base = align4(12 + indexLength);
    const map = new Map();
    for (const e of index.tries) {
      const start = base + e.dataOffset;
      const end = start + e.dataLength;
      const sourceStart = base + e.sourceOffset;
      if (start % 4 || e.dataLength % 4 || end > file.length || sourceStart + e.sourceLength > file.length) return;
      // A view when the file's memory is 4-byte aligned (it is, read whole), else a copy.
      const data = (file.byteOffset + start) % 4 === 0
        ? new Uint32Array(file.buffer, file.byteOffset + start, e.dataLength / 4)
        : new Uint32Array(new Uint8Array(file.subarray(start, end)).buffer);
      map.set(`${e.sourceLength}:${e.hash}`, { source: file.subarray(sourceStart, sourceStart + e.sourceLength), highStart: e.highStart, errorValue: e.errorValue, data });
    }
    table = map;
  } catch {
    table = null;
  }
}

/** The inflated table made from `bytes`, or undefined. */
function lookup(bytes) {
  if (recording || !(bytes instanceof Uint8Array)) return undefined;
  if (table === undefined) load();
  if (!table) return undefined;
  const entry = table.get(`${bytes.length}:${hash(bytes)}`);
  if (!entry || Buffer.compare(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), entry.source) !== 0) return undefined;
  return entry;
}

const recorded = [];

/** While the build records: remembers the table `trie` inflated from `bytes`. */
function record(bytes, trie) {
  if (!recording || !(bytes instanceof Uint8Array)) return;
  recorded.push({ source: Buffer.from(bytes), highStart: trie.highStart, errorValue: trie.errorValue, data: Buffer.from(trie.data.buffer, trie.data.byteOffset, trie.data.byteLength) });
}

if (recording) {
  process.on('exit', () => {
    const tries = [];
    const chunks = [];
    let offset = 0;
    // Appends `buf` to the data area, padded to a multiple of 4; returns its offset there.
    const add = (buf) => {
      const at = offset;
      offset = align4(offset + buf.length);
      chunks.push(buf, Buffer.alloc(offset - at - buf.length));
      return at;
    };
    for (const r of recorded) {
      const sourceOffset = add(r.source);
      const dataOffset = add(r.data);
      tries.push({ hash: hash(r.source), sourceLength: r.source.length, sourceOffset, highStart: r.highStart, errorValue: r.errorValue, dataLength: r.data.length, dataOffset });
    }
    const index = Buffer.from(JSON.stringify({ endianness: os.endianness(), tries }));
    const head = Buffer.alloc(12);
    head.write(MAGIC, 0, 'latin1');
    head.writeUInt32LE(index.length, 8);
    const pad = Buffer.alloc(align4(12 + index.length) - 12 - index.length);
    const temp = `${recording}.${process.pid}.tmp`;
    fs.writeFileSync(temp, Buffer.concat([head, index, pad, ...chunks]));
    fs.renameSync(temp, recording);
  });
}

module.exports = { lookup, record };
