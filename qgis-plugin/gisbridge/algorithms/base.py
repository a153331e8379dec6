"""Shared run logic: connect (starting the server if needed), stream inputs, write outputs, style loaded layers."""
import json
import os
import shutil
import tempfile

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException, QgsProcessingUtils

from .. import help as help_pages, provider_settings, report, runtime, styles
from ..client import protocol
from ..client.channel import ServerError
from ..client.files import copy_vector
from ..client.jobs import JobCancelled, run_job
from ..client.rasters import raster_items
from ..client.server_process import resolve_command


class GisBridgeAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set the class attributes and implement define(), options(), inputs(); outputs via routes."""

    ID = ""
    DISPLAY_NAME = ""
    GROUP = ""
    GROUP_ID = ""
    SERVICE = ""
    METHOD = ""
    REQUEST = ""
    CAPABILITY = ""
    HELP = ""

    def name(self):
        return self.ID

    def displayName(self):
        return self.DISPLAY_NAME

    def group(self):
        return self.GROUP

    def groupId(self):
        return self.GROUP_ID

    def shortHelpString(self):
        return self.HELP + "<p>Runs on the GisBridge server (capability <i>{}</i>, RPC {}.{}).</p>".format(
            self.CAPABILITY, self.SERVICE, self.METHOD)

    def helpUrl(self):  # noqa: N802 (QGIS API name): the dialog's Help button
        try:
            return help_pages.help_url(self)
        except OSError:
            return ""  # no writable profile: the dialog keeps its side-panel help

    def createInstance(self):
        return self.__class__()

    def initAlgorithm(self, config=None):
        self.define()
        for parameter in self.parameterDefinitions():
            show_decimals_of_default(parameter)

    def canExecute(self):
        """Cheap static check; starting and version checking happen when the algorithm runs."""
        if not os.path.isfile(protocol.DESCRIPTOR_PATH):
            return False, ("GisBridge protocol descriptors are missing ({}): run qgis-plugin/tools/"
                           "build_descriptors.sh or reinstall the plugin".format(protocol.DESCRIPTOR_PATH))
        current = runtime.manager()
        config = current.settings()
        if config.address:
            return True, ""
        try:
            resolve_command(config)
        except ServerError as e:
            return False, str(e)
        return True, ""

    # --- to implement -------------------------------------------------------------------------------------
    def define(self):
        raise NotImplementedError

    def options(self, parameters, context, feedback):
        """The options message of the RPC."""
        raise NotImplementedError

    def inputs(self, parameters, context, feedback):
        """Iterable of JobData items to stream."""
        return []

    def destination(self, kind, header, index, parameters, context):
        """Path for one output (kind 'raster'/'file', header with .name); None discards it."""
        return None

    def results(self, outcome, parameters, context, feedback):
        """The algorithm's result dictionary; also where loaded layers get their styles."""
        return {}

    # --- shared run ---------------------------------------------------------------------------------------
    local_paths = False  # set per run: pass file paths to a server on this machine instead of streaming

    def processAlgorithm(self, parameters, context, feedback):
        manager = runtime.manager()
        try:
            connection = manager.connection()
        except ServerError as e:
            raise QgsProcessingException(str(e))
        try:
            info = manager.info
            provider_settings.show(info)
            if self.CAPABILITY and self.CAPABILITY not in list(info.capabilities):
                raise QgsProcessingException(
                    "the GisBridge server {} at {} does not offer '{}' (it offers: {}); update the server".format(
                        info.server_version, connection.address, self.CAPABILITY,
                        ", ".join(info.capabilities) or "nothing"))
            self.local_paths = manager.settings().local_paths and is_loopback(connection.address)
            try:
                outcome = self._run(connection, parameters, context, feedback)
            except ServerError as e:
                if not (self.local_paths and "local_path" in str(e)):
                    raise
                feedback.pushInfo("the server does not read local paths ({}); streaming the data instead".format(e))
                self.local_paths = False
                outcome = self._run(connection, parameters, context, feedback)
        except JobCancelled:
            feedback.reportError("GisBridge job cancelled; the server stopped it")
            raise QgsProcessingException("cancelled by the user")
        except (ServerError, ValueError) as e:
            raise QgsProcessingException(str(e))
        finally:
            connection.close()
        result = outcome.result
        if result.message:
            feedback.pushInfo(result.message)
        for warning in result.warnings:
            feedback.pushWarning(warning) if hasattr(feedback, "pushWarning") else feedback.reportError(warning)
        values = self.results(outcome, parameters, context, feedback)
        if result.report_json:
            self._report(result, values, context, feedback)
        feedback.setProgress(100)
        return values

    def _report(self, result, values, context, feedback):
        """A short summary in the log; the full report as JSON and Markdown beside the first output."""
        try:
            for line in report.summary_lines(json.loads(result.report_json)):
                feedback.pushInfo(line)
        except (ValueError, AttributeError):
            return  # not a JSON object: nothing readable to show
        outputs = [v for v in values.values() if isinstance(v, str) and os.path.exists(v)]
        folder = os.path.dirname(os.path.abspath(outputs[0])) if outputs else QgsProcessingUtils.tempFolder()
        stem = (os.path.splitext(os.path.basename(outputs[0]))[0] + "_" if outputs else "") + self.ID + "_report"
        json_path, md_path = report.write_files(folder, stem, self.DISPLAY_NAME, result)
        feedback.pushInfo("full report: {} (and {})".format(md_path, json_path))

    def _run(self, connection, parameters, context, feedback):
        options = self.options(parameters, context, feedback)
        inputs = self.inputs(parameters, context, feedback)
        return run_job(connection, self.SERVICE, self.METHOD, self.REQUEST, options, inputs,
                       lambda kind, header, index: self.destination(kind, header, index, parameters, context),
                       feedback)

    # --- helpers for subclasses ---------------------------------------------------------------------------
    def raster_source(self, parameters, name, context):
        """A GDAL-readable path for a raster layer parameter (non-GDAL layers are written to a temp GeoTIFF)."""
        layer = self.parameterAsRasterLayer(parameters, name, context)
        if layer is None:
            raise QgsProcessingException("{}: no raster layer given".format(name))
        if layer.providerType() == "gdal":
            return layer.source(), layer
        return _export_raster(layer), layer

    def raster_input(self, parameters, name, context, role, band=None):
        """JobData items of a raster parameter, sent with the QGIS layer's CRS: the CRS the user sees (or set in
        Layer Properties) is the one the server uses, whatever the file says or lacks."""
        path, layer = self.raster_source(parameters, name, context)
        crs = layer_crs_wkt(layer.crs())
        for item in raster_items(path, role, band, local=self.local_paths):
            if crs and item.WhichOneof("item") == "raster_header":
                item.raster_header.crs_wkt = crs
            yield item

    def vector_source(self, parameters, name, context, feedback):
        """A GeoPackage/CSV path for a vector parameter, converting other sources (selection, shapefile...); the
        file carries the QGIS layer's CRS (assigned, not reprojected, where the file says another or none)."""
        path, layer_name = self.parameterAsCompatibleSourceLayerPathAndLayerName(
            parameters, name, context, ["gpkg"], "gpkg", feedback)
        source = self.parameterAsSource(parameters, name, context)
        crs = layer_crs_wkt(source.sourceCrs()) if source is not None else ""
        if (layer_name and _layer_count(path) > 1) or (crs and not _file_crs_matches(path, layer_name, crs)):
            from osgeo import gdal
            single = os.path.join(tempfile.mkdtemp(prefix="gisbridge-"), (layer_name or "layer") + ".gpkg")
            options = {"layers": [layer_name]} if layer_name else {}
            if crs:
                options.update(dstSRS=crs, reproject=False)
            gdal.VectorTranslate(single, path, **options)
            return single
        return path

    def received_path(self, header):
        """A private temporary path for a received file (moved to its destination in results())."""
        if getattr(self, "_received_dir", None) is None:
            self._received_dir = tempfile.mkdtemp(prefix="gisbridge-", dir=QgsProcessingUtils.tempFolder())
        return safe_join(self._received_dir, header.file_name or header.name)

    def vector_result(self, outcome, role, parameters, name, context):
        """Moves the received GeoPackage of a role to the vector destination NAME (converted if needed)."""
        source = outcome.file(role)
        if not source or not parameters.get(name):
            return None
        return copy_vector(source, self.parameterAsOutputLayer(parameters, name, context))

    def file_result(self, outcome, role, parameters, name, context):
        """Moves the received file of a role to the file destination NAME."""
        source = outcome.file(role)
        if not source or not parameters.get(name):
            return None
        target = self.parameterAsFileOutput(parameters, name, context)
        os.makedirs(os.path.dirname(os.path.abspath(target)), exist_ok=True)
        shutil.move(source, target)
        return target

    def load_styled(self, path, context, style_name, *style_args, name=None):
        """Attaches a style (styles.py function name) to an output the user asked to load; name (what the layer
        shows, with its units) replaces the output's generic name in the Layers panel. QGIS applies it when it
        loads the layer (before the style), unless the user prefers file names as layer names."""
        if path and context.willLoadLayerOnCompletion(path):
            details = context.layerToLoadOnCompletionDetails(path)
            if name:
                details.name = name
            details.setPostProcessor(styles.post_processor(style_name, *style_args))

    def input_units(self, parameters, name, context, band=0):
        """The units of a raster parameter as its file states them (GDAL unit type, netCDF 'units'), "" if none."""
        try:
            path, _layer = self.raster_source(parameters, name, context)
        except QgsProcessingException:
            return ""
        return raster_units(path, band)


