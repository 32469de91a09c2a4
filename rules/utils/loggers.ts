/**
 * Which calls write to a log: `console.*`, pino, winston, bunyan, log4js and friends (instances
 * created from them, `logger.child(…)`), debug (`const log = debug('app')`), any `logger.*` /
 * `log.*` / `this.logger.*` / `req.log.*` level method, and the names listed in the project's
 * config under `loggers`.
 */
import type { CallSite, Expr, FileFacts } from '../../analyzer/model/ir';
import type { ResolvedConfig } from '../../analyzer/config/types';
import { findLocalDecl, importsModule, resolveModuleMember } from './calls';
import { accessChain, dottedName } from './value-flow';

const CONSOLE_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table', 'group', 'groupCollapsed', 'assert']);
const LEVEL_METHODS = new Set(['trace', 'debug', 'info', 'warn', 'warning', 'error', 'fatal', 'log', 'verbose', 'silly', 'http', 'notice', 'crit', 'critical', 'alert', 'emerg', 'emergency', 'success', 'child']);
const LOGGER_MODULES = new Set(['pino', 'winston', 'bunyan', 'log4js', 'loglevel', 'signale', 'consola', 'tslog', 'roarr', 'npmlog', 'pino-http']);
/** Receivers that are loggers by name: `logger`, `log`, `this.logger`, `req.log`, `fastify.log`, `appLogger`. */
const LOGGER_NAME = /^(_?log|_?logger|logging|pino|winston|bunyan|signale|consola|[a-z]\w*Logger|[a-z]\w*Log)$/;

export interface LogCall {
  /** How the logger reads, for messages: `console.log`, `logger.info`, `debug`. */
  name: string;
  /** The arguments that are written to the log. */
  args: Expr[];
}

/** The log call `site` is, if it is one. */
export function asLogCall(facts: FileFacts, site: CallSite, config: ResolvedConfig): LogCall | undefined {
  const call = site.expr;
  if (call.isNew) return undefined;
  const callee = call.callee;
  if (config.loggers.length > 0) {
    const name = dottedName(callee);
    if (name && config.loggers.some((l) => l === name || (callee.k === 'member' && l === dottedName(callee.object)))) return { name, args: call.args };
  }
  if (callee.k === 'member') {
    const method = callee.name;
    // Most calls are not log calls: their method name says so before the receiver is read.
    if (!CONSOLE_METHODS.has(method) && !LEVEL_METHODS.has(method)) return undefined;
    const receiver = accessChain(callee.object);
    if (receiver && receiver.root === 'console' && receiver.path.length === 0 && CONSOLE_METHODS.has(method) && !findLocalDecl(facts, 'console', site.fn)) {
      return { name: `console.${method}`, args: method === 'assert' ? call.args.slice(1) : call.args };
    }
    if (!LEVEL_METHODS.has(method)) return undefined;
    const receiverName = receiver ? (receiver.path[receiver.path.length - 1] ?? receiver.root) : undefined;
    if (receiverName && LOGGER_NAME.test(receiverName)) return { name: `${receiverName}.${method}`, args: winstonArgs(method, call.args) };
    if (createdByLoggerModule(facts, callee.object, site.fn)) return { name: `${receiverName ?? 'logger'}.${method}`, args: winstonArgs(method, call.args) };
    return undefined;
  }
  if (callee.k === 'id' && isDebugInstance(facts, callee.name, site.fn)) return { name: callee.name, args: call.args };
  return undefined;
}

/** `logger.log('info', msg)`: the level is not data. */
function winstonArgs(method: string, args: Expr[]): Expr[] {
  return method === 'log' && args[0]?.k === 'str' && /^(error|warn|info|http|verbose|debug|silly)$/.test(args[0].value) ? args.slice(1) : args;
}

/** The receiver was created by a logging library: `const l = pino()`, `winston.createLogger()`, `base.child()`. */
function createdByLoggerModule(facts: FileFacts, receiver: Expr, fn: number, depth = 0): boolean {
  if (depth > 4) return false;
  if (receiver.k !== 'id') return false;
  const local = findLocalDecl(facts, receiver.name, fn);
  const init = local?.decl.init;
  if (!init || init.k !== 'call') return false;
  const origin = resolveModuleMember(facts, init.callee, local.decl.fn);
  if (origin && LOGGER_MODULES.has(origin.module)) return true;
  // `const child = logger.child({...})`.
  return init.callee.k === 'member' && init.callee.name === 'child' && (createdByLoggerModule(facts, init.callee.object, local.decl.fn, depth + 1) || isLoggerName(init.callee.object));
}

function isLoggerName(e: Expr): boolean {
  const chain = accessChain(e);
  const last = chain ? (chain.path[chain.path.length - 1] ?? chain.root) : undefined;
  return last !== undefined && LOGGER_NAME.test(last);
}

/** `const log = debug('app:auth')` or `require('debug')('app')`. */
function isDebugInstance(facts: FileFacts, name: string, fn: number): boolean {
  // Either way the file imports or requires 'debug' (cheap to check first: most calls are not logs).
  if (!importsModule(facts, 'debug')) return false;
  const local = findLocalDecl(facts, name, fn);
  const init = local?.decl.init;
  if (!init || init.k !== 'call') return false;
  const inner = init.callee;
  if (inner.k === 'call' && inner.callee.k === 'id' && inner.callee.name === 'require' && inner.args[0]?.k === 'str') return inner.args[0].value === 'debug';
  const origin = resolveModuleMember(facts, inner, local.decl.fn);
  return origin?.module === 'debug' && origin.path.length === 0;
}
