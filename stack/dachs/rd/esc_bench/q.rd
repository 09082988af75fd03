<resource schema="esc_bench" resdir="esc_bench">
  <meta name="creationDate">2024-06-01T00:00:00Z</meta>
  <meta name="title">ESCAPE benchmark table (one million rows)</meta>
  <meta name="description">
    A one-million-row, ten-column table (long, double, float, short and char
    columns) generated inside the database at import time with fixed formulas,
    for measuring TAP transfer and VOTable/Arrow conversion speed.  The rows
    are pseudo-random but identical on every machine.
  </meta>
  <meta name="subject">astronomical-databases</meta>
  <meta name="creator">jupyter-escape developers</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="type">Other</meta>

  <table id="big" onDisk="True" adql="True" primary="row_id">
    <!-- a table record (TAP as auxiliary capability) so registry clients find the table itself -->
    <publish sets="ivo_managed"/>
    <meta name="description">One million synthetic rows for benchmarks.</meta>
    <column name="row_id" type="bigint" ucd="meta.id;meta.main" description="Row number, 1..1000000."
      required="True"/>
    <column name="ra" type="double precision" unit="deg" ucd="pos.eq.ra;meta.main"
      description="Pseudo-random ICRS right ascension in a 10x10 degree field around (150, 2)."/>
    <column name="dec" type="double precision" unit="deg" ucd="pos.eq.dec;meta.main"
      description="Pseudo-random ICRS declination in a 10x10 degree field around (150, 2)."/>
    <column name="epoch" type="double precision" unit="d" ucd="time.epoch"
      description="Pseudo-random observation MJD."/>
    <column name="mag" type="real" unit="mag" ucd="phot.mag;em.opt.R" description="Pseudo-random magnitude."/>
    <column name="mag_err" type="real" unit="mag" ucd="stat.error;phot.mag" description="Magnitude error."/>
    <column name="flux" type="real" unit="mJy" ucd="phot.flux.density" description="Flux density."/>
    <column name="n_obs" type="smallint" ucd="meta.number;obs" description="Number of observations.">
      <values nullLiteral="-1"/>
    </column>
    <column name="flag" type="smallint" ucd="meta.code.qual" description="Quality flag (0..7).">
      <values nullLiteral="-1"/>
    </column>
    <column name="label" type="char(12)" ucd="meta.id" description="Twelve-character label."/>
  </table>

  <data id="import">
    <make table="big">
      <!-- Generated in SQL: a million rows in a few seconds, no input file to ship or download. -->
      <script type="preIndex" lang="SQL" name="fill with a million rows">
        INSERT INTO \curtable (row_id, ra, dec, epoch, mag, mag_err, flux, n_obs, flag, label)
        SELECT i,
          145.0 + 10.0 * (x * 0.6180339887498949 - floor(x * 0.6180339887498949)),
          -3.0 + 10.0 * (x * 0.7548776662466927 - floor(x * 0.7548776662466927)),
          55000.0 + ((i * 7919) % 3653) + (x * 0.5698402909980532 - floor(x * 0.5698402909980532)),
          (16.0 + 8.0 * (x * 0.4142135623730950 - floor(x * 0.4142135623730950)))::real,
          (0.01 + 0.2 * (x * 0.3247179572447460 - floor(x * 0.3247179572447460)))::real,
          (1000.0 * power(10.0::float8, -3.2 * (x * 0.4142135623730950 - floor(x * 0.4142135623730950))))::real,
          (1 + (i * 37) % 200)::smallint,
          ((i * 13) % 8)::smallint,
          'ESC' || lpad(to_hex(i), 9, '0')
        -- float8 arithmetic: the same formulas on numeric take several times longer
        FROM (SELECT i, i::float8 AS x FROM generate_series(1::bigint, 1000000::bigint) AS i) AS seq
      </script>
    </make>
  </data>
</resource>
