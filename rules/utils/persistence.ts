/**
 * "Is this call a database write or query?", read from syntax alone: the method name along a call
 * chain (Prisma, Mongoose, Sequelize, TypeORM, Knex, Drizzle, Firestore, MongoDB driver), SQL text
 * passed to `query`/`execute`, and `xById` helpers. A chain is read as one operation:
 * `db.update(tasks).set(body).where(eq(tasks.id, id))` is one update whose data and filter
 * arguments are `body` and `eq(tasks.id, id)`.
 *
 * Receivers that are clearly not a data store (the response, `Object`, `Map`, HTTP clients,
 * `crypto.createHash(…).update`, routers registering routes) are excluded by name. No types are
 * resolved, so this is a heuristic: rules that use it say so in their confidence.
 */
import type { CallSite, Expr, FileFacts, FnId } from '../../analyzer/model/ir';
import { itemsIn } from './calls';

export type CallExpr = Extract<Expr, { k: 'call' }>;

export type DbOp = 'create' | 'update' | 'delete' | 'read';

export interface DbCall {
  /** The outermost call of the chain (what the statement holds). */
  site: CallSite;
  op: DbOp;
  write: boolean;
  /** The call in the chain that names the operation (`update` in `db.update(t).set(x)`). */
  opCall: CallExpr;
  /** The operation's method name, e.g. 'findByIdAndUpdate', or 'query' for SQL. */
  method: string;
  /** The calls of the chain, outermost first. */
  chain: CallExpr[];
  /** Arguments that carry data or filters, from every call of the chain (pagination and projections left out). */
  args: Expr[];
  /** The SQL text, when the operation is a raw query with a literal. */
  sql: string | undefined;
  /** The names the chain starts with: ['prisma', 'task'] for `prisma.task.update(…)`. */
  receiver: string[];
  /** The expression the chain starts from (`prisma.task`, `req.user.tasks`), for data-flow questions. */
  root: Expr;
  /**
   * The call is a project helper named like a by-id accessor (`getTaskById(id)`,
   * `userService.updateUserById(id, body)`), not a library call: what it does inside is not seen.
   */
  viaHelper: boolean;
}

const CREATE = /^(create|createMany|createOne|createAndSave|insert|insertOne|insertMany|insertAll|bulkCreate|bulkInsert|save|saveAll|persist|batchInsert)$/;
const UPDATE = /^(update|updateOne|updateMany|updateById|updateAll|findByIdAndUpdate|findOneAndUpdate|findOneAndReplace|replaceOne|upsert|bulkWrite|increment|decrement|updateAttributes)$/;
const DELETE = /^(delete|deleteOne|deleteMany|deleteById|deleteAll|destroy|destroyAll|remove|removeById|findByIdAndDelete|findByIdAndRemove|findOneAndDelete|findOneAndRemove|del|truncate|softDelete)$/;
const READ = /^(find|findOne|findById|findByPk|findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|findAll|findAndCountAll|findOneBy|findBy|findOneOrFail|findOneByOrFail|findByIds|findAndCount|findOneById|count|countDocuments|estimatedDocumentCount|aggregate|exists|distinct|getOne|getMany|getOneOrFail|getRawOne|getRawMany|getManyAndCount)$/;
const SQL_METHODS = /^(query|execute|run|all|one|oneOrNone|many|manyOrNone|any|none|result|raw|unsafe|\$queryRaw|\$queryRawUnsafe|\$executeRaw|\$executeRawUnsafe|exec)$/;
/** Project helpers that load or change one record by key: `getTaskById(id)`, `deleteUserById(id)`. */
const BY_ID_HELPER = /^(get|find|fetch|load|read|update|edit|patch|delete|remove|destroy)[A-Z]\w*By(Id|Pk|Key|Slug|Uuid)$/;
/** Chain calls whose arguments are not data or filters. */
const NON_DATA = /^(limit|skip|offset|take|page|sort|orderBy|order|select|populate|include|lean|exec|project|returning|from|join|leftJoin|innerJoin|rightJoin|with|then|catch|finally|toArray|first|single|maybeSingle|execute|getOne|getMany|session|transacting|setOptions|hint|collation)$/;

