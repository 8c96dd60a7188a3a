using System.Text.Json.Nodes;
using FastData.Model.Aggregation;

namespace FastData.Model.Tests;

/// <summary>Grouping by <see cref="EqualityShape"/> must pick exactly the records <see cref="RecordFilter.Matches"/> picks.</summary>
public sealed class EqualityShapeTests
{
    private static readonly JsonObject[] Records =
    [
        new() { ["A"] = 7, ["B"] = "x" },
        JsonNode.Parse("{\"A\":7.0,\"B\":\"x\"}")!.AsObject(),
        new() { ["A"] = 7L, ["B"] = "y" },
        new() { ["A"] = "7", ["B"] = "x" },
        new() { ["B"] = "x" },
        new() { ["A"] = null, ["B"] = "x" },
        new() { ["A"] = true, ["B"] = "x" },
        new() { ["A"] = 7.5, ["B"] = "x" },
    ];

    public static TheoryData<string> Filters() =>
    [
        "A=7", "A=7.0", "A=\"7\"", "A=null", "A=true", "A=7.5", "B=\"x\"", "A=7&B=\"x\"", "B=\"y\"&A=7",
    ];

    [Theory]
    [MemberData(nameof(Filters))]
    public void KeyOf_EqualsFilterKey_ExactlyForTheRecordsTheFilterMatches(string text)
    {
        var filter = Parse(text);

        Assert.True(EqualityShape.TryOf(filter, out var shape, out var key));
        foreach (var record in Records)
        {
            Assert.True(filter.Matches(record) == (shape!.KeyOf(record) == key), $"{text} on {record.ToJsonString()}");
        }
    }

    [Fact]
    public void TryOf_FilterOverAContainerOrAnOr_IsNotGrouped()
    {
        Assert.False(EqualityShape.TryOf(RecordFilter.Eq("A", new JsonObject { ["x"] = 1 }), out _, out _));
        Assert.False(EqualityShape.TryOf(RecordFilter.Any(RecordFilter.Eq("A", 1), RecordFilter.Eq("A", 2)), out _, out _));
        Assert.False(EqualityShape.TryOf(RecordFilter.All(), out _, out _));
    }

    [Fact]
    public void TryOf_SameFieldsInAnotherOrder_HaveOneShape()
    {
        EqualityShape.TryOf(Parse("A=7&B=\"x\""), out var first, out var firstKey);
        EqualityShape.TryOf(Parse("B=\"x\"&A=7"), out var second, out var secondKey);

        Assert.Equal(first!.Name, second!.Name);
        Assert.Equal(firstKey, secondKey);
    }

    private static RecordFilter Parse(string text)
    {
        var parts = text.Split('&').Select(p => p.Split('=', 2)).Select(p => RecordFilter.Eq(p[0], JsonNode.Parse(p[1]))).ToArray();
        return parts.Length == 1 ? parts[0] : RecordFilter.All(parts);
    }
}
