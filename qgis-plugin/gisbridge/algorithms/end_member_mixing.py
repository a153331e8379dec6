"""gisbridge:endmembermixing -> Analysis.EndMemberMixing (mantle end-member proportions of each sample)."""
from qgis.core import QgsProcessingParameterEnum, QgsProcessingParameterNumber, QgsProcessingParameterVectorDestination

from ..client import protocol
from .sample_params import SamplesAlgorithm, add_samples

END_MEMBERS = ("DMM", "EM1", "EM2", "HIMU", "FOZO")


class EndMemberMixing(SamplesAlgorithm):
    ID = "endmembermixing"
    DISPLAY_NAME = "Mantle end-member proportions"
    GROUP, GROUP_ID = "Analysis", "analysis"
    SERVICE, METHOD, REQUEST = "Analysis", "EndMemberMixing", "EndMemberMixingRequest"
    CAPABILITY = "end-member-mixing"
    HELP = ("<p>Least-squares mixture of the mantle end-members (DMM of Workman and Hart 2005; EM1, EM2, HIMU of "
            "Zindler and Hart 1986; FOZO of Stracke et al. 2005; those four are representative points of their "
            "fields, flagged in the report, not tabulated values) on the Sr-Nd-Pb isotope ratios each sample has: "
            "proportions of at least 0 summing to 1, and the misfit (root mean square of the ratio residuals, each "
            "scaled by the spread of that ratio among the end-members). A ratio is mixed weighted by its element's "
            "concentration when every end-member gives one, otherwise linearly; the built-in table gives "
            "concentrations for DMM only, so its mixing is linear (the report states the mode of each ratio and "
            "the citation of every number).</p><p><b>Outputs</b>: samples with em_dmm, em_em1, ... proportions, "
            "em_misfit, em_ratios_used and dominant_em, styled by the dominant end-member; the report (JSON and Markdown beside the samples).</p>")

    def define(self):
        add_samples(self)
        self.addParameter(QgsProcessingParameterEnum("END_MEMBERS", "End-members (empty = all five)", list(END_MEMBERS),
                                                     allowMultiple=True, optional=True))
        self.addParameter(QgsProcessingParameterNumber("MIN_RATIOS", "Ratios a sample needs", QgsProcessingParameterNumber.Integer,
                                                       3, False, 2, 5))
        self.addParameter(QgsProcessingParameterVectorDestination("OUTPUT", "Samples with end-member proportions"))

    def options(self, parameters, context, feedback):
        o = protocol.gb("EndMemberMixingOptions")()
        if parameters.get("END_MEMBERS") not in (None, "", []):  # QGIS answers [0] for an unset optional list
            o.end_members.extend(END_MEMBERS[i] for i in self.parameterAsEnums(parameters, "END_MEMBERS", context))
        o.min_ratios = self.parameterAsInt(parameters, "MIN_RATIOS", context)
        return o

    def results(self, outcome, parameters, context, feedback):
        samples = self.vector_result(outcome, "samples", parameters, "OUTPUT", context)
        self.load_styled(samples, context, "end_members", "dominant_em")
        return {"OUTPUT": samples}
