// SPDX-License-Identifier: MIT
// The peer of `metropoli ingest ssa --scope national`: DuckDB reads the same CSV (or zip? no: DuckDB reads the
// CSV) and computes the same aggregation — every measure by municipality of residence x date basis x day x
// age band x sex — into an in-memory table. Prints the elapsed seconds and the number of groups.
// Usage: node duckdb_ingest.mjs FILE.csv THREADS
import { DuckDBInstance } from '@duckdb/node-api';

const [file, threads] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:', { threads: String(threads ?? 2) });
const db = await instance.connect();
const started = process.hrtime.bigint();

const date = (c) => `CASE WHEN try_strptime(${c}, '%Y-%m-%d') IS NOT NULL
  AND ${c}::DATE BETWEEN DATE '2000-01-01' AND FECHA_ACTUALIZACION::DATE THEN ${c}::DATE END`;
await db.run(`
CREATE TEMP TABLE r AS
SELECT ENTIDAD_RES || MUNICIPIO_RES AS muni,
       CASE WHEN TRY_CAST(EDAD AS INT) BETWEEN 0 AND 130 THEN least(TRY_CAST(EDAD AS INT) // 10, 8) ELSE 9 END AS age_band,
       CASE SEXO WHEN '1' THEN 0 WHEN '2' THEN 1 ELSE 2 END AS sex,
       ${date('FECHA_SINTOMAS')} AS onset,
       ${date('FECHA_INGRESO')} AS admission,
       ${date('FECHA_DEF')} AS death,
       CLASIFICACION_FINAL IN ('1','2','3') AS confirmed,
       CLASIFICACION_FINAL = '6' AS suspected,
       CLASIFICACION_FINAL = '7' AS negative,
       TOMA_MUESTRA_LAB = '1' OR TOMA_MUESTRA_ANTIGENO = '1' AS tested,
       RESULTADO_LAB = '1' AS lab_positive,
       RESULTADO_LAB = '2' AS lab_negative,
       RESULTADO_ANTIGENO = '1' AS antigen_positive,
       RESULTADO_ANTIGENO = '2' AS antigen_negative,
       TIPO_PACIENTE = '2' AS hospitalized,
       UCI = '1' AS icu,
       INTUBADO = '1' AS intubated
FROM read_csv('${file}', header = true, all_varchar = true);
ALTER TABLE r ADD COLUMN deaths BOOLEAN;
UPDATE r SET deaths = confirmed AND death IS NOT NULL;
CREATE TABLE agg AS
WITH u AS (
  UNPIVOT r ON confirmed, suspected, negative, tested, lab_positive, lab_negative, antigen_positive,
              antigen_negative, hospitalized, icu, intubated, deaths
  INTO NAME measure VALUE flag)
SELECT muni, measure, 'onset' AS basis, onset AS day, age_band, sex, count(*) AS n FROM u
  WHERE flag AND onset IS NOT NULL GROUP BY ALL
UNION ALL
SELECT muni, measure, 'admission', admission, age_band, sex, count(*) FROM u
  WHERE flag AND admission IS NOT NULL GROUP BY ALL
UNION ALL
SELECT muni, 'deaths', 'death', death, age_band, sex, count(*) FROM r WHERE deaths GROUP BY ALL;
`);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const groups = (await db.runAndReadAll('SELECT count(*), sum(n) FROM agg')).getRows()[0];
console.log(JSON.stringify({ seconds, groups: Number(groups[0]), counted: Number(groups[1]) }));