/** Roots that are never a data store (a set: tested for the root of every call chain in every handler). */
const EXCLUDED_ROOTS: ReadonlySet<string> = new Set(['res', 'reply', 'response', 'req', 'request', 'ctx', 'context', 'Object', 'Array', 'JSON', 'Math', 'Promise', 'Reflect', 'console', 'crypto', 'Date', 'Number', 'String', 'Map', 'Set', 'WeakMap', 'WeakSet', 'URL', 'URLSearchParams', 'Buffer', 'fs', 'fse', 'path', 'router', 'app', 'server', 'fastify', 'express', 'axios', 'fetch', 'http', 'https', 'got', 'ky', 'superagent', 'document', 'window', 'localStorage', 'sessionStorage', 'navigator', 'headers', 'cookies', 'cookieStore', 'searchParams', 'formData', 'params', 'emitter', 'events', 'eventBus', 'bus', 'logger', 'log', 'jwt', 'bcrypt', 'argon2', '_', 'lodash', 'stripe', 'openai', 'anthropic', 'twilio', 'sgMail', 'resend', 'nodemailer', 'transporter', 'mailer', 'cache', 'redis', 'memcached', 'lru', 'queue', 'zod', 'z', 'Joi', 'joi', 'yup', 'validator', 'dayjs', 'moment', 'NextResponse', 'Response', 'cron', 'schedule', 'io', 'socket', 'ws', 'process', 'os', 'util', 'child_process', 'React', 'vscode', 's3', 'storage', 'bucket']);
/** Receivers that hold in-memory collections (`pending.delete(id)`). */
const MAP_LIKE = /(^|[a-z])(cache|map|set|registry|pending|listeners|timers|sessions|subscribers|clients|queue|buffer|seen|visited|store)$/i;
const NOT_A_MODEL_CTOR = /^(Date|Error|TypeError|RangeError|URL|URLSearchParams|Map|Set|WeakMap|WeakSet|Promise|RegExp|Headers|FormData|Blob|File|Buffer|Response|NextResponse|Request|Uint8Array|ArrayBuffer|ObjectId|ObjectID|AbortController|TextEncoder|TextDecoder|Intl|Worker|EventEmitter|Proxy|Decimal|HttpError|ApiError|AppError)$/;

/**
 * Every database operation in the functions `fns` of `facts`, one per call chain, in source order.
 * `new Model(req.body)` counts as a create when the same functions also call `.save()`.
 */
export function persistenceCalls(facts: FileFacts, fns: ReadonlySet<FnId>): readonly DbCall[] {
  // Several rules ask for the same handler's operations (with the same `fns` set, from its flow).
  const cached = persistenceCache.get(fns);
  if (cached && cached.facts === facts) return cached.calls;
  const calls = readPersistenceCalls(facts, fns);
  persistenceCache.set(fns, { facts, calls });
  return calls;
}

const persistenceCache = new WeakMap<ReadonlySet<FnId>, { facts: FileFacts; calls: readonly DbCall[] }>();

function readPersistenceCalls(facts: FileFacts, fns: ReadonlySet<FnId>): DbCall[] {
  const sites = itemsIn(facts, 'calls', fns);
  // A call that is the receiver of another call belongs to that call's chain.
  const inner = new Set<number>();
  for (const c of sites) {
    for (let cur: Expr = c.expr.callee, i = 0; i < 16; i++) {
      if (cur.k === 'member') cur = cur.object;
      else if (cur.k === 'await') cur = cur.expr;
      else if (cur.k === 'call') {
        inner.add(cur.span.start * 1_000_003 + cur.span.end);
        cur = cur.callee;
      } else break;
    }
  }
  const savesSomething = sites.some((c) => c.expr.callee.k === 'member' && c.expr.callee.name === 'save');
  const out: DbCall[] = [];
  for (const site of sites) {
    if (inner.has(site.expr.span.start * 1_000_003 + site.expr.span.end)) continue;
    const found = classifyChain(facts, site, savesSomething);
    if (found) out.push(found);
  }
  return out.sort((a, b) => a.site.expr.span.start - b.site.expr.span.start);
}

