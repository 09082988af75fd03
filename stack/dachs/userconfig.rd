<!-- The site configuration RD of the jupyter-escape local VO stack, installed as
	/var/gavo/etc/userconfig.rd by stack/dachs/up.sh. Based on DaCHS's own //userconfig; the
	TAP examples and the sitewide SIA2 test query are ours. -->
<resource schema="__system">


<!-- ================================ Obscore ===================== -->

	<STREAM id="obscore-extraevents">
		<doc><![CDATA[
			Write extra events to mix into obscore-published tables.  This
			will almost always be just additions to the obscore clause of
			looking roughly like::
				
				<property name="obscoreClause" cumulate="True">
					,
					CAST(\\\\plutoLong AS real) AS pluto_long,
					CAST(\\\\plutoLat AS real) AS pluto_lat
				</property>

			See also `Extending Obscore`_ in the reference manual.
		]]></doc>
	</STREAM>

	<STREAM id="obscore-extrapars">
		<doc><![CDATA[
			For each macro you reference in obscore-extraevents, add a
			mixinPar here, like:

				<mixinPar key="plutoLong">NULL</mixinPar>
			
			Note that all mixinPars here must have default (i.e., there must
			be some content in the element suitable as an SQL expression
			of the appropriate type).  If you fail to give one, the creation
			of the empty prototype obscore table will fail with fairly obscure
			error messages.
		]]></doc>
	</STREAM>

	<STREAM id="obscore-extracolumns">
		<doc>
			Add column definitions for obscore here.  See `Extending Obscore`_ for
			details.
		</doc>
	</STREAM>

	<rowmaker id="_test-rmk">
		<!-- test instrumentation -->
		<map key="foo">@bar</map>
	</rowmaker>


<!-- ================================ Registry Interface ============ -->

	<STREAM id="registry-interfacerecords">
		<doc>
			These are services and registry records for the registry interface
			of this service.

			Even if together with defaultmeta, this will just work, keep 
			these elements in your etc/userconfig.rd.

			The metaString macros in here generally point into defaultmeta.
			Replace them with whatever actual text applies to your site;  we
			will work to do away with defaultmeta.txt.
		</doc>

		<resRec id="authority">
			<meta>
				resType: authority
				creationDate: \metaString{authority.creationDate}
				title: \\metaString{authority.title}{UNCONFIGURED}
				shortName: \\metaString{authority.shortName}
				subject: Authority
				managingOrg: \\metaString{publisher}
				referenceURL: \\metaString{authority.referenceURL}{UNCONFIGURED}
				identifier: ivo://\getConfig{ivoa}{authority}
				sets: ivo_managed
			</meta>
			<meta name="description">
				\\metaString{authority.description}{UNCONFIGURED}
			</meta>
		</resRec>

		<service id="registry" allowed="pubreg.xml">
			<registryCore/>
			<publish render="pubreg.xml" sets="ivo_managed">
				<meta name="accessURL"
					>\getConfig{web}{serverURL}\getConfig{web}{nevowRoot}oai.xml</meta>
			</publish>
			<meta name="resType">registry</meta>
			<meta name="title">\getConfig{web}{sitename} Registry</meta>
			<meta name="creationDate">\metaString{authority.creationDate}</meta>
			<meta name="description">
				The publishing registry for the \getConfig{web}{sitename}.
			</meta>
			<meta name="subject">virtual-observatories</meta>
			<meta name="shortName">\\metaString{authority.shortName} RG</meta>
			<meta name="content.type">Archive</meta>
			<meta name="rights">public</meta>
			<meta name="harvest.description">The harvesting interface for 
				the publishing registry of the \getConfig{web}{sitename}</meta>
			<meta name="maxRecords">10000</meta>
			<meta name="managedAuthority">\getConfig{ivoa}{authority}</meta>
			<meta name="publisher">The staff at the \getConfig{web}{sitename}</meta>
		</service>
	</STREAM>

