/**
 * `workbook/unreadable`: the audit could not read a file (missing, not an .xlsx, encrypted,
 * damaged or over a size limit). This module is the rule's metadata only: the one source of
 * its id, severity, description and rationale for reports and the README. Its `check` returns
 * no findings because the core never sees an unreadable file; the audit job (`audit/`) writes
 * the finding itself, with a message naming the file and saying why it could not be read.
 */
import type { Rule } from '../types';

export const workbookUnreadable: Rule = {
  id: 'workbook/unreadable',
  group: 'workbook',
  defaultSeverity: 'error',
  description:
    'The audit could not read a workbook file (damaged, not .xlsx, encrypted or too large).',
  rationale:
    'An unreadable export would silently drop its processes and services from the audit; it is reported, and the run exits with code 3, so someone fixes the export.',
  check() {
    return [];
  },
};
