"""gisbridge:principalcomponents -> Analysis.PrincipalComponents (PCA of CLR compositions or standardised ratios)."""
from qgis.core import (QgsProcessingParameterEnum, QgsProcessingParameterField, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterNumber, QgsProcessingParameterVectorDestination)

from ..client import protocol
from .sample_params import SamplesAlgorithm, add_samples, fields

TRANSFORMS = (("Centred log-ratios (compositions)", "clr"), ("Standardised (isotope ratios)", "standardise"))
FILES = (("CHART", "chart_png", "PCA chart (PNG)", "PNG files (*.png)"),
         ("CHART_SVG", "chart_svg", "PCA chart (SVG)", "SVG files (*.svg)"),
         ("LOADINGS", "loadings", "Loadings (CSV)", "CSV files (*.csv)"),
         ("CORRELATION", "correlation_png", "Correlation matrix of the fields (PNG)", "PNG files (*.png)"),
         ("CORRELATION_SVG", "correlation_svg", "Correlation matrix of the fields (SVG)", "SVG files (*.svg)"))


class PrincipalComponents(SamplesAlgorithm):
    ID = "principalcomponents"
    DISPLAY_NAME = "Principal components (CLR / standardised)"
    GROUP, GROUP_ID = "Analysis", "analysis"
    SERVICE, METHOD, REQUEST = "Analysis", "PrincipalComponents", "PrincipalComponentsRequest"
    CAPABILITY = "principal-components"
    HELP = ("<p>Principal component analysis of the chosen fields: compositions as centred log-ratios (Aitchison; "
            "samples need every part present and positive; default the eight major oxides) or ratios standardised "
            "to zero mean and unit variance (default 87Sr/86Sr, 143Nd/144Nd and the Pb isotope ratios).</p>"
            "<p><b>Outputs</b>: samples with the PC scores pc1..pcN (graduated on pc1, so PC1/PC2 can be mapped), "
            "loadings CSV, a chart of explained variance, loadings and scores, and the correlation matrix of the "
            "fields as a heatmap.</p>")

    def define(self):
        add_samples(self)
        self.addParameter(QgsProcessingParameterField("FIELDS", "Fields (empty = server default for the transform)",
                                                      parentLayerParameterName="INPUT", allowMultiple=True,
                                                      type=QgsProcessingParameterField.Numeric, optional=True))
        self.addParameter(QgsProcessingParameterEnum("TRANSFORM", "Transform", [t[0] for t in TRANSFORMS], defaultValue=0))
        self.addParameter(QgsProcessingParameterNumber("COMPONENTS", "Score fields written", QgsProcessingParameterNumber.Integer,
                                                       3, False, 1, 50))
        self.addParameter(QgsProcessingParameterField("GROUP_FIELD", "Colour the scores by (e.g. ridge)", None, "INPUT",
                                                      optional=True))
        self.addParameter(QgsProcessingParameterVectorDestination("OUTPUT", "Samples with PC scores"))
        for name, _role, label, kind in FILES:
            self.addParameter(QgsProcessingParameterFileDestination(name, label, kind, optional=True,
                                                                    createByDefault=name in ("CHART", "LOADINGS")))

    def options(self, parameters, context, feedback):
        o = protocol.gb("PrincipalComponentsOptions")()
        o.fields.extend(fields(self, parameters, "FIELDS", context))
        o.transform = TRANSFORMS[self.parameterAsEnum(parameters, "TRANSFORM", context)][1]
        o.components = self.parameterAsInt(parameters, "COMPONENTS", context)
        o.group_field = self.parameterAsString(parameters, "GROUP_FIELD", context)
        return o

    def destination(self, kind, header, index, parameters, context):
        return self.received_path(header) if kind == "file" and index == 0 else None

    def results(self, outcome, parameters, context, feedback):
        samples = self.vector_result(outcome, "samples", parameters, "OUTPUT", context)
        self.load_styled(samples, context, "graduated", "pc1")
        results = {"OUTPUT": samples}
        for name, role, _label, _kind in FILES:
            path = self.file_result(outcome, role, parameters, name, context)
            if path:
                results[name] = path
        return results
