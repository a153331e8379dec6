using System.Text.Json;
using GisBridge.Algorithms.Regions;
using GisBridge.Protocol.V1;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Jobs;
using GisBridge.Server.Regions;
using GisBridge.Tests.Support;

namespace GisBridge.Server.Tests.Regions;

/// <summary>Issue 17 through the job: several sources, leave-one-source-out, calibration with its reliability
/// chart, and the "unknown" answer in the report and in predictions.</summary>
public sealed class ClassifyGeneralisationJobTests(ITestOutputHelper output) : IDisposable
{
    private readonly RegionsTestData _data = new();

    public void Dispose() => _data.Dispose();

    private (JobOutputs Outputs, Dictionary<string, string> Files) Run(ClassifyAnomaliesOptions options, params (string Name, string Path)[] files) =>
        _data.Run(new ClassifyAnomaliesJob(), options, output, files);

    [Fact]
    public void TrainsAcrossTheSharedFilesAndHoldsEachSourceOut()
    {
        string[] paths =
        [
            SharedData.Path("geochem", "Gale_2013_MOR_Sample_Data.csv"),
            SharedData.Path("geochem", "georoc", "KERGUELEN_PLATEAU.csv"),
            SharedData.Path("geochem", "georoc", "WALVIS_RIDGE.csv"),
            SharedData.Path("geochem", "georoc", "s_AMSTERDAM-ST_PAUL.csv"),
        ];
        var options = new ClassifyAnomaliesOptions { Mode = ClassifyMode.Train, Label = "dupal", UnknownRate = 0.05, SkipRegionCv = true, Trainer = "lightgbm" };
        options.Features.Add("delta_sr,eps_nd,la_sm"); // no Pb isotope
        var (trained, _) = Run(options, paths.Select(p => ("samples", p)).ToArray());
        using var report = JsonDocument.Parse(trained.Result.ReportJson);
        var root = report.RootElement;
        var loso = root.GetProperty("leave_one_source_out");
        var held = loso.GetProperty("per_fold").EnumerateArray().Select(f => f.GetProperty("held_out").GetString()!).ToArray();
        Assert.Equal(["Gale_2013_MOR_Sample_Data", "KERGUELEN_PLATEAU", "WALVIS_RIDGE", "s_AMSTERDAM-ST_PAUL"], held);
        int samples = loso.GetProperty("samples").GetInt32();
        var perSource = root.GetProperty("class_balance").GetProperty("per_source");
        Assert.Equal(samples, perSource.EnumerateObject().Sum(s => s.Value.EnumerateObject().Sum(c => c.Value.GetInt32())));
        Assert.Equal(samples, loso.GetProperty("per_fold").EnumerateArray().Sum(f => f.GetProperty("samples").GetInt32()));
        // In the file every Kerguelen plateau row with Pb isotopes has D8/4 > 40 (minimum 42.5, by pandas from
        // PB206_PB204 and PB208_PB204): that source holds a single class.
        Assert.Equal(0, perSource.GetProperty("KERGUELEN_PLATEAU").GetProperty("0").GetInt32());
        int unknown = loso.GetProperty("unknown").GetInt32();
        Assert.InRange(unknown, 1, samples - 1);
        Assert.Equal(samples - unknown, loso.GetProperty("without_unknown").GetProperty("samples").GetInt32());
        Assert.Contains("leave-one-source-out", trained.Result.Message);
        // Each scheme reports the calibration error of its own out-of-fold probabilities; blocked CV's is the one
        // the calibration section reports.
        Assert.True(loso.GetProperty("ece").GetDouble() is >= 0 and <= 1);
        Assert.Equal(root.GetProperty("calibration").GetProperty("ece").GetDouble(),
            root.GetProperty("cross_validation").GetProperty("ece").GetDouble());
    }

