// Alternative solutions of every exercise, for test/kit/exercise-quality.test.ts: plausible
// correct ones, plausible wrong ones, and trivial ones (a constant, undefined, an error).
// Teacher only (scripts/release.mjs leaves it out of the student edition): the correct ones
// are answers.

/** A solution on trial: any function standing in for an exercise function. */
export type Fn = (...args: never[]) => unknown;

/** The alternative solutions of one exercise: correct, wrong and trivial ones (returning `undefined` and throwing are added to every exercise's trivial ones). */
export interface Alternatives { fn: string; correct: Record<string, Fn>; wrong: Record<string, Fn>; trivial?: Record<string, Fn> }
import { ALTERNATIVES as CH03 } from './alternatives/ch03';
import { ALTERNATIVES as CH04_MASTER_WORKER } from './alternatives/ch04-master-worker';
import { ALTERNATIVES as CH04_P2P } from './alternatives/ch04-p2p';
import { ALTERNATIVES as CH04_MAPREDUCE } from './alternatives/ch04-mapreduce';
import { ALTERNATIVES as CH04_ACTORS } from './alternatives/ch04-actors';
import { ALTERNATIVES as CH09_BALANCERS } from './alternatives/ch09-balancers';
import { ALTERNATIVES as CH09_HASHING } from './alternatives/ch09-hashing';
import { ALTERNATIVES as CH10_NFS } from './alternatives/ch10-nfs';
import { ALTERNATIVES as CH10_RSYNC } from './alternatives/ch10-rsync';
import { ALTERNATIVES as CH10_DFS } from './alternatives/ch10-dfs';
import { ALTERNATIVES as CH10_DHT } from './alternatives/ch10-dht';
import { ALTERNATIVES as CH11_CHAIN } from './alternatives/ch11-chain';
import { ALTERNATIVES as CH11_GOSSIP } from './alternatives/ch11-gossip';
import { ALTERNATIVES as CH12_SPARK } from './alternatives/ch12-spark';
import { ALTERNATIVES as CH12_CDN } from './alternatives/ch12-cdn';
import { ALTERNATIVES as CH12_VIDEO } from './alternatives/ch12-video';
import { ALTERNATIVES as CH12_ML } from './alternatives/ch12-ml';
import { ALTERNATIVES as CH05 } from './alternatives/ch05';
import { ALTERNATIVES as CH06 } from './alternatives/ch06';
import { ALTERNATIVES as CH07 } from './alternatives/ch07';
import { ALTERNATIVES as CH08 } from './alternatives/ch08';

const CHAPTER_FILES = [CH03, CH04_MASTER_WORKER, CH04_P2P, CH04_MAPREDUCE, CH04_ACTORS, CH05, CH06, CH07, CH08,
  CH09_BALANCERS, CH09_HASHING, CH10_NFS, CH10_RSYNC, CH10_DFS, CH10_DHT, CH11_CHAIN, CH11_GOSSIP, CH12_SPARK, CH12_CDN, CH12_VIDEO, CH12_ML];
type Vector = ReadonlyMap<string, number>;
type Ledger = { balances: Map<string, number>; applied: Set<string> };
type Pay = { paymentId: string; account: string; amount: number };
const INVALID = { jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id: null };
const keys = (a: Vector, b: Vector) => new Set([...a.keys(), ...b.keys()]);
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const order = (lt: boolean, gt: boolean) => (lt && gt ? 'concurrent' : lt ? 'before' : gt ? 'after' : 'equal');

