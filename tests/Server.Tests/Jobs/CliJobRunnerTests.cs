using System.Text.Json;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Tests.Jobs;

public class CliJobRunnerTests
{
    [Theory]
    [InlineData("{}")]
    [InlineData("{\"a\":1,\"b\":[1.5,-2E-07,\"x\"],\"c\":{\"d\":null,\"e\":true},\"f\":[]}")]
    [InlineData("{\"text\":\"caf\\u00e9 <b> \\\"q\\\" \\\\ \\n\",\"\\u00e9\":\"\u00e9\",\"n\":12345678901234567890}")]
    public void Indent_GivesTheSerializersIndentedText(string compact)
    {
        using var doc = JsonDocument.Parse(compact);
        string expected = JsonSerializer.Serialize(doc.RootElement, new JsonSerializerOptions { WriteIndented = true });

        string indented = CliJobRunner.Indent(compact);

        Assert.Equal(expected, indented);
        if (compact != "{}")
            Assert.StartsWith("{" + Environment.NewLine + "  \"", indented);
    }
}
