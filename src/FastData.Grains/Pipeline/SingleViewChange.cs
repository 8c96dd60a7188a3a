using System.Text.Json.Nodes;
using FastData.Model;

namespace FastData.Grains.Pipeline;

/// <summary>What a single-view change event says happened to the document.</summary>
public enum SingleViewOperation
{
    Insert,
    Update,
    Delete,
}

/// <summary>
/// The <c>sv-update</c> event published on a single view's Kafka topic after its document changed. Before and
/// after are the stored documents (with createdAt/updatedAt) as UTF-8 JSON, empty when there is none: the state's own
/// arrays, never changed, so a sink that does not read them costs nothing and one that publishes them copies bytes.
/// </summary>
public sealed record SingleViewChange(
    string SingleViewName,
    string DocumentId,
    SingleViewOperation OperationType,
    ReadOnlyMemory<byte> Before,
    ReadOnlyMemory<byte> After,
    DateTimeOffset Timestamp)
{
    /// <summary>A new tree of the document before the change, or null when there was none.</summary>
    public JsonObject? BeforeDocument() => Tree(Before);

    /// <summary>A new tree of the document after the change, or null when there is none.</summary>
    public JsonObject? AfterDocument() => Tree(After);

    private static JsonObject? Tree(ReadOnlyMemory<byte> utf8) =>
        utf8.IsEmpty ? null : StoredJson.ParseObject(utf8.Span);
}