/** Solutions on trial, per exercise: the function they replace, and whether they are correct. */
export const SOLUTIONS: Record<string, Alternatives> = {
  '00.1': {
    fn: 'parallelAvailability',
    correct: {
      potencia: (a: number, n: number) => 1 - (1 - a) ** n,
      bucle: (a: number, n: number) => { let down = 1; for (let i = 0; i < n; i++) down *= 1 - a; return 1 - down; },
      logaritmos: (a: number, n: number) => 1 - Math.exp(n * Math.log1p(-a)),
    },
    wrong: {
      'exponente n − 1': (a: number, n: number) => 1 - (1 - a) ** (n - 1),
      'suma lineal': (a: number, n: number) => Math.min(1, a * n),
      'producto de disponibilidades': (a: number, n: number) => 1 - a ** n,
      'redondeo a 4 decimales': (a: number, n: number) => Math.round((1 - (1 - a) ** n) * 1e4) / 1e4,
    },
  },
  '00.2': {
    fn: 'fanOutLatency',
    correct: {
      reduce: (l: number[], m: string) => (m === 'secuencial' ? l.reduce((s, x) => s + x, 0) : l.reduce((s, x) => Math.max(s, x), 0)),
      bucle: (l: number[], m: string) => { let t = 0; for (const x of l) t = m === 'secuencial' ? t + x : Math.max(t, x); return t; },
      'max con 0': (l: number[], m: string) => (m === 'secuencial' ? l.reduce((s, x) => s + x, 0) : Math.max(0, ...l)),
    },
    wrong: {
      'Math.max sin caso vacío': (l: number[], m: string) => (m === 'secuencial' ? l.reduce((s, x) => s + x, 0) : Math.max(...l)),
      'bucle desde 1': (l: number[], m: string) => { let t = 0; for (let i = 1; i < l.length; i++) t = m === 'secuencial' ? t + l[i]! : Math.max(t, l[i]!); return t; },
      'ordena la lista': (l: number[], m: string) => (m === 'secuencial' ? l.reduce((s, x) => s + x, 0) : l.sort((x, y) => x - y)[l.length - 1] ?? 0),
      'solo tres servicios': (l: number[], m: string) => (m === 'secuencial' ? (l[0] ?? 0) + (l[1] ?? 0) + (l[2] ?? 0) : Math.max(l[0] ?? 0, l[1] ?? 0, l[2] ?? 0)),
    },
  },
  '00.3': {
    fn: 'seriesAvailability',
    correct: {
      reduce: (l: number[]) => l.reduce((p, a) => p * a, 1),
      bucle: (l: number[]) => { let p = 1; for (let i = 0; i < l.length; i++) p *= l[i]!; return p; },
    },
    wrong: {
      'reduce sin valor inicial': (l: number[]) => l.reduce((p, a) => p * a),
      'vacía da 0': (l: number[]) => (l.length === 0 ? 0 : l.reduce((p, a) => p * a, 1)),
      'bucle desde 1': (l: number[]) => { let p = 1; for (let i = 1; i < l.length; i++) p *= l[i]!; return p; },
    },
  },
  '01.1': {
    fn: 'classifyMessage',
    correct: {
      hasOwn: (v: unknown) => {
        if (!isObj(v) || v.jsonrpc !== '2.0' || typeof v.method !== 'string') return 'invalid';
        if (Object.prototype.hasOwnProperty.call(v, 'params') && (typeof v.params !== 'object' || v.params === null)) return 'invalid';
        if (!Object.prototype.hasOwnProperty.call(v, 'id')) return 'notification';
        return ['string', 'number'].includes(typeof v.id) || v.id === null ? 'request' : 'invalid';
      },
      'undefined e in': (v: unknown) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'invalid';
        const m = v as Record<string, unknown>;
        const paramsOk = m.params === undefined || Array.isArray(m.params) || (typeof m.params === 'object' && m.params !== null);
        if (m.jsonrpc !== '2.0' || typeof m.method !== 'string' || !paramsOk) return 'invalid';
        if (!('id' in m)) return 'notification';
        switch (typeof m.id) { case 'string': case 'number': return 'request'; default: return m.id === null ? 'request' : 'invalid'; }
      },
    },
    wrong: {
      'id falsy es notificación': (v: unknown) => (!isObj(v) || v.jsonrpc !== '2.0' || typeof v.method !== 'string' ? 'invalid' : v.id ? 'request' : 'notification'),
      'method vacío rechazado': (v: unknown) => (!isObj(v) || v.jsonrpc !== '2.0' || typeof v.method !== 'string' || !v.method || (v.params !== undefined && (typeof v.params !== 'object' || v.params === null)) ? 'invalid' : !('id' in v) ? 'notification' : v.id === null || ['string', 'number'].includes(typeof v.id) ? 'request' : 'invalid'),
      'jsonrpc con ==': (v: unknown) => (!isObj(v) || v.jsonrpc != '2.0' || typeof v.method !== 'string' ? 'invalid' : !('id' in v) ? 'notification' : 'request'),
      'params null aceptado': (v: unknown) => {
        if (!isObj(v) || v.jsonrpc !== '2.0' || typeof v.method !== 'string') return 'invalid';
        if (v.params !== undefined && typeof v.params !== 'object') return 'invalid';
        return !('id' in v) ? 'notification' : v.id === null || ['string', 'number'].includes(typeof v.id) ? 'request' : 'invalid';
      },
      'arrays aceptados': (v: unknown) => {
        if (typeof v !== 'object' || v === null) return 'invalid';
        const m = v as Record<string, unknown>;
        if (m.jsonrpc !== '2.0' || typeof m.method !== 'string') return 'invalid';
        return !('id' in m) ? 'notification' : 'request';
      },
    },
  },
  '01.2': {
    fn: 'batchReply',
    correct: {
      filter: (o: unknown[]) => { if (o.length === 0) return INVALID; const r = o.filter((x) => x !== undefined); return r.length ? r : undefined; },
      'filter(Boolean)': (o: unknown[]) => (o.length === 0 ? INVALID : o.filter(Boolean).length > 0 ? o.filter(Boolean) : undefined),
      bucle: (o: unknown[]) => { if (!o.length) return { id: null, error: { message: 'Invalid Request', code: -32600 }, jsonrpc: '2.0' }; const r: unknown[] = []; for (const x of o) if (x !== undefined) r.push(x); return r.length === 0 ? undefined : r; },
    },
    wrong: {
      'array vacío': (o: unknown[]) => (o.length === 0 ? INVALID : o.filter((x) => x !== undefined)),
      'respuesta suelta': (o: unknown[]) => { if (!o.length) return INVALID; const r = o.filter((x) => x !== undefined); return r.length === 0 ? undefined : r.length === 1 ? r[0] : r; },
      'lote vacío como array': (o: unknown[]) => { const r = o.filter((x) => x !== undefined); return o.length === 0 ? [INVALID] : r.length ? r : undefined; },
      'splice': (o: unknown[]) => { if (!o.length) return INVALID; for (let i = o.length - 1; i >= 0; i--) if (o[i] === undefined) o.splice(i, 1); return o.length ? o : undefined; },
    },
  },
  '01.3': {
    fn: 'applyPaymentOnce',
    correct: {
      copias: (l: Ledger, p: Pay) => {
        if (l.applied.has(p.paymentId)) return { ledger: l, credited: false };
        const balances = new Map(l.balances).set(p.account, (l.balances.get(p.account) ?? 0) + p.amount);
        return { ledger: { balances, applied: new Set([...l.applied, p.paymentId]) }, credited: true };
      },
      'siempre copia': (l: Ledger, p: Pay) => {
        const ledger = { balances: new Map([...l.balances]), applied: new Set([...l.applied]) };
        const credited = !ledger.applied.has(p.paymentId);
        if (credited) { ledger.applied.add(p.paymentId); ledger.balances.set(p.account, (ledger.balances.get(p.account) || 0) + p.amount); }
        return { credited, ledger };
      },
    },
    wrong: {
      'modifica el libro recibido': (l: Ledger, p: Pay) => {
        if (l.applied.has(p.paymentId)) return { ledger: l, credited: false };
        l.applied.add(p.paymentId);
        l.balances.set(p.account, (l.balances.get(p.account) ?? 0) + p.amount);
        return { ledger: l, credited: true };
      },
      'abona antes de mirar el id': (l: Ledger, p: Pay) => ({ ledger: { balances: new Map(l.balances).set(p.account, (l.balances.get(p.account) ?? 0) + p.amount), applied: new Set([...l.applied, p.paymentId]) }, credited: !l.applied.has(p.paymentId) }),
      'no registra el id': (l: Ledger, p: Pay) => ({ ledger: { balances: new Map(l.balances).set(p.account, (l.balances.get(p.account) ?? 0) + p.amount), applied: new Set(l.applied) }, credited: !l.applied.has(p.paymentId) }),
      'cuenta nueva sin ?? 0': (l: Ledger, p: Pay) => (l.applied.has(p.paymentId) ? { ledger: l, credited: false } : { ledger: { balances: new Map(l.balances).set(p.account, l.balances.get(p.account)! + p.amount), applied: new Set([...l.applied, p.paymentId]) }, credited: true }),
      'libro solo con la cuenta abonada': (l: Ledger, p: Pay) => (l.applied.has(p.paymentId) ? { ledger: l, credited: false } : { ledger: { balances: new Map([[p.account, (l.balances.get(p.account) ?? 0) + p.amount]]), applied: new Set([...l.applied, p.paymentId]) }, credited: true }),
    },
  },
  '02.1': {
    fn: 'lamportReceive',
    correct: { max: (a: number, b: number) => Math.max(a, b) + 1, ternaria: (a: number, b: number) => (a > b ? a : b) + 1 },
    wrong: { 'sin + 1': (a: number, b: number) => Math.max(a, b), 'ignora el local': (_a: number, b: number) => b + 1, 'ignora el mensaje': (a: number) => a + 1 },
  },
  '02.2': {
    fn: 'compareVectorClocks',
    correct: {
      banderas: (a: Vector, b: Vector) => {
        let lt = false, gt = false;
        for (const id of keys(a, b)) { const x = a.get(id) ?? 0, y = b.get(id) ?? 0; lt ||= x < y; gt ||= x > y; }
        return order(lt, gt);
      },
      every: (a: Vector, b: Vector) => {
        const ids = [...keys(a, b)];
        return order(ids.some((id) => (a.get(id) ?? 0) < (b.get(id) ?? 0)), !ids.every((id) => (a.get(id) ?? 0) <= (b.get(id) ?? 0)));
      },
    },
    wrong: {
      'solo los procesos de a': (a: Vector, b: Vector) => {
        let lt = false, gt = false;
        for (const [id, x] of a) { const y = b.get(id) ?? 0; lt ||= x < y; gt ||= x > y; }
        return order(lt, gt);
      },
      'ausente sin ?? 0': (a: Vector, b: Vector) => {
        let lt = false, gt = false;
        for (const id of keys(a, b)) { const x = a.get(id)!, y = b.get(id)!; lt ||= x < y; gt ||= x > y; }
        return order(lt, gt);
      },
      'todo ≤ es before, también si son iguales': (a: Vector, b: Vector) => {
        const ids = [...keys(a, b)];
        return ids.every((id) => (a.get(id) ?? 0) <= (b.get(id) ?? 0)) ? 'before' : ids.every((id) => (a.get(id) ?? 0) >= (b.get(id) ?? 0)) ? 'after' : 'concurrent';
      },
      'menor en alguna es before': (a: Vector, b: Vector) => {
        for (const id of keys(a, b)) if ((a.get(id) ?? 0) < (b.get(id) ?? 0)) return 'before';
        for (const id of keys(a, b)) if ((a.get(id) ?? 0) > (b.get(id) ?? 0)) return 'after';
        return 'equal';
      },
    },
  },
  '02.3': {
    fn: 'mergeVectorClocks',
    correct: {
      'copia de a': (a: Vector, b: Vector) => { const m = new Map(a); for (const [id, y] of b) m.set(id, Math.max(m.get(id) ?? 0, y)); return m; },
      'unión de claves': (a: Vector, b: Vector) => new Map([...keys(a, b)].map((id) => [id, Math.max(a.get(id) ?? 0, b.get(id) ?? 0)])),
    },
    wrong: {
      'modifica a': (a: Vector, b: Vector) => { const m = a as Map<string, number>; for (const [id, y] of b) m.set(id, Math.max(m.get(id) ?? 0, y)); return m; },
      'solo los procesos de a': (a: Vector, b: Vector) => new Map([...a].map(([id, x]) => [id, Math.max(x, b.get(id) ?? 0)])),
      'ausente sin ?? 0': (a: Vector, b: Vector) => new Map([...keys(a, b)].map((id) => [id, Math.max(a.get(id)!, b.get(id)!)])),
      'mínimo': (a: Vector, b: Vector) => new Map([...keys(a, b)].map((id) => [id, Math.min(a.get(id) ?? 0, b.get(id) ?? 0)])),
    },
  },
};

