using System.Text.Json;
using FastData.Samples.Retail;
using Xunit;

namespace FastData.Samples.Retail.Tests;

/// <summary>
/// The generator and samples/retail/projections.json describe the same tables; these tests catch drift between
/// them (read as plain JSON, so they do not depend on the configuration model's API).
/// </summary>
public sealed class RetailSampleConfigurationAgreementTests
{
    [Fact]
    public void RetailTopics_MatchTheProjectionsOfTheSampleConfiguration()
    {
        var projections = LoadProjections();

        Assert.Equal(projections.Keys.Order(), RetailTopics.All.Select(t => t.Table).Order());
        foreach (var topic in RetailTopics.All)
        {
            var projection = projections[topic.Table];
            Assert.Equal(topic.Name, projection.GetProperty("topic").GetString());
            Assert.Equal(topic.KeyFields, projection.GetProperty("primaryKey").EnumerateArray().Select(e => e.GetString()));
        }
    }

    [Fact]
    public void Generate_RowImages_CarryExactlyTheFieldsTheSampleConfigurationDeclares()
    {
        var projections = LoadProjections();
        var seen = new HashSet<string>();

        foreach (var record in GeneratedStream.Generate(GeneratedStream.SmallOptions(o => o.ChangeEvents = 500)))
        {
            if (record.IsTombstone)
            {
                continue;
            }

            var row = GeneratedStream.Value(record).GetProperty(record.Operation == CdcOperation.Delete ? "before" : "after");
            var declared = projections[record.Table].GetProperty("fields").EnumerateObject().Select(p => p.Name).Order();
            Assert.Equal(declared, row.EnumerateObject().Select(p => p.Name).Order());
            seen.Add(record.Table);
        }

        Assert.Equal(projections.Keys.Order(), seen.Order());
    }

    private static Dictionary<string, JsonElement> LoadProjections()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "samples", "retail", "projections.json")))
        {
            directory = directory.Parent;
        }

        Assert.True(directory is not null, $"samples/retail/projections.json not found above {AppContext.BaseDirectory}");
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory.FullName, "samples", "retail", "projections.json")));
        return document.RootElement.GetProperty("config").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }
}
