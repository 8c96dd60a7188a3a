namespace FastData.Grains.Abstractions;

/// <summary>Whether single-view triggering is paused cluster-wide, and the version of that setting.</summary>
/// <param name="TriggersPaused">True while projection grains apply and persist events without refreshing single views.</param>
/// <param name="Version">Increases on every change; silos keep the status with the highest version they have seen.</param>
/// <param name="ChangedAt">When the setting last changed, or null when it never did.</param>
[GenerateSerializer, Immutable, Alias("FastData.PipelineControlStatus")]
public sealed record PipelineControlStatus(
    [property: Id(0)] bool TriggersPaused,
    [property: Id(1)] long Version,
    [property: Id(2)] DateTimeOffset? ChangedAt);
