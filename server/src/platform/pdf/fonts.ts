import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
// @ts-expect-error fontkit ships no type declarations; only create() is used.
import * as fontkit from 'fontkit';
import { ConfigError } from '../../config.ts';

/**
 * The font embedded (subsetted) in every PDF: it must hold the Chinese glyphs,
 * and it must be a whole TTF/OTF/TTC (web-font subsets will not do). In order:
 * PDF_FONT_FILE; Noto Sans SC from the npm package @expo-google-fonts/noto-sans-sc
 * (SIL OFL 1.1), so `npm install` alone is enough; Debian's fonts-noto-cjk.
 */
export interface FontFace {
  /** where it came from, for the start-up log */
  source: string;
  data: Buffer;
  /** PostScript name of the face inside a collection (.ttc) */
  family?: string;
  /**
   * The parsed font, shared by every document: parsing a 10 MB CJK font's
   * tables (cmap, GSUB, GPOS) again for each PDF was most of its cost.
   * pdfkit accepts a fontkit font wherever it takes a font file.
   */
  parsed: unknown;
}

export interface PdfFonts {
  regular: FontFace;
  bold: FontFace;
}

const require = createRequire(import.meta.url);

function npmFace(weight: '400Regular' | '700Bold'): string | null {
  try {
    return require.resolve(`@expo-google-fonts/noto-sans-sc/${weight}/NotoSansSC_${weight}.ttf`);
  } catch {
    return null;
  }
}

const SYSTEM_FOLDERS = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/noto-cjk', '/usr/share/fonts/google-noto-cjk'];

function systemFace(file: string, family: string): { file: string; family: string } | null {
  for (const folder of SYSTEM_FOLDERS) {
    if (existsSync(`${folder}/${file}`)) return { file: `${folder}/${file}`, family };
  }
  return null;
}

interface GlyphRun {
  glyphs: unknown[];
  positions: Record<string, number>[];
  readonly advanceWidth: number;
}
type Layout = (text: string, features?: unknown, ...rest: unknown[]) => GlyphRun;

/** Distinct strings shaped once per process; beyond this the oldest are dropped. */
export const LAYOUT_CACHE_ENTRIES = 20_000;

/**
 * Shaping a string (fontkit's layout: GSUB/GPOS lookups of a CJK font) was a
 * third of a certificate's time, and pdfkit keeps its cache per document, so
 * every PDF shaped the same headers, labels, digits and characters again. This
 * keeps the runs for the process, on the shared parsed font. pdfkit scales the
 * positions it gets in place, so each caller receives its own copy of them;
 * the glyphs are read-only and shared.
 */
export function shareLayouts(font: { layout: Layout }, limit = LAYOUT_CACHE_ENTRIES): void {
  const layout = font.layout.bind(font);
  const runs = new Map<string, { glyphs: unknown[]; positions: Record<string, number>[] }>();
  font.layout = (text, features, ...rest) => {
    if (features !== undefined || rest.length > 0) return layout(text, features, ...rest);
    let run = runs.get(text);
    if (!run) {
      const shaped = layout(text);
      run = { glyphs: shaped.glyphs, positions: shaped.positions.map((p) => ({ xAdvance: p.xAdvance!, yAdvance: p.yAdvance!, xOffset: p.xOffset!, yOffset: p.yOffset! })) };
      if (runs.size >= limit) runs.delete(runs.keys().next().value!);
      runs.set(text, run);
    }
    const positions = run.positions.map((p) => ({ ...p }));
    return {
      glyphs: run.glyphs.slice(),
      positions,
      // fontkit's GlyphRun computes it from the positions, after pdfkit has scaled them
      get advanceWidth() {
        let width = 0;
        for (const p of positions) width += p.xAdvance!;
        return width;
      },
    };
  };
}

/** pdfkit's font of one document, as far as its layout cache goes. */
export interface DocumentFont {
  layoutCache?: Record<string, unknown>;
}

const scaledRuns = new WeakMap<object, { runs: Record<string, unknown>; documents: number }>();
/** Documents between two checks of a shared cache's size. */
const SIZE_CHECK_EVERY = 256;

/**
 * pdfkit scales each shaped run to its 1000-unit text space and keeps it in a
 * cache of the document's font, so every certificate copied and scaled the same
 * labels, digits and characters again (a sixth of its time). The document's font
 * is handed the process's cache of scaled runs of its face instead: a run depends
 * only on the face and the text, and pdfkit only reads a run once it is cached.
 * It is emptied when it has grown past LAYOUT_CACHE_ENTRIES.
 */
