using System.Globalization;
using System.Text.Json.Nodes;
using FastData.Grains.Abstractions;
using FastData.Model;
using FastData.Model.Aggregation;

namespace FastData.Grains.Projections;

/// <summary>
/// A projection record as stored: the typed fields and <c>__STATE__</c> at the top level, plus <c>createdAt</c>,
/// <c>updatedAt</c> and the source position in <c>__source</c>. The state holds that stored form itself and never
/// changes it once set, so writing it hands the store the same object, and the grain and the store share one tree per
/// record instead of a copy each (the copy per write was a tenth of the grains' allocations).
/// </summary>
public sealed class ProjectionRecordState : IDocumentState
{
    public const string CreatedAtField = "createdAt";
    public const string UpdatedAtField = "updatedAt";
    public const string SourceField = "__source";

    private JsonObject? _document;

    /// <summary>The stored record (typed fields, <c>__STATE__</c>, timestamps, <c>__source</c>), or null while there
    /// is none (before the first event, or after a delete of an unknown key). Shared with the store and with readers:
    /// never mutate it.</summary>
    public JsonObject? Record { get; private set; }

    /// <summary>The position of the last event applied (also set by a delete of an unknown key, so that older
    /// events for it are still recognised as stale).</summary>
    public SourcePosition? Position { get; private set; }

    public DateTimeOffset? CreatedAt { get; private set; }

    public DateTimeOffset? UpdatedAt { get; private set; }

    public bool IsPublic => RecordStates.IsPublic(Record);

    /// <summary>Makes <paramref name="record"/> (typed fields and <c>__STATE__</c>, fresh and owned by the caller until
    /// now; null: still no record) the state after the event at <paramref name="position"/>, stamped at
    /// <paramref name="now"/>.</summary>
    public void Set(JsonObject? record, SourcePosition position, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(position);
        var createdAt = CreatedAt ?? (record is null ? null : now);
        var document = record ?? [];
        document[CreatedAtField] = createdAt?.ToString("O", CultureInfo.InvariantCulture);
        document[UpdatedAtField] = now.ToString("O", CultureInfo.InvariantCulture);
        document[SourceField] = new JsonObject
        {
            ["topic"] = position.Topic,
            ["partition"] = position.Partition,
            ["offset"] = position.Offset,
            ["index"] = position.Index,
            ["ordering"] = position.Ordering,
        };
        (_document, Record, Position, CreatedAt, UpdatedAt) = (document, record is null ? null : document, position, createdAt, now);
    }

    public JsonObject? ToDocument() => _document;

    /// <summary>What the state holds now, to put back with <see cref="Restore"/> (a failed write is undone with it).</summary>
    public Memento Save() => new(_document, Record, Position, CreatedAt, UpdatedAt);

    public void Restore(Memento saved) =>
        (_document, Record, Position, CreatedAt, UpdatedAt) = (saved.Document, saved.Record, saved.Position, saved.CreatedAt, saved.UpdatedAt);

    public void LoadDocument(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        CreatedAt = ReadDate(document, CreatedAtField);
        UpdatedAt = ReadDate(document, UpdatedAtField);
        Position = null;
        if (document[SourceField] is JsonObject source)
        {
            Position = new SourcePosition(
                source["topic"]!.GetValue<string>(),
                (int)ReadInt64(source["partition"]),
                ReadInt64(source["offset"]),
                (int)ReadInt64(source["index"]),
                source["ordering"]?.GetValue<string>());
        }

        _document = document;
        Record = document.ContainsKey(RecordStates.Field) ? document : null;
    }

    private static long ReadInt64(JsonNode? node) =>
        JsonScalars.TryGetInt64(node, out var value) ? value : throw new FormatException($"'{node}' is not an integer in {SourceField}.");

    private static DateTimeOffset? ReadDate(JsonObject record, string field) =>
        record[field] is JsonValue value && value.TryGetValue<string>(out var text)
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            : record[field] is JsonValue dateValue && dateValue.TryGetValue<DateTimeOffset>(out var date) ? date : null;

    /// <summary>A state's content at one moment (see <see cref="Save"/>); the trees are never mutated once set, so
    /// keeping them is enough.</summary>
    public readonly record struct Memento(JsonObject? Document, JsonObject? Record, SourcePosition? Position, DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt);
}
