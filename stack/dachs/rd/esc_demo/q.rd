<resource schema="esc_demo" resdir="esc_demo">
  <meta name="creationDate">2024-06-01T00:00:00Z</meta>
  <meta name="title">ESCAPE demo source catalogue (LOFAR and HST deep fields)</meta>
  <meta name="description">
    A SIMULATED optical source catalogue (r &lt; 22, SDSS/Pan-STARRS depth) of
    about 3000 objects in each of three LOFAR Two-metre Sky Survey fields (M51 in
    the HETDEX field, and the Lockman Hole and ELAIS-N1 deep fields), plus 500 in
    each of Bootes and the Hubble deep fields (HDF-N, HUDF, COSMOS): positions
    with their errors, ugri photometry, photometric redshifts, object classes.
    In the three LoTSS fields the objects are the same simulated sky as the
    local data lake's LOFAR radio catalogues and the local HiPS, so a radio to
    optical cross-match finds counterparts; flux_144mhz is the simulation's
    truth (the flux of the radio source the object hosts) for checking one.
    Generated deterministically by the jupyter-escape stack
    (stack/lib/sample_sky.py, stack/dachs/gen/make_data.py); field positions
    are real, the objects are not real measurements.
  </meta>
  <meta name="subject">galaxies</meta>
  <meta name="subject">radio-sources</meta>
  <meta name="subject">photometry</meta>
  <meta name="subject">redshift-surveys</meta>
  <meta name="creator">jupyter-escape developers</meta>
  <meta name="instrument">LOFAR HBA</meta>
  <meta name="facility">LOFAR</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="contentLevel">University</meta>
  <meta name="type">Catalog</meta>
  <meta name="coverage.waveband">Optical</meta>
  <meta name="coverage.waveband">Radio</meta>
  <meta name="coverage.regionOfRegard">1</meta>


  <table id="main" onDisk="True" mixin="//scs#q3cindex" adql="True" primary="source_id">
    <!-- a table record (TAP as auxiliary capability) so registry clients find the table itself -->
    <publish sets="ivo_managed"/>
    <meta name="title">ESCAPE demo sources</meta>
    <meta name="description">Sources in LOFAR and HST deep fields with optical photometry,
      redshifts and 144 MHz fluxes (synthetic).</meta>
    <stc>
      Position ICRS "ra" "dec"
    </stc>
    <column name="source_id" type="bigint" ucd="meta.id;meta.main" tablehead="Id"
      description="Numeric source identifier (unique)." verbLevel="1" required="True"/>
    <column name="name" type="text" ucd="meta.id" tablehead="Name"
      description="IAU-style designation ESC Jrrr.rrrr+dd.dddd." verbLevel="1"/>
    <column name="ra" type="double precision" unit="deg" ucd="pos.eq.ra;meta.main" tablehead="RA"
      description="ICRS right ascension." verbLevel="1" required="True"/>
    <column name="dec" type="double precision" unit="deg" ucd="pos.eq.dec;meta.main" tablehead="Dec"
      description="ICRS declination." verbLevel="1" required="True"/>
    <column name="pos_err" type="real" unit="arcsec" ucd="stat.error;pos.eq" tablehead="Err(pos)"
      description="1-sigma positional uncertainty per axis." verbLevel="5"/>
    <column name="field" type="text" ucd="meta.id;obs.field" tablehead="Field"
      description="Field the source belongs to (M51, Lockman Hole, ELAIS-N1, Bootes, HDF-N, HUDF, COSMOS)."
      verbLevel="5"/>
    <column name="obj_class" type="text" ucd="src.class" tablehead="Class"
      description="Object class: galaxy, qso or star." verbLevel="5"/>
    <column name="mag_u" type="real" unit="mag" ucd="phot.mag;em.opt.U" tablehead="u"
      description="u-band AB magnitude." verbLevel="10"/>
    <column name="mag_g" type="real" unit="mag" ucd="phot.mag;em.opt.B" tablehead="g"
      description="g-band AB magnitude." verbLevel="10"/>
    <column name="mag_r" type="real" unit="mag" ucd="phot.mag;em.opt.R" tablehead="r"
      description="r-band AB magnitude." verbLevel="1"/>
    <column name="mag_i" type="real" unit="mag" ucd="phot.mag;em.opt.I" tablehead="i"
      description="i-band AB magnitude." verbLevel="10"/>
    <column name="mag_err" type="real" unit="mag" ucd="stat.error;phot.mag" tablehead="Err(mag)"
      description="Typical 1-sigma photometric error of the magnitudes." verbLevel="15"/>
    <column name="redshift" type="real" ucd="src.redshift" tablehead="z"
      description="Redshift (photometric for galaxies, 0 for stars)." verbLevel="1"/>
    <column name="z_err" type="real" ucd="stat.error;src.redshift" tablehead="Err(z)"
      description="1-sigma redshift uncertainty." verbLevel="15"/>
    <column name="flux_144mhz" type="real" unit="mJy" ucd="phot.flux.density;em.radio.100-200MHz"
      tablehead="S(144MHz)" description="144 MHz integrated flux density of the radio source this object hosts in the simulation (its truth, for checking a cross-match); NULL when none."
      verbLevel="5"/>
  </table>

  <coverage>
    <updater sourceTable="main"/>
    <spatial/>
  </coverage>

  <data id="import">
    <sources pattern="data/sources.csv"/>
    <csvGrammar/>
    <make table="main">
      <rowmaker idmaps="*">
        <map key="flux_144mhz">parseWithNull(@flux_144mhz, float, "")</map>
      </rowmaker>
    </make>
  </data>

  <service id="scs" allowed="scs.xml,form">
    <meta name="title">ESCAPE demo sources cone search</meta>
    <meta name="shortName">esc_demo scs</meta>
    <meta name="testQuery.ra">161.75</meta>
    <meta name="testQuery.dec">58.08</meta>
    <meta name="testQuery.sr">0.1</meta>
    <publish render="scs.xml" sets="ivo_managed"/>
    <publish render="form" sets="ivo_managed,local"/>
    <scsCore queriedTable="main">
      <FEED source="//scs#coreDescs"/>
      <condDesc buildFrom="mag_r"/>
      <condDesc buildFrom="redshift"/>
    </scsCore>
  </service>

  <regSuite title="esc_demo regression">
    <regTest title="esc_demo cone search returns sources in the Lockman Hole">
      <url RA="161.75" DEC="58.08" SR="0.2">scs/scs.xml</url>
      <code>
        self.assertHasStrings("Lockman Hole", "ESC J")
      </code>
    </regTest>
  </regSuite>
</resource>
