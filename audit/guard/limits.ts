/**
 * The size limits the audit's input guard holds every workbook to, in one `Limits` object.
 * The defaults are chosen so that a file the guard lets through can be fully loaded by exceljs
 * in a few seconds and well under 512 MB (exceljs holds roughly 375 bytes per loaded cell, so
 * one million cells is about 400 MB), while every real RACI workbook fits with room to spare.
 * `resolveLimits` checks overrides and names the key of any bad value.
 */

/** Every limit the guard enforces. Sizes are bytes, times are milliseconds. */
export interface Limits {
  /** Largest .xlsx file accepted, as stored on disk. */
  maxFileBytes: number;
  /** Most entries (parts) in the zip archive. */
  maxZipEntries: number;
  /** Largest declared uncompressed size of any one part. */
  maxPartBytes: number;
  /** Largest declared uncompressed size of all parts together. */
  maxTotalUncompressedBytes: number;
  /** Highest compression ratio (uncompressed : compressed) allowed for a large part. */
  maxCompressionRatio: number;
  /** Parts smaller than this (uncompressed) are not held to the ratio: tiny parts compress well. */
  compressionRatioAppliesAboveBytes: number;
  /** Largest workbook.xml or relationships part read into memory whole. */
  maxDescriptorPartBytes: number;
  /** Largest XML part other than worksheets and shared strings (styles, comments, drawings). */
  maxOtherXmlPartBytes: number;
  /** Most rows (`<row>` elements, empty or not) in one worksheet. */
  maxRowsPerSheet: number;
  /** Most cells in the whole workbook: `<c>` elements plus the cells merged ranges and data validations spread over. */
  maxCellsPerWorkbook: number;
  /**
   * Most cells data validations may cover in the whole workbook (exceljs keeps one entry per
   * covered cell: about 235 MB for a whole column of 1,048,576).
   */
  maxValidatedCells: number;
  /** Most entries in the shared strings table. */
  maxSharedStrings: number;
  /** Longest text in one cell, in characters (32,767 is Excel's own limit). */
  maxCellTextChars: number;
  /** Time allowed for the guard's own inspection of one file. */
  inspectTimeoutMs: number;
  /** Time allowed for the reader (exceljs) to load one file that passed the guard. */
  readTimeoutMs: number;
}

/** The limits used when nothing else is configured. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxFileBytes: 50 * 1024 * 1024,
  maxZipEntries: 10_000,
  maxPartBytes: 200 * 1024 * 1024,
  maxTotalUncompressedBytes: 500 * 1024 * 1024,
  maxCompressionRatio: 100,
  compressionRatioAppliesAboveBytes: 1024 * 1024,
  maxDescriptorPartBytes: 10 * 1024 * 1024,
  maxOtherXmlPartBytes: 50 * 1024 * 1024,
  maxRowsPerSheet: 200_000,
  maxCellsPerWorkbook: 1_000_000,
  maxValidatedCells: 2_097_152,
  maxSharedStrings: 1_000_000,
  maxCellTextChars: 32_767,
  inspectTimeoutMs: 20_000,
  readTimeoutMs: 30_000,
});

/** A bad limit value; `key` is the name of the limit. */
export class InvalidLimitError extends Error {
  constructor(
    readonly key: string,
    detail: string,
  ) {
    super(`limits.${key}: ${detail}`);
    this.name = 'InvalidLimitError';
  }
}

/**
 * Returns the default limits with `overrides` applied. Throws `InvalidLimitError` naming the key
 * when an override is not a known limit or is not a positive whole number.
 */
export function resolveLimits(overrides: Partial<Record<string, unknown>> = {}): Limits {
  const limits: Limits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if (!Object.prototype.hasOwnProperty.call(DEFAULT_LIMITS, key)) {
      throw new InvalidLimitError(
        key,
        `unknown limit (known: ${Object.keys(DEFAULT_LIMITS).join(', ')})`,
      );
    }
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
      throw new InvalidLimitError(
        key,
        `must be a positive whole number, got ${JSON.stringify(value)}`,
      );
    }
    limits[key as keyof Limits] = value;
  }
  return limits;
}