    [Fact]
    public void CalibratedModelDrawsItsReliabilityAndAnswersUnknown()
    {
        var options = new ClassifyAnomaliesOptions
        {
            Mode = ClassifyMode.Train, Label = "dupal", Folds = 3, Calibrate = true, UnknownRate = 0.05, Resampling = "smote",
            CompareBalancing = true, SkipRegionCv = true,
        };
        options.Features.Add("delta_sr,la_sm");
        var (trained, files) = Run(options, ("samples", _data.SamplesPath));
        Assert.True(new FileInfo(files["reliability_png"]).Length > 1000);
        Assert.Contains("<svg", File.ReadAllText(files["reliability_svg"]));
        using (var report = JsonDocument.Parse(trained.Result.ReportJson))
        {
            var root = report.RootElement;
            Assert.True(root.GetProperty("calibration").GetProperty("ece").GetDouble() is >= 0 and <= 1);
            Assert.Equal(["none", "class-weights", "random-under", "random-over", "smote"],
                root.GetProperty("balancing_comparison").EnumerateArray().Select(c => c.GetProperty("method").GetString()));
            Assert.Contains("smote", root.GetProperty("class_imbalance").GetString());
            var fitted = root.GetProperty("class_balance").GetProperty("fitted_counts_final_model");
            Assert.Equal(fitted.GetProperty("0").GetInt32(), fitted.GetProperty("1").GetInt32()); // SMOTE balanced the classes
        }
        // Samples far outside the training values are answered "unknown".
        var far = _data.PathOf("far.gpkg");
        var factory = new NetTopologySuite.Geometries.GeometryFactory(new NetTopologySuite.Geometries.PrecisionModel(), 4326);
        OgrVectorWriter.WriteGeoPackage(far, "samples", new VectorLayer("samples", "EPSG:4326",
            [new VectorField("delta_sr", VectorFieldType.Real), new VectorField("la_sm", VectorFieldType.Real)],
            [
                new VectorFeature(factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(90, -45)), new Dictionary<string, object?> { ["delta_sr"] = 41.0, ["la_sm"] = 1.5 }),
                new VectorFeature(factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(90, -45)), new Dictionary<string, object?> { ["delta_sr"] = 400.0, ["la_sm"] = 9.0 }),
            ]));
        var (predicted, outFiles) = Run(new ClassifyAnomaliesOptions { Mode = ClassifyMode.Predict }, ("model", files["model"]), ("samples", far));
        var rows = OgrVectorReader.Read(outFiles["samples"]).Features;
        Assert.Equal("1", rows[0].Attributes["answer"]?.ToString());
        Assert.Equal("unknown", rows[1].Attributes["answer"]);
        Assert.Contains("1 of them unknown", predicted.Result.Message);
    }

    [Fact]
    public void IsotonicCalibrationIsNamedInTheReportAndTheChart()
    {
        var options = new ClassifyAnomaliesOptions
        {
            Mode = ClassifyMode.Train, Label = "dupal", Folds = 3, CalibrationMethod = CalibrationMethod.Isotonic, SkipRegionCv = true,
        };
        options.Features.Add("delta_sr,la_sm");
        var (trained, files) = Run(options, ("samples", _data.SamplesPath));
        using (var report = JsonDocument.Parse(trained.Result.ReportJson))
        {
            var calibration = report.RootElement.GetProperty("calibration");
            Assert.Equal("isotonic", calibration.GetProperty("name").GetString());
            Assert.Contains("isotonic", calibration.GetProperty("method").GetString());
            Assert.True(calibration.GetProperty("ece").GetDouble() is >= 0 and <= 1);
            Assert.True(calibration.GetProperty("ece_raw").GetDouble() is >= 0 and <= 1);
        }
        Assert.Contains("isotonic-calibrated", File.ReadAllText(files["reliability_svg"]));
        var (predicted, _) = Run(new ClassifyAnomaliesOptions { Mode = ClassifyMode.Predict }, ("model", files["model"]), ("samples", _data.SamplesPath));
        using var predictReport = JsonDocument.Parse(predicted.Result.ReportJson);
        Assert.Equal("isotonic", predictReport.RootElement.GetProperty("calibration").GetString());
    }

    [Fact]
    public void CalibrateContradictingTheCalibrationMethodIsNamed()
    {
        var options = new ClassifyAnomaliesOptions { Mode = ClassifyMode.Train, Label = "dupal", Calibrate = true, CalibrationMethod = CalibrationMethod.Isotonic };
        options.Features.Add("delta_sr");
        var e = Assert.Throws<JobInputException>(() => Run(options, ("samples", _data.SamplesPath)));
        Assert.Contains("calibration_method", e.Message);
        Assert.Contains("isotonic contradicts calibrate", e.Message);
        Assert.Equal(ClassifierCalibration.Platt, ClassifyAnomaliesJob.Calibration(new ClassifyAnomaliesOptions { Calibrate = true }));
        Assert.Equal(ClassifierCalibration.None, ClassifyAnomaliesJob.Calibration(new ClassifyAnomaliesOptions()));
    }

    [Fact]
    public void BadBalancingOptionsAreNamed()
    {
        var options = new ClassifyAnomaliesOptions { Mode = ClassifyMode.Train, Label = "dupal", Resampling = "bootstrap" };
        options.Features.Add("delta_sr");
        Assert.Contains("'bootstrap'", Assert.Throws<JobInputException>(() => Run(options, ("samples", _data.SamplesPath))).Message);
        var rate = new ClassifyAnomaliesOptions { Mode = ClassifyMode.Train, Label = "dupal", UnknownRate = 0.7 };
        rate.Features.Add("delta_sr");
        Assert.Contains("unknown_rate", Assert.Throws<JobInputException>(() => Run(rate, ("samples", _data.SamplesPath))).Message);
    }
}
