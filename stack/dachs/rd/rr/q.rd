<!-- A RegTAP 1.1 registry (with the RegTAP 1.2 stc_* coverage tables) of the local DaCHS's own resources.

The tables are filled by harvesting this DaCHS's publishing registry (/oai.xml, ListRecords with
metadataPrefix=ivo_vor; stack/dachs/harvest.py writes the pages to data/) and parsing the VOResource
records with res/vorparse.py. All tables are in the site TAP service, so the registry's TAP endpoint is
the site's /tap: pyvo.registry.choose_RegTAP_service("http://127.0.0.1:8090/tap").
The table part was generated from res/vorparse.py's TABLES; keep the two in step. -->
<resource schema="rr" resdir="rr">
  <meta name="creationDate">2024-06-01T00:00:00Z</meta>
  <meta name="title">ESCAPE local RegTAP registry</meta>
  <meta name="description">
    A searchable registry (IVOA RegTAP 1.1, plus the RegTAP 1.2 spatial, temporal
    and spectral coverage tables) holding the resource records of the local
    ESCAPE VO stack, harvested from its own OAI-PMH publishing registry.
    It lets pyvo.registry.search and other RegTAP clients work offline.
  </meta>
  <meta name="subject">virtual-observatories</meta>
  <meta name="creator">jupyter-escape developers</meta>
  <meta name="contentLevel">Research</meta>
  <meta name="type">Other</meta>

  <table id="resource" onDisk="True" adql="True">
    <!-- a table record (TAP as auxiliary capability) so registry clients find the table itself -->
    <publish sets="ivo_managed"/>
    <property key="supportsModel">Registry 1.1</property>
    <property key="supportsModelURI">ivo://ivoa.net/std/RegTAP#1.1</property>
    <meta name="description">The resources (services, catalogues, registries...) of the local registry.</meta>
    <primary>ivoid</primary>
    <column name="ivoid" type="text" description="The (lowercased) IVOA identifier of the resource."/>
    <column name="res_type" type="text" description="Resource type (xsi:type, lowercased, e.g. vs:catalogservice)."/>
    <column name="created" type="timestamp" description="Date of creation of the resource record."/>
    <column name="short_name" type="text" description="Short name of the resource."/>
    <column name="res_title" type="text" description="Title of the resource."/>
    <column name="content_level" type="text" description="Audiences, #-separated, lowercased."/>
    <column name="res_description" type="text" description="Description of the resource."/>
    <column name="reference_url" type="text" description="URL pointing to more information."/>
    <column name="creator_seq" type="text" description="Creator names, '; '-separated."/>
    <column name="content_type" type="text" description="Nature of the resource content, #-separated, lowercased."/>
    <column name="source_format" type="text" description="Format of source_value (e.g. bibcode)."/>
    <column name="source_value" type="text" description="Bibliographic source of the resource."/>
    <column name="res_version" type="text" description="Version of the resource."/>
    <column name="region_of_regard" type="real" unit="arcsec" description="Intrinsic spatial resolution."/>
    <column name="waveband" type="text" description="Messenger particles (IVOA messenger vocabulary), #-separated, lowercased."/>
    <column name="rights" type="text" description="Access rights, #-separated."/>
    <column name="rights_uri" type="text" description="URIs of the licences."/>
    <column name="harvested_from" type="text" description="OAI-PMH endpoint the record was harvested from."/>
    <column name="updated" type="timestamp" description="Date of last update of the resource record."/>
  </table>

  <table id="res_role" onDisk="True" adql="True">
    <meta name="description">Entities (persons, organisations) related to resources.</meta>
    <column name="ivoid" type="text" description="The (lowercased) IVOA identifier of the resource."/>
    <column name="role_name" type="text" description="Name of the person or organisation."/>
    <column name="role_ivoid" type="text" description="IVOA identifier of the role holder."/>
    <column name="street_address" type="text" description="Address."/>
    <column name="email" type="text" description="E-mail address."/>
    <column name="telephone" type="text" description="Telephone number."/>
    <column name="logo" type="text" description="URL of a logo."/>
    <column name="base_role" type="text" description="creator, contact, publisher or contributor."/>
    <index columns="ivoid"/>
  </table>

  <table id="res_subject" onDisk="True" adql="True">
    <meta name="description">Topics of the resources.</meta>
    <column name="ivoid" type="text" description="The (lowercased) IVOA identifier of the resource."/>
    <column name="res_subject" type="text" description="A topic (keyword) of the resource."/>
    <index columns="ivoid"/>
  </table>

  <table id="capability" onDisk="True" adql="True">
    <meta name="description">Capabilities (protocol endpoints) of the resources.</meta>
    <column name="ivoid" type="text" description="The (lowercased) IVOA identifier of the resource."/>
    <column name="cap_index" type="smallint" description="Index of the capability within the resource (from 1)."><values nullLiteral="-1"/></column>
    <column name="cap_type" type="text" description="Capability type (xsi:type, lowercased)."/>
    <column name="cap_description" type="text" description="Description of the capability."/>
    <column name="standard_id" type="text" description="Standard identifier of the capability (lowercased)."/>
    <index columns="ivoid"/>
  </table>

  <table id="res_schema" onDisk="True" adql="True">
    <meta name="description">Schemas in resource tablesets.</meta>
    <column name="ivoid" type="text" description="The (lowercased) IVOA identifier of the resource."/>
    <column name="schema_index" type="smallint" description="Index of the schema within the resource."><values nullLiteral="-1"/></column>
    <column name="schema_description" type="text" description="Description of the schema."/>
    <column name="schema_name" type="text" description="Name of the schema."/>
    <column name="schema_title" type="text" description="Title of the schema."/>
    <column name="schema_utype" type="text" description="Utype of the schema."/>
    <index columns="ivoid"/>
  </table>

  <table id="res_table" onDisk="True" adql="True">
    <meta name="description">Tables described by the resources.</meta>
    <column name="ivoid" type="text" description="The (lowercased) IVOA identifier of the resource."/>
    <column name="schema_index" type="smallint" description="Index of the schema within the resource."><values nullLiteral="-1"/></column>
    <column name="table_description" type="text" description="Description of the table."/>
    <column name="table_name" type="text" description="Fully qualified table name."/>
    <column name="table_index" type="smallint" description="Index of the table within the resource."><values nullLiteral="-1"/></column>
    <column name="table_title" type="text" description="Title of the table."/>
    <column name="table_type" type="text" description="Table type (e.g. output, base_table)."/>
    <column name="table_utype" type="text" description="Utype of the table (lowercased)."/>
    <column name="nrows" type="bigint" description="Approximate number of rows."><values nullLiteral="-1"/></column>
    <index columns="ivoid"/>
  </table>

  <table id="table_column" onDisk="True" adql="True">
    <meta name="description">Columns of the tables described by the resources.</meta>
    <column name="ivoid" type="text" description="The (lowercased) IVOA identifier of the resource."/>
    <column name="table_index" type="smallint" description="Index of the table within the resource."><values nullLiteral="-1"/></column>
    <column name="name" type="text" description="Name of the column or parameter."/>
    <column name="ucd" type="text" description="UCD."/>
    <column name="unit" type="text" description="Unit (VOUnit)."/>
    <column name="utype" type="text" description="Utype."/>
    <column name="datatype" type="text" description="Data type (lowercased)."/>
    <column name="extended_schema" type="text" description="Schema of the extended type."/>
    <column name="extended_type" type="text" description="Extended (xtype-like) type."/>
    <column name="arraysize" type="text" description="Array size."/>
    <column name="delim" type="text" description="Array delimiter."/>
    <column name="type_system" type="text" description="Type system of the datatype."/>
    <column name="flag" type="text" description="Flags (indexed, primary, nullable), #-separated."/>
    <column name="column_description" type="text" description="Description of the column."/>
    <index columns="ivoid"/>
  </table>

  <table id="interface" onDisk="True" adql="True">
    <meta name="description">Interfaces (access URLs) of the capabilities.</meta>
    <column name="ivoid" type="text" description="The (lowercased) IVOA identifier of the resource."/>
    <column name="cap_index" type="smallint" description="Index of the capability within the resource (from 1)."><values nullLiteral="-1"/></column>
    <column name="intf_index" type="smallint" description="Index of the interface within the resource (from 1)."><values nullLiteral="-1"/></column>
    <column name="intf_type" type="text" description="Interface type (xsi:type, lowercased)."/>
    <column name="intf_role" type="text" description="Interface role (std for standard interfaces)."/>
    <column name="std_version" type="text" description="Version of the standard implemented."/>
    <column name="query_type" type="text" description="HTTP methods, #-separated."/>
    <column name="result_type" type="text" description="MIME type of the results."/>
    <column name="wsdl_url" type="text" description="WSDL URL."/>
    <column name="url_use" type="text" description="full, base, post or dir."/>
    <column name="access_url" type="text" description="The access URL of the interface."/>
    <column name="mirror_url" type="text" description="Mirror URLs, #-separated."/>
    <column name="authenticated_only" type="smallint" description="1 when the interface needs authentication."><values nullLiteral="-1"/></column>
    <index columns="ivoid"/>
  </table>

  <table id="intf_param" onDisk="True" adql="True">
    <meta name="description">Parameters of the interfaces.</meta>
    <column name="ivoid" type="text" description="The (lowercased) IVOA identifier of the resource."/>
    <column name="intf_index" type="smallint" description="Index of the interface within the resource (from 1)."><values nullLiteral="-1"/></column>
    <column name="name" type="text" description="Name of the column or parameter."/>
    <column name="ucd" type="text" description="UCD."/>
    <column name="unit" type="text" description="Unit (VOUnit)."/>
    <column name="utype" type="text" description="Utype."/>
    <column name="std" type="smallint" description="1 when the parameter is defined by the standard."><values nullLiteral="-1"/></column>
    <column name="datatype" type="text" description="Data type (lowercased)."/>
    <column name="extended_schema" type="text" description="Schema of the extended type."/>
    <column name="extended_type" type="text" description="Extended (xtype-like) type."/>
    <column name="arraysize" type="text" description="Array size."/>
    <column name="delim" type="text" description="Array delimiter."/>
    <column name="param_use" type="text" description="required, optional or ignored."/>
    <column name="param_description" type="text" description="Description of the parameter."/>
    <index columns="ivoid"/>
  </table>

  <table id="relationship" onDisk="True" adql="True">
    <meta name="description">Relationships between resources.</meta>
    <column name="ivoid" type="text" description="The (lowercased) IVOA identifier of the resource."/>
    <column name="relationship_type" type="text" description="Relationship type (e.g. served-by, service-for)."/>
    <column name="related_id" type="text" description="IVOA identifier of the related resource."/>
    <column name="related_name" type="text" description="Name of the related resource."/>
    <index columns="ivoid"/>
  </table>

  <table id="validation" onDisk="True" adql="True">
    <meta name="description">Validation levels of resources and capabilities.</meta>
    <column name="ivoid" type="text" description="The (lowercased) IVOA identifier of the resource."/>
    <column name="validated_by" type="text" description="Identifier of the validating registry."/>
    <column name="val_level" type="smallint" description="Validation level (0..4)."><values nullLiteral="-1"/></column>
    <column name="cap_index" type="smallint" description="Index of the capability within the resource (from 1)."><values nullLiteral="-1"/></column>
    <index columns="ivoid"/>
  </table>

  <table id="res_date" onDisk="True" adql="True">
    <meta name="description">Dates of resources.</meta>
    <column name="ivoid" type="text" description="The (lowercased) IVOA identifier of the resource."/>
    <column name="date_value" type="timestamp" description="A date related to the resource."/>
    <column name="value_role" type="text" description="What the date means (e.g. created, updated)."/>
    <index columns="ivoid"/>
  </table>

  <table id="res_detail" onDisk="True" adql="True">
    <meta name="description">Further details from the VOResource records, by xpath.</meta>
    <column name="ivoid" type="text" description="The (lowercased) IVOA identifier of the resource."/>
    <column name="cap_index" type="smallint" description="Index of the capability within the resource (from 1)."><values nullLiteral="-1"/></column>
    <column name="detail_xpath" type="text" description="Xpath of the detail within the VOResource record."/>
    <column name="detail_value" type="text" description="Value of the detail."/>
    <index columns="ivoid"/>
  </table>

  <table id="alt_identifier" onDisk="True" adql="True">
    <meta name="description">Alternative identifiers of resources.</meta>
    <column name="ivoid" type="text" description="The (lowercased) IVOA identifier of the resource."/>
    <column name="alt_identifier" type="text" description="Alternative identifier (e.g. DOI)."/>
    <index columns="ivoid"/>
  </table>

  <table id="stc_spatial" onDisk="True" adql="True">
    <meta name="description">Spatial coverage of resources (RegTAP 1.2).</meta>
    <column name="ivoid" type="text" description="The (lowercased) IVOA identifier of the resource."/>
    <column name="coverage" type="smoc" description="Spatial coverage as a MOC."/>
    <column name="ref_system_name" type="text" description="Reference system of the coverage."/>
    <index columns="ivoid"/>
  </table>

  <table id="stc_temporal" onDisk="True" adql="True">
    <meta name="description">Temporal coverage of resources (RegTAP 1.2).</meta>
    <column name="ivoid" type="text" description="The (lowercased) IVOA identifier of the resource."/>
    <column name="time_start" type="double precision" unit="d" description="Start of temporal coverage (MJD)."/>
    <column name="time_end" type="double precision" unit="d" description="End of temporal coverage (MJD)."/>
    <index columns="ivoid"/>
  </table>

  <table id="stc_spectral" onDisk="True" adql="True">
    <meta name="description">Spectral coverage of resources (RegTAP 1.2).</meta>
    <column name="ivoid" type="text" description="The (lowercased) IVOA identifier of the resource."/>
    <column name="spectral_start" type="double precision" unit="J" description="Lower limit of spectral coverage (energy)."/>
    <column name="spectral_end" type="double precision" unit="J" description="Upper limit of spectral coverage (energy)."/>
    <index columns="ivoid"/>
  </table>
  <data id="harvest" auto="False">
    <sources pattern="data/*.xml"/>
    <embeddedGrammar isDispatching="True">
      <iterator>
        <code>
          from gavo import api
          vorparse, _ = api.loadPythonModule(self.grammar.rd.getAbsPath("res/vorparse"))
          oai = base.getConfig("web", "serverURL").rstrip("/") + "/oai.xml"
          for table, row in vorparse.iter_oai_rows(self.sourceToken, harvested_from=oai):
            yield table, row
        </code>
      </iterator>
    </embeddedGrammar>
    <make table="resource" role="resource"><rowmaker idmaps="*"/></make>
    <make table="res_role" role="res_role"><rowmaker idmaps="*"/></make>
    <make table="res_subject" role="res_subject"><rowmaker idmaps="*"/></make>
    <make table="capability" role="capability"><rowmaker idmaps="*"/></make>
    <make table="res_schema" role="res_schema"><rowmaker idmaps="*"/></make>
    <make table="res_table" role="res_table"><rowmaker idmaps="*"/></make>
    <make table="table_column" role="table_column"><rowmaker idmaps="*"/></make>
    <make table="interface" role="interface"><rowmaker idmaps="*"/></make>
    <make table="intf_param" role="intf_param"><rowmaker idmaps="*"/></make>
    <make table="relationship" role="relationship"><rowmaker idmaps="*"/></make>
    <make table="validation" role="validation"><rowmaker idmaps="*"/></make>
    <make table="res_date" role="res_date"><rowmaker idmaps="*"/></make>
    <make table="res_detail" role="res_detail"><rowmaker idmaps="*"/></make>
    <make table="alt_identifier" role="alt_identifier"><rowmaker idmaps="*"/></make>
    <make table="stc_spatial" role="stc_spatial">
      <rowmaker idmaps="*">
        <map key="coverage">pgsphere.SMoc.fromASCII(@coverage)</map>
      </rowmaker>
    </make>
    <make table="stc_temporal" role="stc_temporal"><rowmaker idmaps="*"/></make>
    <make table="stc_spectral" role="stc_spectral"><rowmaker idmaps="*"/></make>
  </data>
</resource>
