using FastData.Samples.Retail;
using Xunit;

namespace FastData.Samples.Retail.Tests;

public sealed class RetailEventGeneratorPaddingTests
{
    [Theory]
    [InlineData(1_024)]
    [InlineData(4_096)]
    [InlineData(65_536)]
    public void Generate_TargetEventBytes_SizesEveryValueWithinTenPercent(int target)
    {
        var options = GeneratedStream.SmallOptions(o =>
        {
            o.TargetEventBytes = target;
            o.ChangeEvents = target > 10_000 ? 300 : 2_000;
            o.PrimaryKeyChangeRate = 0.05;
        });

        var values = GeneratedStream.Generate(options).Where(r => !r.IsTombstone).ToList();

        Assert.NotEmpty(values);
        Assert.All(values, r => Assert.InRange(r.Value!.Length, target * 0.9, target * 1.1));

        // Below the target the padding is exact, because NOTES holds only ASCII that JSON does not escape.
        Assert.All(values, r => Assert.Equal(target, r.Value!.Length));
    }

    [Fact]
    public void Generate_NoTarget_LeavesNotesShortOrNull()
    {
        var values = GeneratedStream.Generate(GeneratedStream.SmallOptions()).Where(r => !r.IsTombstone).ToList();

        Assert.All(values, r => Assert.True(r.Value!.Length < 1_024, $"value of {r.Value.Length} bytes: {r}"));
        Assert.Contains(values, r => GeneratedStream.Value(r).GetProperty(r.Operation == CdcOperation.Delete ? "before" : "after").GetProperty("NOTES").ValueKind == System.Text.Json.JsonValueKind.Null);
    }
}
