/**
 * The shape of a rule. Each rule lives in its own file named by its id
 * (`rules/matrix/no-accountable.ts` is `matrix/no-accountable`) and exports one `Rule`.
 * Its metadata is the one source for the sidebar's "explain", the reports' rule column and the
 * README's rule table.
 */
import type { Config } from '../config';
import type {
  Finding,
  FindingDraft,
  ItemReviewState,
  Quarter,
  RegisterItem,
  Severity,
  WorkbookModel,
} from '../model';

export type RuleGroup = 'matrix' | 'role' | 'register' | 'review' | 'workbook' | 'waiver';

export interface RuleMeta {
  /** `group/name`, fixed by the SPEC. */
  id: string;
  group: RuleGroup;
  defaultSeverity: Severity;
  /** One line: what the rule finds. */
  description: string;
  /** Why it matters. */
  rationale: string;
}

/** What every rule sees. */
export interface RuleContext {
  workbook: WorkbookModel;
  config: Config;
  /** The audit date, `YYYY-MM-DD`. */
  asOf: string;
  quarter: Quarter;
  /** Review status of each register item (each row, even when two rows share a name), computed once before the rules run. */
  reviews: Map<RegisterItem, ItemReviewState>;
  /** Findings of the rules that ran before this one (the registry is ordered). */
  findings: readonly Finding[];
}

/**
 * What a rule returns for one finding. `maxSeverity` lets a rule report one finding below its
 * configured severity (never above it): `review/sponsor-review-missing` is an error once the
 * quarter has ended but only info while it runs. The engine applies and drops it.
 */
export type RuleFinding = FindingDraft & { maxSeverity?: Severity };

export interface Rule extends RuleMeta {
  /** Returns the rule's findings; the engine adds `rule` and `severity`. */
  check(ctx: RuleContext): RuleFinding[];
}
