/**
 * Links register items to their RACI matrices, and findings to items. SPEC section 1: an item
 * links to its matrix by the Register's RACI sheet column, else by the matrix's metadata
 * (Process or Service naming the item), else by a sheet whose name matches the item's name
 * (ignoring case, spacing and a "RACI" prefix or suffix). Matrix and role findings then carry
 * the item of the matrix they were found in.
 */
import type { Finding, RaciMatrix, RegisterItem, WorkbookModel } from '../model';
import { normaliseName } from '../text';

/** Returns the sheet name a RACI sheet cell points to: `'Incident'!A1` -> `Incident`. */
export function sheetNameFromReference(text: string): string {
  let t = text.trim().replace(/^=/, '');
  const bang = t.lastIndexOf('!');
  if (bang > 0) t = t.slice(0, bang);
  return t
    .replace(/^'(.*)'$/, '$1')
    .replace(/''/g, "'")
    .trim();
}

/** Returns the name with a "RACI" prefix or suffix and punctuation removed, normalised. */
function bareName(text: string): string {
  return normaliseName(
    text
      .replace(/[-–—_:|()[\]]+/g, ' ')
      .replace(/^\s*raci(\s+(matrix|chart))?\s+/i, ' ')
      .replace(/\s+raci(\s+(matrix|chart))?\s*$/i, ' '),
  );
}

/** Returns the item names the matrix's metadata block names (Process, Service). */
function metadataNames(matrix: RaciMatrix): string[] {
  return ['process', 'service']
    .map((k) => matrix.metadata[k]?.value ?? '')
    .filter((v) => v.trim() !== '')
    .map(normaliseName);
}

interface MatrixIndex {
  length: number;
  bySheet: Map<string, RaciMatrix[]>;
  byMetadataName: Map<string, RaciMatrix[]>;
  byBareSheetName: Map<string, RaciMatrix[]>;
}

/** Indexes are kept per matrices array, so linking many items stays linear. */
const indexes = new WeakMap<readonly RaciMatrix[], MatrixIndex>();

function push(map: Map<string, RaciMatrix[]>, key: string, matrix: RaciMatrix): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(matrix)) list.push(matrix);
  } else map.set(key, [matrix]);
}

function indexOf(matrices: readonly RaciMatrix[]): MatrixIndex {
  const cached = indexes.get(matrices);
  if (cached && cached.length === matrices.length) return cached;
  const index: MatrixIndex = {
    length: matrices.length,
    bySheet: new Map(),
    byMetadataName: new Map(),
    byBareSheetName: new Map(),
  };
  for (const m of matrices) {
    push(index.bySheet, normaliseName(m.sheet), m);
    for (const name of metadataNames(m)) push(index.byMetadataName, name, m);
    const bare = bareName(m.sheet);
    if (bare !== '') push(index.byBareSheetName, bare, m);
  }
  indexes.set(matrices, index);
  return index;
}

/** Returns the matrices of the workbook on the named sheet (case- and space-insensitive). */
export function matricesOnSheet(workbook: WorkbookModel, sheetName: string): RaciMatrix[] {
  return indexOf(workbook.matrices).bySheet.get(normaliseName(sheetName)) ?? [];
}

/** Returns the matrices linked to one register item (see the file comment for the order). */
export function linkItem(workbook: WorkbookModel, item: RegisterItem): RaciMatrix[] {
  const index = indexOf(workbook.matrices);
  const byMetadata = index.byMetadataName.get(normaliseName(item.name)) ?? [];
  const reference = item.raciSheet?.value.trim();
  if (reference) {
    const onSheet = matricesOnSheet(workbook, sheetNameFromReference(reference));
    // Of stacked matrices on the named sheet, those whose metadata names the item.
    const named = onSheet.filter((m) => byMetadata.includes(m));
    return named.length ? named : [...onSheet];
  }
  if (byMetadata.length) return [...byMetadata];
  return [...(index.byBareSheetName.get(bareName(item.name)) ?? [])];
}

/** Returns each register item's linked matrices, by item name (first item of a repeated name wins). */
export function linkItems(workbook: WorkbookModel): Map<string, RaciMatrix[]> {
  const links = new Map<string, RaciMatrix[]>();
  for (const item of workbook.register?.items ?? []) {
    if (!links.has(item.name)) links.set(item.name, linkItem(workbook, item));
  }
  return links;
}

/** Returns the matrix a finding lies in (same sheet, row from the header to the last activity). */
export function matrixOfFinding(
  finding: Finding,
  matrices: readonly RaciMatrix[],
): RaciMatrix | undefined {
  if (finding.sheet === undefined || finding.row === undefined) return undefined;
  const row = finding.row;
  return matrices.find((m) => m.sheet === finding.sheet && row >= m.headerRow && row <= m.lastRow);
}

/**
 * Returns the findings with `item` set on those found inside a matrix linked to an item
 * (findings that already name an item keep it). The input is not modified.
 */
export function attributeFindings(findings: Finding[], workbook: WorkbookModel): Finding[] {
  const owner = new Map<RaciMatrix, string>();
  for (const [item, matrices] of linkItems(workbook)) {
    for (const m of matrices) if (!owner.has(m)) owner.set(m, item);
  }
  const bySheet = new Map<string, RaciMatrix[]>();
  for (const m of owner.keys()) push(bySheet, m.sheet, m);
  return findings.map((f) => {
    if (f.item !== undefined || f.sheet === undefined) return f;
    const matrix = matrixOfFinding(f, bySheet.get(f.sheet) ?? []);
    const item = matrix ? owner.get(matrix) : undefined;
    return item === undefined ? f : { ...f, item };
  });
}
