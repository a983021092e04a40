/**
 * `copydesk` command line: scripting access to the same core the app uses, plus `web`, the
 * browser host. Exit codes: 0 success, 1 operation failed (one line on stderr), 2 usage error.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { OutputOf } from '../../src-shared/api/contract.js';
import { UiLanguage, type SettingsPatch } from '../../src-shared/api/settings.js';
import { createCoreContext, VERSION } from '../core/context.js';
import { createHandlers } from '../core/services.js';
import { createDispatch, type Dispatch } from '../ipc/handle.js';
import { draftCommands, DRAFT_HELP } from './cliDrafts.js';
import { call, OperationError, print, UsageError, type CliIo } from './cliSupport.js';
import { openInBrowser } from './openBrowser.js';
import { startWebHost } from './web.js';

export const HELP = `Copydesk ${VERSION} — offline newsroom editor

Usage: copydesk [options] <command> [command options]

Commands:
  web [--port N] [--no-open] [--lang en|zh-Hant|zh-Hans]
                        Serve the app to a browser on 127.0.0.1 (first line: the URL)
  info                  Version, platform and library folder
  settings              Show settings
  settings set KEY=VALUE…
                        Change settings (language, theme, libraryPath, headlineLimit)
${DRAFT_HELP}
Options:
  --library DIR         Library folder (default: $COPYDESK_LIBRARY, the folder chosen
                        in Settings, or <Documents>/Copydesk)
  --json                Machine-readable output
  -h, --help            Show this help
  -v, --version         Show the version
`;

const GLOBAL_OPTIONS = {
  library: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const consoleIo: CliIo = { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };

function parseSettingsAssignments(pairs: readonly string[]): SettingsPatch {
  if (pairs.length === 0) throw new UsageError('settings set needs at least one KEY=VALUE');
  const patch: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`Expected KEY=VALUE, got "${pair}"`);
    const key = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    if (!['language', 'theme', 'libraryPath', 'headlineLimit'].includes(key))
      throw new UsageError(`Unknown setting "${key}" (known: language, theme, libraryPath, headlineLimit)`);
    if (key === 'libraryPath') patch[key] = value === '' ? null : path.resolve(value);
    else if (key === 'headlineLimit') patch[key] = value === '' ? null : Number(value);
    else patch[key] = value;
  }
  return patch as SettingsPatch;
}

/** `--json` and `--library DIR` may also follow the command (`copydesk info --json`). */
function takeLateGlobals(rest: readonly string[]): { args: string[]; json: boolean; library: string | undefined } {
  const args: string[] = [];
  let json = false;
  let library: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (arg === '--json') json = true;
    else if (arg.startsWith('--library=')) library = arg.slice('--library='.length);
    else if (arg === '--library') {
      library = rest[++i];
      if (library === undefined) throw new UsageError('--library needs a folder');
    } else args.push(arg);
  }
  return { args, json, library };
}

async function runWeb(args: string[], dispatchFor: (lang: UiLanguage | null) => Promise<Dispatch>, io: CliIo): Promise<void> {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: { port: { type: 'string' }, 'no-open': { type: 'boolean' }, lang: { type: 'string' } },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, got "${values.port}"`);
  let lang: UiLanguage | null = null;
  if (values.lang !== undefined) {
    const parsed = UiLanguage.safeParse(values.lang);
    if (!parsed.success) throw new UsageError(`--lang must be one of en, zh-Hant, zh-Hans; got "${values.lang}"`);
    lang = parsed.data;
  }
  const rendererRoot = path.join(__dirname, '..', 'renderer');
  if (!existsSync(path.join(rendererRoot, 'index.html')))
    throw new OperationError(`The renderer is not built (${rendererRoot}); run "npm run build" first.`);
  const host = await startWebHost({ dispatch: await dispatchFor(lang), rendererRoot, port });
  io.out(`Copydesk running at ${host.url}`);
  if (!values['no-open']) openInBrowser(host.url);
  await new Promise<void>((resolve) => {
    const stop = () => void host.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

export async function runCli(argv: readonly string[], io: CliIo = consoleIo): Promise<number> {
  // Global options come before the command; the command parses its own options.
  const commandIndex = argv.findIndex((arg, i) => !arg.startsWith('-') && argv[i - 1] !== '--library');
  const globalArgs = commandIndex === -1 ? [...argv] : argv.slice(0, commandIndex);
  const command = commandIndex === -1 ? undefined : argv[commandIndex];
  const rest = commandIndex === -1 ? [] : argv.slice(commandIndex + 1);
  try {
    const { values } = parseArgs({ args: globalArgs, strict: true, options: GLOBAL_OPTIONS });
    if (values.version) {
      io.out(VERSION);
      return 0;
    }
    if (values.help || command === undefined) {
      io.out(HELP);
      return values.help ? 0 : 2;
    }
    const late = takeLateGlobals(rest);
    const commandArgs = late.args;
    const json = values.json === true || late.json;
    const library = values.library ?? late.library;
    const dispatchFor = async (languageOverride: UiLanguage | null) =>
      createDispatch(
        createHandlers(await createCoreContext({ host: command === 'web' ? 'web' : 'cli', libraryFlag: library, languageOverride })),
      );

    switch (command) {
      case 'web':
        await runWeb(commandArgs, dispatchFor, io);
        return 0;
      case 'info': {
        if (commandArgs.length) throw new UsageError(`info takes no arguments, got "${commandArgs.join(' ')}"`);
        const info = await call(await dispatchFor(null), 'app:info');
        print(io, json, info, () => `Copydesk ${info.version} (${info.platform})\nLibrary: ${info.libraryPath}`);
        return 0;
      }
      case 'settings': {
        const [sub, ...pairs] = commandArgs;
        const dispatch = await dispatchFor(null);
        let settings: OutputOf<'settings:get'>;
        if (sub === undefined || sub === 'get') settings = await call(dispatch, 'settings:get');
        else if (sub === 'set') settings = await call(dispatch, 'settings:set', parseSettingsAssignments(pairs));
        else throw new UsageError(`Unknown settings subcommand "${sub}" (use get or set)`);
        print(io, json, settings, () =>
          Object.entries(settings)
            .map(([k, v]) => `${k}=${v ?? ''}`)
            .join('\n'),
        );
        return 0;
      }
      default: {
        const run = Object.hasOwn(draftCommands, command) ? draftCommands[command] : undefined;
        if (!run) throw new UsageError(`Unknown command "${command}". Run "copydesk --help" for the list.`);
        return await run({ args: commandArgs, json, io, dispatch: () => dispatchFor(null) });
      }
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`copydesk: ${(error as Error).message}`);
      io.err('Run "copydesk --help" for usage.');
      return 2;
    }
    io.err(`copydesk: ${(error as Error).message.split('\n')[0]}`);
    return 1;
  }
}