function classifyChain(facts: FileFacts, site: CallSite, savesSomething: boolean): DbCall | undefined {
  const chain: CallExpr[] = [];
  let cur: Expr = site.expr;
  let root: Expr | undefined;
  for (let i = 0; i < 16; i++) {
    if (cur.k === 'await') {
      cur = cur.expr;
      continue;
    }
    if (cur.k !== 'call') {
      root = cur;
      break;
    }
    chain.push(cur);
    const callee: Expr = cur.callee;
    if (callee.k === 'member') cur = callee.object;
    else {
      root = callee;
      break;
    }
  }
  if (chain.length === 0 || !root) return undefined;
  const receiver = namesOf(root);
  const innermost = chain[chain.length - 1]!;
  const rootName = receiver[0] ?? '';
  if (EXCLUDED_ROOTS.has(rootName)) return undefined;
  // `crypto.createHash('sha256').update(x)` and friends.
  if (chain.some((c) => /^create(Hash|Hmac|Cipher|Cipheriv|Decipher|Decipheriv|Sign|Verify)$/.test(nameOf(c)))) return undefined;
  const names = chain.map(nameOf);

  // `new Task(req.body)` followed by `task.save()`.
  if (chain.length === 1 && innermost.isNew) {
    const ctor = innermost.callee.k === 'id' ? innermost.callee.name : '';
    if (savesSomething && /^[A-Z]/.test(ctor) && !NOT_A_MODEL_CTOR.test(ctor) && !/Error$/.test(ctor)) {
      return make(site, 'create', innermost, ctor, chain, root, undefined, false);
    }
    return undefined;
  }
  if (chain.some((c) => c.isNew)) return undefined;

  // A project helper by id: `getTaskById(id)`, `tasks.deleteById(id)`.
  const helper = chain.find((c) => BY_ID_HELPER.test(nameOf(c)));
  if (helper) {
    const verb = nameOf(helper).replace(/[A-Z].*$/, '');
    const op: DbOp = /^(update|edit|patch)$/.test(verb) ? 'update' : /^(delete|remove|destroy)$/.test(verb) ? 'delete' : 'read';
    return make(site, op, helper, nameOf(helper), chain, root, undefined, true);
  }
  // Bare function calls (`create(x)`) are not library data access.
  if (innermost.callee.k === 'id' && chain.length === 1) {
    // `knex('tasks')` alone is a select; anything else is unknown.
    return undefined;
  }

  // A route registration (`users.delete('/:id', handler)`) is not a delete.
  const registration = (c: CallExpr) => c.args[0]?.k === 'str' && c.args[0].value.startsWith('/') && c.args.some((a) => a.k === 'fn' || a.k === 'id');
  if (chain.some(registration)) return undefined;

  // Raw SQL: the statement's first keyword names the operation.
  for (const c of chain) {
    const name = nameOf(c);
    if (!SQL_METHODS.test(name)) continue;
    const sql = sqlText(facts, c.args[0]);
    if (sql !== undefined) {
      const op = sqlOp(sql);
      if (op) return make(site, op, c, name, chain, root, sql, false);
      continue;
    }
    if (/^(query|execute|raw|\$queryRaw|\$queryRawUnsafe|\$executeRaw|\$executeRawUnsafe)$/.test(name) && looksLikeDb(receiver)) {
      return make(site, name.startsWith('$execute') ? 'update' : 'read', c, name, chain, root, undefined, false);
    }
  }

  const pick = (pattern: RegExp, accept: (c: CallExpr, index: number) => boolean = () => true) => chain.find((c, i) => pattern.test(nameOf(c)) && accept(c, i));
  const firstArgIsCallback = (c: CallExpr) => c.args[0]?.k === 'fn';
  const receiverOf = (c: CallExpr): string[] => (c.callee.k === 'member' ? namesOf(c.callee.object) : []);
  const notMapLike = (c: CallExpr) => {
    const r = receiverOf(c);
    const last = r[r.length - 1] ?? '';
    return !MAP_LIKE.test(last);
  };
  const hasCall = (pattern: RegExp) => names.some((n) => pattern.test(n));

  const del = pick(DELETE, (c) => notMapLike(c) && !firstArgIsCallback(c));
  if (del) return make(site, 'delete', del, nameOf(del), chain, root, undefined, false);

  const upd = pick(UPDATE, (c) => notMapLike(c) && !firstArgIsCallback(c));
  if (upd) return make(site, 'update', upd, nameOf(upd), chain, root, undefined, false);
  // Drizzle `db.update(t).set(x)`, Firestore `doc.set(x)`, Mongoose `doc.set(body)`, TypeORM `repo.merge(entity, body)`.
  const set = pick(/^set$/, (c) => hasCall(/^(doc|ref|update)$/) || (c.args.length === 1 && c.args[0]!.k !== 'str' && notMapLike(c) && !/^(headers|params|searchParams|cookies|locals|map|cache)$/i.test(receiverOf(c).slice(-1)[0] ?? '')));
  if (set) return make(site, 'update', set, 'set', chain, root, undefined, false);
  const merge = pick(/^merge$/, (c) => c.args.length >= 2 && /repo|repository|manager|em$/i.test(receiverOf(c).join('.')));
  if (merge) return make(site, 'update', merge, 'merge', chain, root, undefined, false);

  const create = pick(CREATE, (c) => notMapLike(c) && !firstArgIsCallback(c));
  if (create) return make(site, 'create', create, nameOf(create), chain, root, undefined, false);
  // Drizzle `db.insert(t).values(x)`, Firestore `collection('x').add(x)`.
  const values = pick(/^values$/, () => hasCall(/^insert(Into)?$/));
  if (values) return make(site, 'create', values, 'insert', chain, root, undefined, false);
  const add = pick(/^add$/, () => hasCall(/^collection$/) || receiver.some((r) => /collection/i.test(r)));
  if (add) return make(site, 'create', add, 'add', chain, root, undefined, false);

  const read = pick(READ, (c) => !firstArgIsCallback(c) && notMapLike(c) && !(nameOf(c) === 'find' && (c.args.length === 0 ? !/^[A-Z]/.test(rootName) && receiver.length < 2 : false)));
  if (read) return make(site, 'read', read, nameOf(read), chain, root, undefined, false);
  // Firestore `db.collection('x').doc(id).get()`; Knex and Drizzle selects: `knex('t').where({ id }).first()`.
  const get = pick(/^get$/, () => hasCall(/^(doc|collection|where|ref)$/));
  if (get) return make(site, 'read', get, 'get', chain, root, undefined, false);
  const where = pick(/^(where|first|select|from)$/, () => looksLikeDb(receiver) || (innermost.callee.k === 'id' && /^(knex|db|sql|trx|tx|database)$/i.test(innermost.callee.name)));
  if (where) return make(site, 'read', where, nameOf(where), chain, root, undefined, false);
  return undefined;
}