<!-- ============================= TAP ========================== -->

	<STREAM id="tapexamples">
		<doc>Examples for TAP querying (shown by TAP clients at /tap/examples)</doc>

		<meta name="_example" title="Cone search in the Lockman Hole">
			Sources within 0.2 degrees of the centre of the LOFAR Lockman Hole
			deep field from :taptable:`esc_demo.main`:

			.. tapquery::

				SELECT source_id, name, ra, dec, mag_r, redshift, flux_144mhz
				FROM esc_demo.main
				WHERE 1=CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 161.75, 58.08, 0.2))
		</meta>

		<meta name="_example" title="Radio-detected galaxies per field">
			Count the sources with a LOFAR 144 MHz detection in each deep field
			of :taptable:`esc_demo.main`:

			.. tapquery::

				SELECT field, COUNT(*) AS n_radio, AVG(redshift) AS mean_z
				FROM esc_demo.main
				WHERE flux_144mhz IS NOT NULL
				GROUP BY field
				ORDER BY n_radio DESC
		</meta>

		<meta name="_example" title="Bright high-redshift quasars">
			Quasars brighter than r=21 beyond redshift 2 in :taptable:`esc_demo.main`:

			.. tapquery::

				SELECT name, ra, dec, mag_r, redshift
				FROM esc_demo.main
				WHERE obj_class = 'qso' AND redshift > 2 AND mag_r &lt; 21
				ORDER BY redshift DESC
		</meta>

		<meta name="_example" title="Images in ObsCore overlapping the HUDF">
			Images from :taptable:`ivoa.obscore` whose footprint contains the
			Hubble Ultra Deep Field centre, with their DataLink-enabled IDs:

			.. tapquery::

				SELECT obs_publisher_did, obs_collection, instrument_name, s_ra, s_dec,
				  em_min, em_max, access_url
				FROM ivoa.obscore
				WHERE dataproduct_type = 'image'
				  AND 1=CONTAINS(POINT('ICRS', 53.1625, -27.7914), s_region)
		</meta>

		<meta name="_example" title="Spectra of galaxies at z > 1">
			SSA spectra in :taptable:`esc_spec.main` with their targets and redshifts:

			.. tapquery::

				SELECT ssa_targname, ssa_redshift, ssa_specstart, ssa_specend, accref
				FROM esc_spec.main
				WHERE ssa_redshift > 1
		</meta>

		<meta name="_example" title="Benchmark table: a million rows">
			Aggregate over the one-million-row benchmark table :taptable:`esc_bench.big`:

			.. tapquery::

				SELECT COUNT(*) AS n, AVG(mag) AS mean_mag, MAX(flux) AS max_flux
				FROM esc_bench.big
		</meta>

		<meta name="_example" title="Registry: TAP services with ObsCore">
			Find services in the local RegTAP registry (:taptable:`rr.resource`)
			that declare the ObsCore data model:

			.. tapquery::

				SELECT ivoid, res_title, access_url
				FROM rr.resource
				NATURAL JOIN rr.capability
				NATURAL JOIN rr.interface
				NATURAL JOIN rr.res_detail
				WHERE detail_xpath = '/capability/dataModel/@ivo-id'
				  AND 1 = ivo_nocasematch(detail_value, 'ivo://ivoa.net/std/obscore%')
		</meta>
	</STREAM>

	
	<NXSTREAM id="tapdescription">
		<meta name="description">The \\getConfig{web}{sitename}'s TAP end point.  
			The Table Access Protocol (TAP) lets you execute queries against our
			database tables, inspect various metadata, and upload your own
			data.  It is thus the VO's premier way to access public data
			holdings.

			Tables exposed through this endpoint include: \\tablesForTAP.
		</meta>
	</NXSTREAM>

	<NXSTREAM id="sitewidesiap2-extras">
		<!-- put any items you want to appear in the //siap2#sitewide
		service definition (in particular, metadata) here; it'd be nice if
		you changed the creationDate, at least, as that might aid
		in debugging. 
		
		You should also add 
		testQuery.pos.ra, testQuery.pos.dec,
		testQuery.size.ra, testQuery.size.dec meta item to  describe a field
		that is guaranteed to return at least one result.
		-->
		<meta name="description">
			The \\getConfig{web}{sitename}'s sitewide SIAP version 2 service 
			publishes all the images published through the site.  For more
			advanced queries including uploads, all this data is also available
			through ObsTAP.
		</meta>
		<meta name="creationDate">2016-08-05T12:40:00</meta>
		<meta name="subject">virtual-observatories</meta>
		<meta name="shortName">\\metaString{authority.shortName} SIA2</meta>
		<meta name="title">\getConfig{web}{sitename} SIAP Version 2 Service</meta>
		<meta name="sia.type">Pointed</meta>
		<meta name="testQuery.pos.ra">161.75</meta>
		<meta name="testQuery.pos.dec">58.08</meta>
		<meta name="testQuery.size.ra">0.1</meta>
		<meta name="testQuery.size.dec">0.1</meta>
	</NXSTREAM>
</resource>