const constant = (...values: unknown[]) => Object.fromEntries(values.map((v) => [`siempre ${JSON.stringify(v) ?? String(v)}`, () => v])) as Record<string, Fn>;
const ledgerAsIs = (credited: boolean) => (l: Ledger) => ({ ledger: l, credited });
const TRIVIAL: Record<string, Record<string, Fn>> = {
  '00.1': constant(0, 1, -1),
  '00.2': constant(0, -1),
  '00.3': constant(0, 1),
  '01.1': constant('request', 'notification', 'invalid'),
  '01.2': { ...constant([], INVALID), 'las salidas tal cual': (o: unknown[]) => o },
  '01.3': { 'nunca abona': ledgerAsIs(false), 'siempre abona sin cambiar el libro': ledgerAsIs(true) },
  '02.1': { ...constant(0, 1), 'el reloj local': (a: number) => a },
  '02.2': constant('before', 'after', 'concurrent', 'equal'),
  '02.3': { 'vacío': () => new Map(), 'a tal cual': (a: Vector) => a, 'b tal cual': (_a: Vector, b: Vector) => b },
};
for (const [id, trivial] of Object.entries(TRIVIAL)) SOLUTIONS[id]!.trivial = trivial;

// Later chapters keep their alternatives in test/kit/alternatives/chNN.ts (each file exports
// `ALTERNATIVES: Record<string, Alternatives>` with its own trivial solutions filled in).
for (const chapter of CHAPTER_FILES) Object.assign(SOLUTIONS, chapter);

// The two trivial answers every exercise is tried against: nothing, and an error.
for (const solutions of Object.values(SOLUTIONS)) {
  solutions.trivial = { ...solutions.trivial, 'devuelve undefined': () => undefined, 'lanza un error': () => { throw new Error('sin hacer'); } };
}
