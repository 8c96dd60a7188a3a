namespace FastData.Grains.Abstractions;

/// <summary>The cluster-wide pipeline switches: single-view triggering, and which projections' ingestion is paused.</summary>
/// <param name="TriggersPaused">True while projection grains apply and persist events without refreshing single views.</param>
/// <param name="Version">Increases on every change; silos keep the status with the highest version they have seen.</param>
/// <param name="ChangedAt">When a setting last changed, or null when none ever did.</param>
[GenerateSerializer, Immutable, Alias("FastData.PipelineControlStatus")]
public sealed record PipelineControlStatus(
    [property: Id(0)] bool TriggersPaused,
    [property: Id(1)] long Version,
    [property: Id(2)] DateTimeOffset? ChangedAt)
{
    /// <summary>The projections whose ingestion topics are not consumed (sorted by name): their records wait in Kafka,
    /// their committed offsets stay where they are, and consumption resumes from there.</summary>
    [Id(3)]
    public IReadOnlyList<string> IngestionPaused { get; init; } = [];
}
