/**
 * Runs the real built add-on: builds it once per test process (through scripts/run-ts.js, the
 * same path `npm run build:addon` takes) and loads `Code.js` into a `node:vm` context whose
 * globals are the fake Apps Script services. `call` invokes a global function the way
 * `google.script.run` does: arguments and result cross as JSON, so a Date or a class instance
 * in a result fails the test instead of slipping through.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createContext, runInContext, type Context } from 'node:vm';
import {
  createFakeAppsScript,
  type FakeAppsScript,
  type FakeAppsScriptOptions,
  type FakeSpreadsheet,
} from './fake-apps-script';

const ROOT = resolve(__dirname, '..', '..');

export interface BuiltAddon {
  outDir: string;
  serverCode: string;
  sidebarHtml: string;
  manifest: { timeZone: string; runtimeVersion: string; oauthScopes: string[] };
}

let built: BuiltAddon | undefined;

/** Returns the built add-on files in `outDir`. */
export function readBuiltAddon(outDir: string): BuiltAddon {
  return {
    outDir,
    serverCode: readFileSync(join(outDir, 'Code.js'), 'utf8'),
    sidebarHtml: readFileSync(join(outDir, 'sidebar.html'), 'utf8'),
    manifest: JSON.parse(readFileSync(join(outDir, 'appsscript.json'), 'utf8')),
  };
}

/** Builds the add-on into a folder of this test process (once) and returns its files. */
export function buildAddonForTests(): BuiltAddon {
  if (built) return built;
  const outDir = join(ROOT, 'test-output', 'addon-build', String(process.pid));
  mkdirSync(outDir, { recursive: true });
  execFileSync(
    process.execPath,
    [join(ROOT, 'scripts/run-ts.js'), join(ROOT, 'scripts/build-addon.ts'), outDir],
    {
      cwd: ROOT,
      stdio: 'pipe',
    },
  );
  built = readBuiltAddon(outDir);
  return built;
}

export interface LoadedAddon {
  fake: FakeAppsScript;
  context: Context;
  /** Calls a global function of the bundle like google.script.run (JSON in, JSON out). */
  call<T = unknown>(name: string, ...args: unknown[]): T;
  /** The names of the bundle's global functions. */
  functionNames(): string[];
}

export interface LoadOptions extends FakeAppsScriptOptions {
  /** Fixes the bundle's clock (`new Date()`, `Date.now()`) at this instant. */
  now?: Date;
  /** The build to load (default: one made for this test process). */
  build?: BuiltAddon;
}

/** Loads the built bundle in a fresh `node:vm` context over `spreadsheet`. */
export function loadAddon(spreadsheet: FakeSpreadsheet, options: LoadOptions = {}): LoadedAddon {
  const build = options.build ?? buildAddonForTests();
  const fake = createFakeAppsScript(spreadsheet, { htmlDir: build.outDir, ...options });
  const context = createContext({ ...fake.globals });
  if (options.now) {
    runInContext(
      `(function (fixed) {
        const RealDate = Date;
        class FixedDate extends RealDate {
          constructor(...args) { if (args.length === 0) { super(fixed); } else { super(...args); } }
          static now() { return fixed; }
        }
        globalThis.Date = FixedDate;
      })(${options.now.getTime()});`,
      context,
    );
  }
  runInContext(build.serverCode, context, { filename: 'Code.js' });
  const call = <T>(name: string, ...args: unknown[]): T => {
    const fn = (context as Record<string, unknown>)[name];
    if (typeof fn !== 'function') throw new Error(`The bundle has no global function ${name}.`);
    const jsonArgs = JSON.parse(JSON.stringify(args)) as unknown[];
    const result = (fn as (...a: unknown[]) => unknown)(...jsonArgs);
    if (result === undefined) return undefined as T;
    assertPlainJson(result, name);
    return JSON.parse(JSON.stringify(result)) as T;
  };
  const listFunctions = (ctx: Context) =>
    runInContext(
      'Object.getOwnPropertyNames(globalThis).filter(function (n) { return typeof globalThis[n] === "function"; })',
      ctx,
    ) as string[];
  const builtIns = new Set(listFunctions(createContext({})));
  const functionNames = () =>
    listFunctions(context).filter((n) => !builtIns.has(n) && !(n in fake.globals));
  return { fake, context, call, functionNames };
}

/** Throws when a value holds anything google.script.run cannot carry (Dates, functions, classes). */
export function assertPlainJson(value: unknown, where: string, path = 'result'): void {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertPlainJson(v, where, `${path}[${i}]`));
    return;
  }
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    const tag = Object.prototype.toString.call(value);
    if (tag !== '[object Object]' || (proto !== null && Object.getPrototypeOf(proto) !== null)) {
      throw new Error(`${where}: ${path} is ${tag}, which google.script.run cannot return.`);
    }
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) assertPlainJson(v, where, `${path}.${k}`);
    }
    return;
  }
  throw new Error(`${where}: ${path} is a ${typeof value}, which google.script.run cannot return.`);
}