def is_loopback(address):
    host = address.rsplit(":", 1)[0].strip("[]")
    return host in ("127.0.0.1", "localhost", "::1")


def safe_join(folder, relative):
    """folder/relative for a server-given file name, refusing absolute names and '..' escapes."""
    relative = relative.replace("\\", "/")
    path = os.path.normpath(os.path.join(folder, relative))
    if os.path.isabs(relative) or not path.startswith(os.path.normpath(folder) + os.sep):
        raise ValueError("the server sent an unsafe file name '{}'".format(relative))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def _export_raster(layer):
    from qgis.core import QgsRasterFileWriter, QgsRasterPipe
    path = os.path.join(tempfile.mkdtemp(prefix="gisbridge-"), "input.tif")
    writer = QgsRasterFileWriter(path)
    pipe = QgsRasterPipe()
    provider = layer.dataProvider()
    if not pipe.set(provider.clone()):
        raise QgsProcessingException("cannot read raster layer '{}'".format(layer.name()))
    error = writer.writeRaster(pipe, provider.xSize(), provider.ySize(), provider.extent(), provider.crs())
    if error != QgsRasterFileWriter.NoError:
        raise QgsProcessingException("cannot export raster layer '{}' for streaming (error {})".format(layer.name(), error))
    return path


def raster_units(path, band=0):
    """Units of a band: GDAL's unit type, else the netCDF variable's 'units' attribute; "" when the file says none."""
    from osgeo import gdal
    dataset = gdal.Open(path.split("|")[0])
    if dataset is None or band >= dataset.RasterCount:
        return ""
    raster_band = dataset.GetRasterBand(band + 1)
    units = raster_band.GetUnitType() or ""
    if not units:
        metadata = raster_band.GetMetadata() or {}
        units = metadata.get("units") or next((v for k, v in metadata.items() if k.endswith("#units")), "")
    return units.strip()


