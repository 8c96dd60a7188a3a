namespace FastData.Grains.Abstractions;

/// <summary>What a projection grain did with a change event.</summary>
[GenerateSerializer]
public enum ApplyOutcome
{
    /// <summary>The record was created or updated.</summary>
    Upserted,

    /// <summary>The record was soft-deleted (or a delete for an unknown key was remembered).</summary>
    Deleted,

    /// <summary>The event was at or below the stored source position: dropped.</summary>
    Stale,

    /// <summary>The event broke the projection's schema: sent to the dead letters.</summary>
    DeadLettered,
}
