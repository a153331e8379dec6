"""gisbridge:anomalyindices -> Geochemistry.AnomalyIndices (geochemical table in, indexed sample points out)."""
from qgis.core import (QgsProcessingParameterBoolean, QgsProcessingParameterEnum, QgsProcessingParameterFile,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterNumber,
                       QgsProcessingParameterString, QgsProcessingParameterVectorDestination, QgsProcessingException)

from ..client import protocol
from ..client.files import file_items
from .base import GisBridgeAlgorithm

FORMATS = (("Detect", "TABLE_FORMAT_AUTO"), ("GEOROC precompiled", "TABLE_FORMAT_GEOROC"),
           ("EarthChem / PetDB", "TABLE_FORMAT_PETDB"), ("Gale et al. 2013 compilation", "TABLE_FORMAT_GALE"),
           ("Other CSV (use the column mapping)", "TABLE_FORMAT_CSV"))
BELOW_DETECTION = (("Treat as missing", "BELOW_DETECTION_MISSING"), ("Half the detection limit", "BELOW_DETECTION_HALF_LIMIT"))
NA8 = (("Klein & Langmuir 1987", "NA8_METHOD_KLEIN_LANGMUIR_1987"), ("Gale et al. 2014", "NA8_METHOD_GALE_2014"),
       ("Castillo 2000", "NA8_METHOD_CASTILLO_2000"))


MERGE_RULES = (("Mean of the rows' values", "mean"),
               ("Method priority (isotopes: latest publication; majors: glass first; source row recorded)", "priority"))

class AnomalyIndices(GisBridgeAlgorithm):
    ID = "anomalyindices"
    DISPLAY_NAME = "Geochemical anomaly indices"
    GROUP, GROUP_ID = "Geochemistry", "geochemistry"
    SERVICE, METHOD, REQUEST = "Geochemistry", "AnomalyIndices", "AnomalyIndicesRequest"
    CAPABILITY = "anomaly-indices"
    HELP = ("<p>Reads a basalt geochemistry table (GEOROC precompiled files, EarthChem/PetDB exports, the Gale et al. "
            "2013 ridge compilation, or any CSV with a column mapping) and computes isotope anomaly indices "
            "(Hart's Dupal Δ7/4 and Δ8/4, ...) and fractionation-corrected major elements (Na8, Fe8, Mg#).</p>"
            "<p><b>Column mapping</b>: 'source header=canonical name' pairs separated by ';', e.g. "
            "<code>207Pb/206Pb=pb207_pb204</code> for the mislabelled Gale column.</p>"
            "<p><b>Outputs</b>: sample points (EPSG:4326) graduated by Δ8/4, optional CSV table; the import report "
            "(rows read, dropped and why) is written to the log.</p>")

    def define(self):
        self.addParameter(QgsProcessingParameterFile("INPUT", "Geochemistry table (CSV)", extension="csv"))
        self.addParameter(QgsProcessingParameterEnum("FORMAT", "Table format", [f[0] for f in FORMATS], defaultValue=0))
        self.addParameter(QgsProcessingParameterString("COLUMN_MAPPING", "Column mapping (source=canonical;...)",
                                                       optional=True))
        self.addParameter(QgsProcessingParameterEnum("BELOW_DETECTION", "Below-detection values",
                                                     [b[0] for b in BELOW_DETECTION], defaultValue=0))
        self.addParameter(QgsProcessingParameterEnum("NA8_METHOD", "Na8 correction", [n[0] for n in NA8], defaultValue=0))
        for name, label in (("NA8_SLOPE", "Na8 slope (Gale 2014; empty = -0.32)"),
                            ("FE3_FRACTION", "Fe3+/total Fe for Mg# (empty = 0.15)"),
                            ("DUPAL_THRESHOLD", "Dupal threshold on Δ8/4 (empty = 40)")):
            self.addParameter(QgsProcessingParameterNumber(name, label, QgsProcessingParameterNumber.Double,
                                                           optional=True))
        self.addParameter(QgsProcessingParameterBoolean("MERGE_SAMPLES", "Merge rows of one sample", False))
        self.addParameter(QgsProcessingParameterEnum("MERGE_RULE", "Merge rule", [m[0] for m in MERGE_RULES], defaultValue=0))
        self.addParameter(QgsProcessingParameterVectorDestination("OUTPUT", "Samples with indices"))
        self.addParameter(QgsProcessingParameterFileDestination("OUTPUT_TABLE", "Table (CSV)", "CSV files (*.csv)",
                                                                optional=True, createByDefault=False))

    def options(self, parameters, context, feedback):
        o = protocol.gb("AnomalyIndicesOptions")()
        o.format = protocol.enum_value("gisbridge.v1.TableFormat", FORMATS[self.parameterAsEnum(parameters, "FORMAT", context)][1])
        o.below_detection = protocol.enum_value(
            "gisbridge.v1.BelowDetectionPolicy", BELOW_DETECTION[self.parameterAsEnum(parameters, "BELOW_DETECTION", context)][1])
        o.na8_method = protocol.enum_value("gisbridge.v1.Na8Method", NA8[self.parameterAsEnum(parameters, "NA8_METHOD", context)][1])
        for name, field in (("NA8_SLOPE", "na8_slope"), ("FE3_FRACTION", "fe3_fraction"),
                            ("DUPAL_THRESHOLD", "dupal_d84_threshold")):
            if parameters.get(name) not in (None, ""):
                setattr(o, field, self.parameterAsDouble(parameters, name, context))
        for pair in filter(None, (p.strip() for p in self.parameterAsString(parameters, "COLUMN_MAPPING", context).split(";"))):
            source, sep, canonical = pair.rpartition("=")
            if not sep or not source.strip() or not canonical.strip():
                raise QgsProcessingException("COLUMN_MAPPING: '{}' is not 'source header=canonical name'".format(pair))
            o.column_mapping[source.strip()] = canonical.strip()
        o.merge_samples = self.parameterAsBool(parameters, "MERGE_SAMPLES", context)
        o.merge_rule = MERGE_RULES[self.parameterAsEnum(parameters, "MERGE_RULE", context)][1]
        o.want_csv = bool(parameters.get("OUTPUT_TABLE"))
        return o

    def inputs(self, parameters, context, feedback):
        return file_items(self.parameterAsFile(parameters, "INPUT", context), "table", local=self.local_paths)

    def destination(self, kind, header, index, parameters, context):
        return self.received_path(header) if kind == "file" and index == 0 else None

    def results(self, outcome, parameters, context, feedback):
        samples = self.vector_result(outcome, "samples", parameters, "OUTPUT", context)
        self.load_styled(samples, context, "graduated", "delta_8_4")
        results = {"OUTPUT": samples}
        table = self.file_result(outcome, "table", parameters, "OUTPUT_TABLE", context)
        if table:
            results["OUTPUT_TABLE"] = table
        return results
