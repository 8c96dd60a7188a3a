using System.Globalization;
using System.Text.Json.Nodes;
using FastData.Grains.Abstractions;
using FastData.Model;
using FastData.Model.Aggregation;

namespace FastData.Grains.Projections;

/// <summary>
/// A projection record as stored: the typed fields and <c>__STATE__</c> at the top level, plus <c>createdAt</c>,
/// <c>updatedAt</c> and the source position in <c>__source</c>.
/// </summary>
public sealed class ProjectionRecordState : IDocumentState
{
    public const string CreatedAtField = "createdAt";
    public const string UpdatedAtField = "updatedAt";
    public const string SourceField = "__source";

    /// <summary>The typed record with its <c>__STATE__</c>, or null before the first event.</summary>
    public JsonObject? Record { get; set; }

    /// <summary>The position of the last event applied (also set by a delete of an unknown key, so that older
    /// events for it are still recognised as stale).</summary>
    public SourcePosition? Position { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public bool IsPublic => RecordStates.IsPublic(Record);

    public JsonObject? ToDocument()
    {
        if (Record is null && Position is null)
        {
            return null;
        }

        var document = Record is null ? [] : (JsonObject)Record.DeepClone();
        document[CreatedAtField] = CreatedAt?.ToString("O", CultureInfo.InvariantCulture);
        document[UpdatedAtField] = UpdatedAt?.ToString("O", CultureInfo.InvariantCulture);
        if (Position is { } p)
        {
            document[SourceField] = new JsonObject
            {
                ["topic"] = p.Topic,
                ["partition"] = p.Partition,
                ["offset"] = p.Offset,
                ["index"] = p.Index,
                ["ordering"] = p.Ordering,
            };
        }

        return document;
    }

    public void LoadDocument(JsonObject document)
    {
        var record = (JsonObject)document.DeepClone();
        CreatedAt = ReadDate(record, CreatedAtField);
        UpdatedAt = ReadDate(record, UpdatedAtField);
        Position = null;
        if (record[SourceField] is JsonObject source)
        {
            Position = new SourcePosition(
                source["topic"]!.GetValue<string>(),
                (int)ReadInt64(source["partition"]),
                ReadInt64(source["offset"]),
                (int)ReadInt64(source["index"]),
                source["ordering"]?.GetValue<string>());
        }

        record.Remove(SourceField);
        record.Remove(CreatedAtField);
        record.Remove(UpdatedAtField);
        Record = record.ContainsKey(RecordStates.Field) ? record : null;
    }

    private static long ReadInt64(JsonNode? node) =>
        JsonScalars.TryGetInt64(node, out var value) ? value : throw new FormatException($"'{node}' is not an integer in {SourceField}.");

    private static DateTimeOffset? ReadDate(JsonObject record, string field) =>
        record[field] is JsonValue value && value.TryGetValue<string>(out var text)
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            : record[field] is JsonValue dateValue && dateValue.TryGetValue<DateTimeOffset>(out var date) ? date : null;
}
