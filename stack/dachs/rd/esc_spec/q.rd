<resource schema="esc_spec" resdir="esc_spec">
  <meta name="creationDate">2024-06-01T00:00:00Z</meta>
  <meta name="title">ESCAPE demo optical spectra of deep-field galaxies</meta>
  <meta name="description">
    Twelve synthetic optical spectra (380 to 920 nm, 1200 samples, FITS binary
    tables) of the brightest galaxies and quasars of the ESCAPE demo source
    catalogue in the LOFAR and HST deep fields, with redshifted emission lines.
    Served through SSAP.  Generated deterministically by the jupyter-escape
    stack; not real observations.
  </meta>
  <meta name="subject">spectroscopy</meta>
  <meta name="subject">galaxies</meta>
  <meta name="subject">quasars</meta>
  <meta name="creator">jupyter-escape developers</meta>
  <meta name="instrument">ESCAPE synthetic spectrograph</meta>
  <meta name="facility">jupyter-escape</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="type">Archive</meta>
  <meta name="coverage.waveband">Optical</meta>
  <meta name="ssap.dataSource">artificial</meta>
  <meta name="ssap.creationType">archival</meta>
  <meta name="productType">spectrum</meta>
  <meta name="ssap.testQuery">MAXREC=1</meta>


  <table id="main" onDisk="True" adql="True">
    <!-- a table record (TAP as auxiliary capability) so registry clients find the table itself -->
    <publish sets="ivo_managed"/>
    <meta name="description">Synthetic galaxy and quasar spectra (SSA, homogeneous collection).</meta>
    <mixin
      fluxUnit="W.m**-2.nm**-1"
      spectralUnit="m"
      fluxUCD="phot.flux.density;em.wl"
      spectralUCD="em.wl"
      collection="'ESCAPE demo spectra'"
      spectralResolution="4.5e-10"
      statSpaceError="0.0003"
      instrument="ESCAPE synthetic spectrograph"
      datasource="artificial"
      creationType="archival"
      fluxCalibration="ABSOLUTE"
      spectralCalibration="ABSOLUTE"
    >//ssap#hcd</mixin>
    <mixin
      calibLevel="2"
      createDIDIndex="True"
    >//obscore#publishSSAPHCD</mixin>
  </table>

  <coverage>
    <updater sourceTable="main"/>
    <spatial/>
  </coverage>

  <data id="import">
    <sources pattern="data/*.fits"/>
    <fitsProdGrammar>
      <rowfilter procDef="//products#define">
        <bind key="table">"\schema.main"</bind>
        <bind key="mime">"application/fits"</bind>
        <bind key="preview">None</bind>
      </rowfilter>
    </fitsProdGrammar>
    <make table="main">
      <rowmaker idmaps="*">
        <apply procDef="//ssap#setMeta">
          <bind key="pubDID">\standardPubDID</bind>
          <bind key="dstitle">"{} z={} ({})".format(@OBJECT, @REDSHIFT, @FIELD)</bind>
          <bind key="targname">@OBJECT</bind>
          <bind key="targclass">"QSO" if @OBJCLASS=="qso" else "Galaxy"</bind>
          <bind key="redshift">float(@REDSHIFT)</bind>
          <bind key="snr">float(@SNR)</bind>
          <bind key="alpha">float(@RA)</bind>
          <bind key="delta">float(@DEC)</bind>
          <bind key="aperture">1.5/3600</bind>
          <bind key="dateObs">parseTimestamp(@DATE_OBS, "%Y-%m-%dT%H:%M:%S")</bind>
          <bind key="timeExt">float(@EXPTIME)</bind>
          <bind key="specstart">float(@WMIN)</bind>
          <bind key="specend">float(@WMAX)</bind>
          <bind key="length">int(@NPIX)</bind>
          <bind key="bandpass">"Optical"</bind>
        </apply>
      </rowmaker>
    </make>
  </data>

  <service id="ssa" allowed="form,ssap.xml">
    <meta name="title">ESCAPE demo spectra SSAP</meta>
    <meta name="shortName">esc_spec ssap</meta>
    <meta name="ssap.complianceLevel">minimal</meta>
    <publish render="ssap.xml" sets="ivo_managed"/>
    <ssapCore queriedTable="main">
      <FEED source="//ssap#hcd_condDescs"/>
    </ssapCore>
  </service>

  <regSuite title="esc_spec regression">
    <regTest title="esc_spec SSAP returns spectra">
      <url REQUEST="queryData" POS="161.75,58.08" SIZE="2">ssa/ssap.xml</url>
      <code>
        self.assertHasStrings("ESC J")
      </code>
    </regTest>
  </regSuite>
</resource>