def with_units(label, units):
    """'Residual field (mGal)'; the label alone when the units are unknown."""
    return "{} ({})".format(label, units) if units else label


def layer_crs_wkt(crs):
    """WKT of a QGIS CRS, "" when it is not set (the server then decides, see src/Server/Jobs/InputCrs.cs)."""
    from qgis.core import QgsCoordinateReferenceSystem
    if crs is None or not crs.isValid():
        return ""
    return crs.toWkt(QgsCoordinateReferenceSystem.WKT_PREFERRED_GDAL)


def _file_crs_matches(path, layer_name, wkt):
    """True when the vector file's (layer's) CRS is the same as wkt; CSV tables (no geometry) always match."""
    from osgeo import ogr, osr
    ds = ogr.Open(path)
    if ds is None:
        return True
    layer = ds.GetLayerByName(layer_name) if layer_name else ds.GetLayer(0)
    if layer is None or layer.GetGeomType() == ogr.wkbNone:
        return True
    file_srs = layer.GetSpatialRef()
    wanted = osr.SpatialReference()
    wanted.ImportFromWkt(wkt)
    return file_srs is not None and bool(file_srs.IsSame(wanted))


def _layer_count(path):
    from osgeo import ogr
    ds = ogr.Open(path)
    return ds.GetLayerCount() if ds is not None else 0


def show_decimals_of_default(parameter):
    """A decimal number field shows as many decimals as its default needs (at least one): "300.0", "0.25", not
    QGIS's "300.000000". A precision the algorithm set itself is kept."""
    from qgis.core import QgsProcessingParameterNumber
    if not isinstance(parameter, QgsProcessingParameterNumber) or parameter.dataType() != QgsProcessingParameterNumber.Double:
        return
    metadata = parameter.metadata()
    wrapper = metadata.get("widget_wrapper") or {}
    if "decimals" in wrapper:
        return
    text = "{:.6f}".format(float(parameter.defaultValue() or 0)).rstrip("0")
    wrapper["decimals"] = max(1, len(text.split(".")[1]))
    metadata["widget_wrapper"] = wrapper
    parameter.setMetadata(metadata)
