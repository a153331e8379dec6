using GisBridge.Algorithms.Geochemistry;

namespace GisBridge.Algorithms.Tests.Geochemistry;

public class TableFormatDetectorTests
{
    [Fact]
    public void GeorocOldSpellings_AreGeoroc() => Assert.Equal(TableFormat.Georoc,
        TableFormatDetector.Detect(["CITATIONS", "LATITUDE MIN", "LATITUDE MAX", "LONGITUDE MIN", "SIO2(WT%)", "MGO(WT%)", "LA(PPM)", "SR87_SR86", ""]));

    [Fact]
    public void GeorocNewSpellings_AreGeoroc() => Assert.Equal(TableFormat.Georoc,
        TableFormatDetector.Detect(["LATITUDE (MIN.)", "LONGITUDE (MIN.)", "SIO2(WT%)", "LA(PPM): altern. values or methods"]));

    [Fact]
    public void PetdbPortalHeader_IsPetdb() => Assert.Equal(TableFormat.Petdb,
        TableFormatDetector.Detect(["SAMPLE ID", "LATITUDE", "LONGITUDE", "SIO2", "TIO2", "FEOT", "MGO", "LA"]));

    [Fact]
    public void GaleStyleHeader_IsGale() => Assert.Equal(TableFormat.Gale,
        TableFormatDetector.Detect(["Province", "Sample", "Latitude", "Longitude", "SiO2", "TiO2", "MgO", "87Sr/86Sr"]));

    [Fact]
    public void OtherHeaders_AreGenericCsv() => Assert.Equal(TableFormat.Csv,
        TableFormatDetector.Detect(["id", "lat", "lon", "mgo", "na2o"]));
}
