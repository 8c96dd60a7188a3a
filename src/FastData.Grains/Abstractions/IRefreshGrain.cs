using Orleans.Concurrency;

namespace FastData.Grains.Abstractions;

/// <summary>
/// The full refresh of one single view (key = single-view name): re-aggregates the single view of every key of
/// its base projection (deleted base records included, so their single views are removed) and of every stored
/// single-view document, a bounded number at a time, as a background job of this activation whose progress can
/// be polled.
/// </summary>
[Alias("FastData.IRefreshGrain")]
public interface IRefreshGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts a refresh and returns its first progress. When one is already running it is not restarted: its
    /// progress is returned. <paramref name="maxConcurrency"/> overrides <c>PipelineRefreshOptions.MaxConcurrency</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The single view is not configured, or <paramref name="maxConcurrency"/> is below 1.</exception>
    [Alias("Start")]
    Task<RefreshProgress> StartAsync(int? maxConcurrency = null);

    /// <summary>The progress of the running or last refresh.</summary>
    [AlwaysInterleave, Alias("GetProgress")]
    Task<RefreshProgress> GetProgressAsync();

    /// <summary>Stops the running refresh (single views already re-aggregated stay so) and returns its progress.</summary>
    [AlwaysInterleave, Alias("Cancel")]
    Task<RefreshProgress> CancelAsync();
}
