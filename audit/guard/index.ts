/**
 * The audit's input guard in one import: the limits, the inspection of an .xlsx before any
 * reader opens it, the check that a reader read everything, and the time limit for readers.
 * See docs/hostile-input.md.
 */
export { DEFAULT_LIMITS, InvalidLimitError, resolveLimits, type Limits } from './limits';
export {
  findShortRead,
  inspectXlsx,
  type Inspection,
  type InspectionFailed,
  type InspectionPassed,
  type ReadSheet,
  type SheetSummary,
} from './inspect';
export { ReaderTimeoutError, withTimeout } from './timeout';
export { formatBytes, formatCount } from './messages';
