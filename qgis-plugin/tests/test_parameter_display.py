"""How the dialogs show decimal parameters: with the decimals their default needs, never QGIS's six."""


def test_every_decimal_field_shows_its_default_exactly_with_few_decimals(provider):
    from qgis.core import QgsProcessingParameterNumber
    checked = 0
    for algorithm in provider.algorithms():
        for parameter in algorithm.parameterDefinitions():
            if not isinstance(parameter, QgsProcessingParameterNumber) or parameter.dataType() != QgsProcessingParameterNumber.Double:
                continue
            decimals = (parameter.metadata().get("widget_wrapper") or {}).get("decimals")
            assert decimals is not None and 1 <= decimals <= 6, (algorithm.id(), parameter.name(), decimals)
            default = float(parameter.defaultValue() or 0)
            assert abs(round(default, decimals) - default) <= 1e-12 * max(1.0, abs(default)), (algorithm.id(), parameter.name())
            checked += 1
    assert checked >= 20  # the dialogs' decimal fields: heights, cut-offs, pads, offsets, rates
