import { PGlite } from '@electric-sql/pglite';
let t = Date.now();
const pg = new PGlite('/tmp/pgl-test-' + process.pid);
await pg.waitReady;
console.log('init ms', Date.now() - t);
const r = await pg.query(
  "select 1::int8 as a, now() as b, 1.5::float8 as c, 2.5::numeric as d, array['K','01']::text[] as e, '{\"a\":1}'::jsonb as f",
);
console.log(r.rows, typeof r.rows[0].a, r.affectedRows);
const r2 = await pg.query('create table t(x int); insert into t values (1),(2)'.split(';')[0]);
console.log(r2);
const r3 = await pg.query('insert into t values (1),(2)');
console.log(r3);
t = Date.now();
const blob = await pg.dumpDataDir('none');
console.log('dump ms', Date.now() - t, blob.size);
await pg.close();
t = Date.now();
const pg2 = new PGlite({ loadDataDir: blob });
await pg2.waitReady;
console.log('load ms', Date.now() - t);
console.log((await pg2.query('select count(*) from t')).rows);
t = Date.now();
const pg3 = new PGlite('/tmp/pgl-test-' + process.pid);
await pg3.waitReady;
console.log('reopen ms', Date.now() - t);
console.log(process.memoryUsage().rss / 1e6);
