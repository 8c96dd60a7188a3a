using System.Text.Json;
using FastData.Samples.Retail;

namespace FastData.Samples.Retail.Tests;

/// <summary>Helpers that run the generator and read its records back as JSON.</summary>
internal static class GeneratedStream
{
    public static RetailGeneratorOptions SmallOptions(Action<RetailGeneratorOptions>? configure = null)
    {
        var options = new RetailGeneratorOptions { Customers = 50, Products = 20, ChangeEvents = 2_000 };
        configure?.Invoke(options);
        return options;
    }

    public static List<CdcRecord> Generate(RetailGeneratorOptions options) =>
        [.. new RetailEventGenerator(options).Generate()];

    public static JsonElement Value(CdcRecord record) => JsonDocument.Parse(record.Value!).RootElement;

    public static JsonElement Key(CdcRecord record) => JsonDocument.Parse(record.Key).RootElement;

    /// <summary>The canonical key string of a record ("7|2" for an order item).</summary>
    public static string KeyText(CdcRecord record) =>
        string.Join('|', Key(record).EnumerateObject().Select(p => p.Value.GetRawText()));

    public static bool IsOriginal(CdcRecord record) =>
        record.Origin is not (CdcRecordOrigin.Duplicate or CdcRecordOrigin.Replay);
}