export function shareScaledRuns(font: DocumentFont, face: FontFace): void {
  if (!font.layoutCache || typeof face.parsed !== 'object' || face.parsed === null) return;
  let shared = scaledRuns.get(face.parsed);
  if (!shared) {
    shared = { runs: Object.create(null) as Record<string, unknown>, documents: 0 };
    scaledRuns.set(face.parsed, shared);
  }
  if (++shared.documents % SIZE_CHECK_EVERY === 0 && Object.keys(shared.runs).length > LAYOUT_CACHE_ENTRIES) shared.runs = Object.create(null) as Record<string, unknown>;
  font.layoutCache = shared.runs;
}

type Glyph = { _decode?: () => unknown; [key: string]: unknown };
type GlyphSource = { getGlyph: (id: number, ...rest: unknown[]) => Glyph | null; _variationProcessor?: unknown };

/**
 * Subsetting decodes every used glyph's outline (fontkit's TTFSubset reads
 * whether it is composite) for each PDF again; fontkit keeps the glyph objects
 * per font but not their decoded outline. Decoded once, it is read-only for a
 * font without variations, so it is kept on the glyph.
 */
export function shareGlyphOutlines(font: GlyphSource): void {
  if (font._variationProcessor) return;
  const getGlyph = font.getGlyph.bind(font);
  const done = new WeakSet<Glyph>();
  font.getGlyph = (id, ...rest) => {
    const glyph = getGlyph(id, ...rest);
    if (glyph && !done.has(glyph) && typeof glyph._decode === 'function') {
      done.add(glyph);
      const decode = glyph._decode.bind(glyph);
      let decoded: unknown;
      let known = false;
      glyph._decode = () => {
        if (!known) {
          decoded = decode();
          known = true;
        }
        return decoded;
      };
    }
    return glyph;
  };
}

function face(file: string, family?: string): FontFace {
  const data = readFileSync(file);
  const parsed: unknown = (fontkit as { create(data: Buffer, family?: string): unknown }).create(data, family);
  if (!parsed || typeof (parsed as { layout?: unknown }).layout !== 'function') throw new ConfigError(`PDF_FONT_FILE: ${file}${family ? `#${family}` : ''} is not a usable TTF/OTF font`);
  shareLayouts(parsed as { layout: Layout });
  shareGlyphOutlines(parsed as GlyphSource);
  return { source: family ? `${file}#${family}` : file, data, ...(family ? { family } : {}), parsed };
}

/** Finds the font, or stops with an error that names the setting to fix. */
export function loadPdfFonts(fontFile: string | undefined): PdfFonts {
  if (fontFile) {
    const [file, family] = fontFile.split('#') as [string, string | undefined];
    if (!existsSync(file)) throw new ConfigError(`PDF_FONT_FILE: font file ${file} does not exist`);
    if (/\.ttc$/i.test(file) && !family) throw new ConfigError('PDF_FONT_FILE: a font collection (.ttc) needs the face named after #, e.g. NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular');
    const one = face(file, family);
    return { regular: one, bold: one };
  }
  const regular = npmFace('400Regular');
  const bold = npmFace('700Bold');
  if (regular && bold) return { regular: face(regular), bold: face(bold) };
  const systemRegular = systemFace('NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular');
  if (systemRegular) {
    const systemBold = systemFace('NotoSansCJK-Bold.ttc', 'NotoSansCJKsc-Bold') ?? systemRegular;
    return { regular: face(systemRegular.file, systemRegular.family), bold: face(systemBold.file, systemBold.family) };
  }
  throw new ConfigError(
    'PDF_FONT_FILE: no font with Chinese glyphs found for PDF certificates: run `npm install` (package @expo-google-fonts/noto-sans-sc), install Debian fonts-noto-cjk, or set PDF_FONT_FILE to a TTF/OTF file',
  );
}

/** Reads the font files once, at first use. */
export class PdfFontLoader {
  private loaded: PdfFonts | null = null;
  constructor(private readonly fontFile: string | undefined) {}
  get(): PdfFonts {
    this.loaded ??= loadPdfFonts(this.fontFile);
    return this.loaded;
  }
}
