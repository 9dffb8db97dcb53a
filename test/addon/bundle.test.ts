/**
 * The build: `Code.js` is one Apps Script file with no module syntax whose global functions
 * are exactly the exports of src/addon/index.ts; `sidebar.html` is self-contained; the manifest
 * asks for exactly the two scopes; and `.clasp.json` pushes the folder the build writes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as entryModule from '../../src/addon/index';
import { assertAppsScriptCompatible, claspRootDir } from '../../scripts/build-addon';
import { FakeSpreadsheet } from '../support/fake-apps-script';
import { buildAddonForTests, loadAddon } from '../support/addon-harness';

const ROOT = resolve(__dirname, '..', '..');

describe('the add-on build', () => {
  const build = buildAddonForTests();

  it('writes a server file without import, export or require', () => {
    expect(build.serverCode).not.toMatch(/^\s*(import|export)\b/m);
    expect(build.serverCode).not.toMatch(/(^|[^.\w$])require\s*\(/m);
    expect(() => assertAppsScriptCompatible(build.serverCode)).not.toThrow();
    expect(() => assertAppsScriptCompatible('import x from "y";\nconst a = require("b");')).toThrow(
      /line 1: ES module syntax\nline 2: require\(\)/,
    );
  });

  it('uses no Node or browser global that Apps Script lacks', () => {
    for (const name of [
      'setTimeout',
      'setInterval',
      'fetch(',
      'process.',
      'Buffer.',
      'TextEncoder',
      'XMLHttpRequest',
    ]) {
      expect({ name, found: build.serverCode.includes(name) }).toEqual({ name, found: false });
    }
  });

  it('generates one global function per export of src/addon/index.ts, and no other', () => {
    const exported = Object.keys(entryModule).sort();
    expect(exported).toEqual(
      expect.arrayContaining(['onOpen', 'onInstall', 'validate', 'getFindingsPage', 'selectCell']),
    );
    const addon = loadAddon(new FakeSpreadsheet());
    expect(addon.functionNames().sort()).toEqual(exported);
    for (const name of exported) {
      expect(build.serverCode).toContain(
        `function ${name}() {\n  return RaciGuard.${name}.apply(this, arguments);\n}`,
      );
    }
  });

  it('ships a manifest with V8, a time zone and exactly the two scopes', () => {
    expect(build.manifest.runtimeVersion).toBe('V8');
    expect(typeof build.manifest.timeZone).toBe('string');
    expect(build.manifest.oauthScopes.slice().sort()).toEqual([
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
    ]);
    expect(build.manifest).toEqual(JSON.parse(readFileSync(join(ROOT, 'appsscript.json'), 'utf8')));
  });

  it('pushes with clasp from the folder the build writes by default', () => {
    const clasp = JSON.parse(readFileSync(join(ROOT, '.clasp.json'), 'utf8')) as {
      rootDir: string;
    };
    expect(resolve(ROOT, clasp.rootDir)).toBe(join(ROOT, 'dist', 'addon'));
    expect(claspRootDir()).toBe(join(ROOT, 'dist', 'addon'));
    const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<
      string,
      string
    >;
    expect(scripts['build:addon']).toBe('node scripts/run-ts.js scripts/build-addon.ts');
    expect(scripts.push).toBe('npm run check && npm run build && clasp push');
  });

  it('npm run build:addon writes what clasp push would send: exactly the three files', () => {
    execFileSync(
      process.execPath,
      [join(ROOT, 'scripts/run-ts.js'), join(ROOT, 'scripts/build-addon.ts')],
      {
        cwd: ROOT,
        stdio: 'pipe',
      },
    );
    const status = JSON.parse(
      execFileSync(join(ROOT, 'node_modules/.bin/clasp'), ['status', '--json'], {
        cwd: ROOT,
        encoding: 'utf8',
      }),
    ) as { filesToPush: string[] };
    expect(status.filesToPush.slice().sort()).toEqual([
      'dist/addon/Code.js',
      'dist/addon/appsscript.json',
      'dist/addon/sidebar.html',
    ]);
  });

  it('inlines the sidebar script and styles and loads nothing from the network', () => {
    const html = build.sidebarHtml;
    expect(html).not.toContain('INLINE_SCRIPT');
    expect(html).not.toContain('INLINE_STYLES');
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+href=/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).toContain('button.action');
    expect(html).toContain('startSidebar');
    expect(html.match(/<\/script>/gi)).toHaveLength(1);
  });
});
