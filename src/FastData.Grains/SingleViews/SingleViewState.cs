using System.Globalization;
using System.Text.Json.Nodes;
using FastData.Grains.Abstractions;

namespace FastData.Grains.SingleViews;

/// <summary>A single-view document as stored: the aggregated fields at the top level plus <c>createdAt</c> and
/// <c>updatedAt</c>.</summary>
public sealed class SingleViewState : IDocumentState
{
    public const string CreatedAtField = "createdAt";
    public const string UpdatedAtField = "updatedAt";

    /// <summary>The aggregated document without the timestamps, or null when the single view does not exist.</summary>
    public JsonObject? Document { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public JsonObject? ToDocument()
    {
        if (Document is null)
        {
            return null;
        }

        var document = (JsonObject)Document.DeepClone();
        document[CreatedAtField] = CreatedAt?.ToString("O", CultureInfo.InvariantCulture);
        document[UpdatedAtField] = UpdatedAt?.ToString("O", CultureInfo.InvariantCulture);
        return document;
    }

    public void LoadDocument(JsonObject document)
    {
        var copy = (JsonObject)document.DeepClone();
        CreatedAt = ReadDate(copy, CreatedAtField);
        UpdatedAt = ReadDate(copy, UpdatedAtField);
        copy.Remove(CreatedAtField);
        copy.Remove(UpdatedAtField);
        Document = copy;
    }

    private static DateTimeOffset? ReadDate(JsonObject document, string field) =>
        document[field] is JsonValue value && value.TryGetValue<string>(out var text)
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            : null;
}
