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
/// after are the documents as JSON, present only when the host is configured to include them.
/// </summary>
public sealed record SingleViewChange(
    string SingleViewName,
    string DocumentId,
    SingleViewOperation OperationType,
    string? Before,
    string? After,
    DateTimeOffset Timestamp);