function make(site: CallSite, op: DbOp, opCall: CallExpr, method: string, chain: CallExpr[], root: Expr, sql: string | undefined, viaHelper: boolean): DbCall {
  const receiver = namesOf(root);
  const args: Expr[] = [];
  for (const c of chain) {
    if (c !== opCall && NON_DATA.test(nameOf(c))) continue;
    args.push(...c.args);
  }
  // `knex('tasks')`'s table name is not data; keep it anyway: a string literal carries no input.
  return { site, op, write: op !== 'read', opCall, method, chain, args, sql, receiver, root, viaHelper };
}

function nameOf(call: CallExpr): string {
  const c = call.callee;
  return c.k === 'id' ? c.name : c.k === 'member' ? c.name : '';
}

/** The names along a member chain: `prisma.task` → ['prisma', 'task']; `this.repo` → ['this', 'repo']. */
function namesOf(expr: Expr, depth = 0): string[] {
  if (depth > 16) return [];
  if (expr.k === 'id') return [expr.name];
  if (expr.k === 'this') return ['this'];
  if (expr.k === 'member') return [...namesOf(expr.object, depth + 1), expr.name];
  if (expr.k === 'await') return namesOf(expr.expr, depth + 1);
  return [];
}

/** The receiver is named like a database handle, a model or a repository. */
function looksLikeDb(receiver: string[]): boolean {
  return receiver.some((r) => /^(db|database|knex|sql|pool|client|conn|connection|prisma|repo|repository|manager|em|trx|tx|qb|supabase|mongo|mongoose|sequelize|pg|mysql|sqlite|drizzle|firestore|collection|model)$/i.test(r) || /(Repo|Repository|Model|Db|DB|Pool|Client|Collection)$/.test(r) || /^[A-Z][a-z]/.test(r));
}

