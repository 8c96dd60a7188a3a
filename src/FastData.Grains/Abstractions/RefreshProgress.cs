namespace FastData.Grains.Abstractions;

/// <summary>The progress of a full refresh of one single view, as <see cref="IRefreshGrain.GetProgressAsync"/> reports it.</summary>
/// <param name="SingleViewName">The single view being refreshed.</param>
/// <param name="Status">Where the refresh stands.</param>
/// <param name="Total">Single-view keys found so far (final once <paramref name="EnumerationComplete"/> is true).</param>
/// <param name="Done">Keys whose single view was re-aggregated (created, updated, deleted or found unchanged).</param>
/// <param name="Failed">Keys that could not be refreshed (base record without its key fields, or a failed grain call).</param>
/// <param name="EnumerationComplete">True once every key of the base projection and of the single view was listed.</param>
/// <param name="MaxConcurrency">How many single views were re-aggregated at once.</param>
/// <param name="StartedAt">When the refresh started, or null when none ran.</param>
/// <param name="FinishedAt">When it ended, or null while it runs.</param>
/// <param name="Error">The last failure's description, or null.</param>
[GenerateSerializer, Immutable, Alias("FastData.RefreshProgress")]
public sealed record RefreshProgress(
    [property: Id(0)] string SingleViewName,
    [property: Id(1)] RefreshStatus Status,
    [property: Id(2)] long Total,
    [property: Id(3)] long Done,
    [property: Id(4)] long Failed,
    [property: Id(5)] bool EnumerationComplete,
    [property: Id(6)] int MaxConcurrency,
    [property: Id(7)] DateTimeOffset? StartedAt,
    [property: Id(8)] DateTimeOffset? FinishedAt,
    [property: Id(9)] string? Error)
{
    /// <summary>True while the refresh runs.</summary>
    public bool IsRunning => Status == RefreshStatus.Running;
}
