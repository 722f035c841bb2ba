// SPDX-License-Identifier: MIT
// The peer of `metropoli ingest ssa --scope national`, in DuckDB's best form for the job: one pass over the CSV,
// one GROUP BY GROUPING SETS over the three date bases (each with municipality, age band and sex) and one count_if
// per measure, into a table. That is every count Metrópoli stores: the twelve measures on the onset and admission
// bases, and deaths on the date of death. A group whose date is missing or out of range (NULL) is dropped by HAVING,
// as Metrópoli sets such dates aside.
// Prints the elapsed seconds, the number of non-zero (place, measure, basis, day, age band, sex) counts and their
// sum, which equal what Metrópoli stores for the same file.
// Usage: node duckdb_ingest.mjs FILE.csv THREADS
import { DuckDBInstance } from '@duckdb/node-api';

const [file, threads] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:', { threads: String(threads ?? 2) });
const db = await instance.connect();

const measures = {
    confirmed: `CLASIFICACION_FINAL IN ('1', '2', '3')`,
    suspected: `CLASIFICACION_FINAL = '6'`,
    negative: `CLASIFICACION_FINAL = '7'`,
    tested: `TOMA_MUESTRA_LAB = '1' OR TOMA_MUESTRA_ANTIGENO = '1'`,
    lab_positive: `RESULTADO_LAB = '1'`,
    lab_negative: `RESULTADO_LAB = '2'`,
    antigen_positive: `RESULTADO_ANTIGENO = '1'`,
    antigen_negative: `RESULTADO_ANTIGENO = '2'`,
    hospitalized: `TIPO_PACIENTE = '2'`,
    icu: `UCI = '1'`,
    intubated: `INTUBADO = '1'`,
    deaths: `CLASIFICACION_FINAL IN ('1', '2', '3') AND death IS NOT NULL`,
};
// A date counts when it parses and falls between 2000 and the release's own date (9999-99-99 means "none").
const day = (c) => `CASE WHEN try_cast(${c} AS DATE) BETWEEN DATE '2000-01-01' AND try_cast(FECHA_ACTUALIZACION AS DATE)
                         THEN try_cast(${c} AS DATE) END`;
const counts = Object.entries(measures)
    .map(([name, condition]) => `count_if(${condition}) AS ${name}`)
    .join(',\n       ');

const started = process.hrtime.bigint();
await db.run(`
CREATE TABLE agg AS
SELECT ENTIDAD_RES || MUNICIPIO_RES AS muni, age_band, sex, onset, admission, death,
       ${counts}
FROM (
  SELECT *,
         CASE WHEN TRY_CAST(EDAD AS INT) BETWEEN 0 AND 130 THEN least(TRY_CAST(EDAD AS INT) // 10, 8) ELSE 9 END
           AS age_band,
         CASE SEXO WHEN '1' THEN 0 WHEN '2' THEN 1 ELSE 2 END AS sex,
         ${day('FECHA_SINTOMAS')} AS onset,
         ${day('FECHA_INGRESO')} AS admission,
         ${day('FECHA_DEF')} AS death
  FROM read_csv('${file}', header = true, all_varchar = true))
GROUP BY GROUPING SETS ((muni, age_band, sex, onset), (muni, age_band, sex, admission), (muni, age_band, sex, death))
HAVING coalesce(onset, admission, death) IS NOT NULL
`);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

// Outside the timing: the stored counts in Metrópoli's long form, to check both computed the same thing.
const names = Object.keys(measures);
const onBasis = (where, list) =>
    list.map((m) => `SELECT ${m} AS n FROM agg WHERE ${where} AND ${m} > 0`).join(' UNION ALL ');
const long = `${onBasis('onset IS NOT NULL', names)} UNION ALL ${onBasis('admission IS NOT NULL', names)}
              UNION ALL ${onBasis('death IS NOT NULL', ['deaths'])}`;
const [groups, counted] = (await db.runAndReadAll(`SELECT count(*), sum(n) FROM (${long})`)).getRows()[0];
console.log(JSON.stringify({ seconds, groups: Number(groups), counted: Number(counted) }));
