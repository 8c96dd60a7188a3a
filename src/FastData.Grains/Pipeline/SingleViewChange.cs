using System.Text.Json.Nodes;

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
/// after are the aggregated documents (without createdAt/updatedAt): shared instances that nobody mutates, so a
/// sink that does not publish them costs nothing.
/// </summary>
public sealed record SingleViewChange(
    string SingleViewName,
    string DocumentId,
    SingleViewOperation OperationType,
    JsonObject? Before,
    JsonObject? After,
    DateTimeOffset Timestamp);
