import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * A one-sheet Excel workbook (.xlsx, SpreadsheetML in a zip) written as a
 * stream of bytes while its rows arrive: memory stays flat whatever the number
 * of rows. Cells are inline strings or numbers; no styles, no shared strings.
 *
 * Measured against exceljs's streaming WorkbookWriter on a million-row
 * register (bench:register-export): exceljs wrote about 10k rows/s on the
 * shared machine, this writer several times more, so this is what the
 * exports use (see docs/decisions/0006-register-export-xlsx.md).
 *
 * The zip: each part deflated in chunks (every chunk a sync-flushed raw
 * deflate segment, the last one final), sizes and CRC in a data descriptor
 * after the data, then the central directory. No ZIP64: a part must stay
 * under 4 GB (some 25 million register rows).
 */

export type Cell = string | number | null;

const CHUNK = 256 * 1024;

function xmlEscape(text: string): string {
  // Control characters are invalid in XML 1.0: they are dropped.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[<>&"\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === '"' ? '&quot;' : ''));
}

function columnName(index: number): string {
  let name = '';
  for (let i = index + 1; i > 0; i = Math.floor((i - 1) / 26)) name = String.fromCharCode(65 + ((i - 1) % 26)) + name;
  return name;
}
const columnNames = Array.from({ length: 64 }, (_, i) => columnName(i));

/** One row; rows and cells carry their references (r="7", r="B7"), which some readers require. */
function rowXml(cells: Cell[], row: number): string {
  let xml = `<row r="${row}">`;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (cell === null) continue;
    const ref = `${columnNames[i] ?? columnName(i)}${row}`;
    if (typeof cell === 'number') xml += `<c r="${ref}"><v>${cell}</v></c>`;
    else xml += `<c r="${ref}" t="inlineStr"><is><t>${xmlEscape(cell)}</t></is></c>`;
  }
  return `${xml}</row>`;
}

const staticParts = (sheetName: string): [string, string][] => [
  [
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  ],
  [
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  ],
  [
    'xl/workbook.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      `<sheets><sheet name="${xmlEscape(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  ],
  [
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  ],
];

interface Entry {
  name: Buffer;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
}

// DOS date and time of 1980-01-01 00:00: the files carry no time of their own.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const UTF8_AND_DESCRIPTOR = 0x0808;

function localHeader(name: Buffer): Buffer {
  const b = Buffer.alloc(30);
  b.writeUInt32LE(0x04034b50, 0);
  b.writeUInt16LE(20, 4);
  b.writeUInt16LE(UTF8_AND_DESCRIPTOR, 6);
  b.writeUInt16LE(8, 8); // deflate
  b.writeUInt16LE(DOS_TIME, 10);
  b.writeUInt16LE(DOS_DATE, 12);
  // crc and sizes (14..25) are zero: they follow in the data descriptor
  b.writeUInt16LE(name.length, 26);
  b.writeUInt16LE(0, 28);
  return Buffer.concat([b, name]);
}

function dataDescriptor(e: Entry): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt32LE(0x08074b50, 0);
  b.writeUInt32LE(e.crc >>> 0, 4);
  b.writeUInt32LE(e.compressed, 8);
  b.writeUInt32LE(e.size, 12);
  return b;
}

function centralDirectory(entries: Entry[], offset: number): Buffer {
  const headers = entries.map((e) => {
    const b = Buffer.alloc(46);
    b.writeUInt32LE(0x02014b50, 0);
    b.writeUInt16LE(20, 4);
    b.writeUInt16LE(20, 6);
    b.writeUInt16LE(UTF8_AND_DESCRIPTOR, 8);
    b.writeUInt16LE(8, 10);
    b.writeUInt16LE(DOS_TIME, 12);
    b.writeUInt16LE(DOS_DATE, 14);
    b.writeUInt32LE(e.crc >>> 0, 16);
    b.writeUInt32LE(e.compressed, 20);
    b.writeUInt32LE(e.size, 24);
    b.writeUInt16LE(e.name.length, 28);
    b.writeUInt32LE(e.offset, 42);
    return Buffer.concat([b, e.name]);
  });
  const directory = Buffer.concat(headers);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([directory, end]);
}

/**
 * The bytes of a workbook with one sheet: `header` as its first row, then
 * every row of `rows`. `onRow` is called with the count every 10,000 rows
 * and at the end.
 */
export async function* xlsxBytes(sheetName: string, header: string[], rows: AsyncIterable<Cell[]>, onRow?: (n: number) => void): AsyncGenerator<Buffer> {
  const entries: Entry[] = [];
  let offset = 0;

  function* part(name: string, texts: Iterable<string>, last: boolean): Generator<Buffer, Entry> {
    const entry: Entry = { name: Buffer.from(name), offset, crc: 0, compressed: 0, size: 0 };
    const head = localHeader(entry.name);
    offset += head.length;
    yield head;
    for (const text of texts) {
      const raw = Buffer.from(text);
      entry.crc = crc32(raw, entry.crc);
      entry.size += raw.length;
      const deflated = deflateRawSync(raw, { level: 1, finishFlush: constants.Z_SYNC_FLUSH });
      entry.compressed += deflated.length;
      offset += deflated.length;
      yield deflated;
    }
    if (last) {
      const end = deflateRawSync(Buffer.alloc(0), { finishFlush: constants.Z_FINISH });
      entry.compressed += end.length;
      offset += end.length;
      yield end;
    }
    return entry;
  }

  for (const [name, xml] of staticParts(sheetName)) {
    const g = part(name, [xml], true);
    let r = g.next();
    while (!r.done) {
      yield r.value;
      r = g.next();
    }
    const descriptor = dataDescriptor(r.value);
    offset += descriptor.length;
    entries.push(r.value);
    yield descriptor;
  }

  // The sheet: its chunks arrive from the rows, so its part is opened and closed by hand.
  const sheet: Entry = { name: Buffer.from('xl/worksheets/sheet1.xml'), offset, crc: 0, compressed: 0, size: 0 };
  const head = localHeader(sheet.name);
  offset += head.length;
  yield head;
  const emit = (raw: Buffer, final: boolean): Buffer => {
    sheet.crc = crc32(raw, sheet.crc);
    sheet.size += raw.length;
    const deflated = deflateRawSync(raw, { level: 1, finishFlush: final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH });
    sheet.compressed += deflated.length;
    offset += deflated.length;
    return deflated;
  };
  // Rows are encoded straight into one buffer (no long string is ever built), deflated a chunk at a time.
  const chunk = Buffer.allocUnsafe(CHUNK * 2);
  let used = chunk.write('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + rowXml(header, 1));
  let n = 0;
  for await (const row of rows) {
    n++;
    const xml = rowXml(row, n + 1);
    if (used + xml.length * 3 > chunk.length) {
      yield emit(chunk.subarray(0, used), false);
      used = 0;
    }
    used += xml.length * 3 > chunk.length ? 0 : chunk.write(xml, used);
    if (xml.length * 3 > chunk.length) yield emit(Buffer.from(xml), false);
    if (n % 10_000 === 0) onRow?.(n);
  }
  onRow?.(n);
  yield emit(Buffer.concat([chunk.subarray(0, used), Buffer.from('</sheetData></worksheet>')]), true);
  if (sheet.size > 0xffffffff || offset > 0xffffffff) throw new RangeError('the sheet is larger than 4 GB (ZIP64 not supported)');
  const descriptor = dataDescriptor(sheet);
  offset += descriptor.length;
  entries.push(sheet);
  yield descriptor;
  yield centralDirectory(entries, offset);
}
