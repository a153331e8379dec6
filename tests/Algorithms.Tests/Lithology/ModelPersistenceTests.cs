using GisBridge.Algorithms.Lithology.Data;
using GisBridge.Algorithms.Lithology.Network;
using GisBridge.Algorithms.Lithology.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Tests.Lithology;

public class ModelPersistenceTests
{
    internal static ModelCard TinyCard(string arch = "ggmnet", int channels = 2) => new()
    {
        Arch = arch,
        Config = NetworkConfig.Tiny,
        InChannels = channels,
        Classes = [new(0, "Granite", "#d04040"), new(1, "Basalt", "#406080"), new(2, "Shale", "#808060")],
        Normalization = new ChannelNormalization(Enumerable.Repeat(1f, channels).ToArray(), Enumerable.Repeat(2f, channels).ToArray()),
        DatasetHash = "abc",
        Metrics = new() { ["val.fwiou"] = 0.5, ["test.mpa"] = double.NaN },
    };

    [Theory]
    [InlineData("ggmnet")]
    [InlineData("unet")]
    public void SaveLoadRoundTripIsBitExact(string arch)
    {
        using var scope = NewDisposeScope();
        var card = TinyCard(arch);
        using var model = LithologyModel.Create(card, seed: 11);
        // Train mode for one step so that BN running statistics differ from their initial values.
        model.Network.train();
        model.Network.forward(randn(2, 2, 32, 32));
        model.Network.eval();
        var weights = new MemoryStream();
        model.SaveWeights(weights);
        weights.Position = 0;
        var reloadedCard = ModelCard.FromJson(card.ToJson());
        using var loaded = LithologyModel.Load(reloadedCard, weights);
        var a = model.Network.state_dict();
        var b = loaded.Network.state_dict();
        Assert.Equal(a.Keys.OrderBy(k => k), b.Keys.OrderBy(k => k));
        foreach (var (name, t) in a)
            Assert.True(t.eq(b[name]).all().item<bool>(), $"{name} differs after reload");
        loaded.Network.eval();
        var x = randn(1, 2, 32, 32);
        Assert.True(model.Network.forward(x).eq(loaded.Network.forward(x)).all().item<bool>());
    }

    [Fact]
    public void CardJsonRoundTripKeepsEverything()
    {
        var card = TinyCard();
        var back = ModelCard.FromJson(card.ToJson());
        Assert.Equal(card.Arch, back.Arch);
        Assert.Equal(card.Classes, back.Classes);
        Assert.Equal(card.Normalization.Mean, back.Normalization.Mean);
        Assert.Equal(card.Config.Depth, back.Config.Depth);
        Assert.Equal(card.Config.EncoderChannels, back.Config.EncoderChannels);
        Assert.True(double.IsNaN(back.Metrics["test.mpa"]));
    }

    [Fact]
    public void WeightsOfAnotherArchitectureAreRefused()
    {
        using var model = LithologyModel.Create(TinyCard("unet"));
        var weights = new MemoryStream();
        model.SaveWeights(weights);
        weights.Position = 0;
        var e = Assert.Throws<ArgumentException>(() => LithologyModel.Load(TinyCard("ggmnet"), weights));
        Assert.Contains("do not match", e.Message);
    }

    [Fact]
    public void BadCardsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => ModelCard.FromJson(TinyCard().ToJson().Replace("\"ggmnet\"", "\"deeplab\"")));
        Assert.Throws<ArgumentException>(() => (TinyCard() with { InChannels = 3 }).Validate());
    }

    [Fact]
    public void GenotypeJsonRoundTripAndErrors()
    {
        var g = DefaultGenotype.Create();
        Assert.Equal(22, g.Depth);
        var back = Genotype.Parse(g.ToJson());
        Assert.Equal(g.Branches.Select(b => b.Layers.Count), back.Branches.Select(b => b.Layers.Count));
        var bad = g.ToJson().Replace("\"zoomed_conv\"", "\"dilated_conv\"");
        Assert.Contains("dilated_conv", Assert.Throws<ArgumentException>(() => Genotype.Parse(bad)).Message);
        var badExp = g.ToJson().Replace("\"expansion\": 4", "\"expansion\": 5");
        Assert.Contains("expansion 5", Assert.Throws<ArgumentException>(() => Genotype.Parse(badExp)).Message);
        Assert.Throws<ArgumentException>(() => Genotype.Parse("{not json"));
    }
}
