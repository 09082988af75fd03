<resource schema="esc_img" resdir="esc_img">
  <meta name="creationDate">2024-06-01T00:00:00Z</meta>
  <meta name="title">ESCAPE demo images of LOFAR and HST deep fields</meta>
  <meta name="description">
    Small synthetic FITS images (64 to 256 pixels, TAN projection, ICRS) of the
    LOFAR deep fields (optical r band and LOFAR HBA 144 MHz) and of Hubble deep
    fields (ACS F606W/F775W, Subaru i), with sources drawn at the positions of the
    ESCAPE demo source catalogue.  Served through SIAP 1, the site-wide SIAP 2
    (ObsCore), DataLink and SODA cutouts.  Generated deterministically by the
    jupyter-escape stack; not real observations.
  </meta>
  <meta name="subject">sky-surveys</meta>
  <meta name="subject">galaxies</meta>
  <meta name="subject">radio-astronomy</meta>
  <meta name="creator">jupyter-escape developers</meta>
  <meta name="instrument">LOFAR HBA</meta>
  <meta name="instrument">HST ACS/WFC</meta>
  <meta name="facility">LOFAR</meta>
  <meta name="facility">HST</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="type">Archive</meta>
  <meta name="coverage.waveband">Optical</meta>
  <meta name="coverage.waveband">Radio</meta>


  <table id="main" onDisk="True" mixin="//siap#pgs" adql="True">
    <!-- a table record (TAP as auxiliary capability) so registry clients find the table itself -->
    <publish sets="ivo_managed"/>
    <meta name="description">Synthetic images of the LOFAR and HST deep fields.</meta>
    <meta name="_associatedDatalinkService">
      <meta name="serviceId">dl</meta>
      <meta name="idColumn">pub_did</meta>
    </meta>
    <mixin
      calibLevel="2"
      collectionName="'ESCAPE demo images'"
      targetName="object"
      targetClass="'field'"
      facilityName="facility"
      oUCD="o_ucd"
      did="pub_did"
    >//obscore#publishSIAP</mixin>
    <column name="object" type="text" ucd="meta.id;src" tablehead="Field"
      description="Name of the deep field imaged." verbLevel="5"/>
    <column name="facility" type="text" ucd="instr.obsty" tablehead="Facility"
      description="Observatory that took the (simulated) image." verbLevel="15"/>
    <column name="o_ucd" type="text" ucd="meta.ucd" tablehead="Obs. UCD"
      description="UCD of the observable (pixel values)." verbLevel="25"/>
    <column name="pub_did" type="text" ucd="meta.ref.ivoid" tablehead="Pub. DID"
      description="Publisher dataset identifier; the DataLink ID." verbLevel="15"/>
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
      </rowfilter>
    </fitsProdGrammar>
    <make table="main">
      <rowmaker>
        <apply procDef="//siap#setMeta">
          <bind key="dateObs">parseTimestamp(@DATE_OBS, "%Y-%m-%dT%H:%M:%S")</bind>
          <bind key="bandpassId">@FILTER</bind>
          <bind key="bandpassUnit">"m"</bind>
          <bind key="bandpassRefval">float(@WAVELEN)</bind>
          <bind key="bandpassLo">float(@WAVELEN)-float(@BANDWID)/2</bind>
          <bind key="bandpassHi">float(@WAVELEN)+float(@BANDWID)/2</bind>
          <bind key="instrument">@INSTRUME</bind>
          <bind key="pixflags">"F"</bind>
          <bind key="title">"{} {} {}".format(@OBJECT, @FILTER, @DATE_OBS[:10])</bind>
        </apply>
        <apply procDef="//siap#computePGS"/>
        <map key="object">@OBJECT</map>
        <map key="facility">"LOFAR" if "LOFAR" in @INSTRUME else (
          "HST" if "HST" in @INSTRUME else @INSTRUME.split()[0])</map>
        <map key="o_ucd">"phot.flux.density;em.radio" if "LOFAR" in @INSTRUME else "phot.count;em.opt"</map>
        <map key="pub_did">\standardPubDID</map>
      </rowmaker>
    </make>
  </data>

  <service id="dl" allowed="dlget,dlmeta">
    <meta name="title">ESCAPE demo images DataLink and SODA</meta>
    <meta name="description">DataLink documents and SODA cutouts (POS, CIRCLE, POLYGON, PIXEL)
      for the ESCAPE demo images.</meta>
    <datalinkCore>
      <descriptorGenerator procDef="//soda#fits_genDesc">
        <bind key="accrefPrefix">"esc_img/"</bind>
      </descriptorGenerator>
      <FEED source="//soda#fits_standardDLFuncs"/>
    </datalinkCore>
  </service>

  <service id="sia" allowed="form,siap.xml">
    <meta name="title">ESCAPE demo images SIAP</meta>
    <meta name="shortName">esc_img siap</meta>
    <meta name="sia.type">Pointed</meta>
    <meta name="testQuery.pos.ra">161.75</meta>
    <meta name="testQuery.pos.dec">58.08</meta>
    <meta name="testQuery.size.ra">0.1</meta>
    <meta name="testQuery.size.dec">0.1</meta>
    <publish render="siap.xml" sets="ivo_managed"/>
    <publish render="form" sets="ivo_managed,local"/>
    <dbCore queriedTable="main">
      <condDesc original="//siap#protoInput"/>
      <condDesc original="//siap#humanInput"/>
    </dbCore>
  </service>

  <regSuite title="esc_img regression">
    <regTest title="esc_img SIAP finds the Lockman Hole images">
      <url POS="161.75,58.08" SIZE="0.1,0.1">sia/siap.xml</url>
      <code>
        self.assertHasStrings("Lockman Hole")
      </code>
    </regTest>
  </regSuite>
</resource>