/** The SQL text of a `query` argument: a literal, a template, `{ text }`, or a local constant holding one. */
export function sqlText(facts: FileFacts, arg: Expr | undefined, depth = 0): string | undefined {
  if (!arg || depth > 3) return undefined;
  if (arg.k === 'str') return looksLikeSql(arg.value) ? arg.value : undefined;
  if (arg.k === 'tpl') {
    const text = arg.quasis.join('?');
    return looksLikeSql(text) ? text : undefined;
  }
  if (arg.k === 'obj') {
    const text = arg.props.find((p) => p.key === 'text' || p.key === 'sql');
    return text ? sqlText(facts, text.value, depth + 1) : undefined;
  }
  if (arg.k === 'id') {
    const decl = facts.decls.find((d) => d.name === arg.name && d.init && (d.init.k === 'str' || d.init.k === 'tpl'));
    return decl ? sqlText(facts, decl.init, depth + 1) : undefined;
  }
  return undefined;
}

function looksLikeSql(text: string): boolean {
  return /^\s*(\/\*[\s\S]*?\*\/\s*)?(select|insert|update|delete|with|replace|merge|upsert)\b/i.test(text);
}

function sqlOp(sql: string): DbOp | undefined {
  const body = sql.replace(/^\s*(\/\*[\s\S]*?\*\/\s*)?/, '');
  let keyword = /^(\w+)/.exec(body)?.[1]?.toLowerCase();
  // `WITH x AS (…) DELETE FROM …`: the statement after the common table expressions.
  if (keyword === 'with') keyword = /\)\s*(select|insert|update|delete)\b/i.exec(body)?.[1]?.toLowerCase() ?? 'select';
  switch (keyword) {
    case 'select':
      return 'read';
    case 'insert':
    case 'replace':
    case 'upsert':
      return 'create';
    case 'update':
    case 'merge':
      return 'update';
    case 'delete':
      return 'delete';
    default:
      return undefined;
  }
}

/**
 * The operation as it reads in code, for messages: `prisma.task.update(…)`, `db('files').where(…).first(…)`,
 * `getOrderById(…)`, `query('SELECT id, title …')`.
 */
export function describeDbCall(call: DbCall): string {
  if (call.sql) return `${call.method}('${call.sql.trim().split(/\s+/).slice(0, 3).join(' ')} …')`;
  const calls = [...call.chain].reverse();
  const first = calls[0]!;
  const firstCallee = first.callee.k === 'member' || first.callee.k === 'id' ? namesOf(first.callee).filter((n) => n !== 'this').join('.') : '';
  let out = first.callee.k === 'id' && first.args[0]?.k === 'str' ? `${firstCallee}('${first.args[0].value}')` : `${first.isNew ? 'new ' : ''}${firstCallee}(…)`;
  for (const c of calls.slice(1)) out += `.${nameOf(c)}(…)`;
  return out;
}

/**
 * A quick, name-only test for "this call reads or writes a data store", for data-flow questions
 * (the result of a query is stored data, not client input). `persistenceCalls` is the full reading.
 */
export function looksLikeDataAccess(call: CallExpr): boolean {
  const names: string[] = [];
  let cur: Expr = call;
  let root: Expr | undefined;
  for (let i = 0; i < 16; i++) {
    if (cur.k === 'await') cur = cur.expr;
    else if (cur.k === 'call') {
      const callee: Expr = cur.callee;
      names.push(nameOf(cur));
      if (callee.k === 'member') cur = callee.object;
      else {
        root = callee;
        break;
      }
    } else {
      root = cur;
      break;
    }
  }
  const rootName = root ? (namesOf(root)[0] ?? '') : '';
  if (EXCLUDED_ROOTS.has(rootName)) return false;
  return names.some((n) => READ.test(n) || CREATE.test(n) || UPDATE.test(n) || DELETE.test(n) || BY_ID_HELPER.test(n) || /^\$?(queryRaw|executeRaw)/.test(n));
}
