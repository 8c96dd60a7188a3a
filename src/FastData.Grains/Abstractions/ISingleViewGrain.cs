using Orleans.Concurrency;

namespace FastData.Grains.Abstractions;

/// <summary>One single-view document (key "single view/single-view key").</summary>
[Alias("FastData.ISingleViewGrain")]
public interface ISingleViewGrain : IGrainWithStringKey
{
    /// <summary>
    /// Recomputes the document. Requests that arrive while a run is in progress coalesce into one more run; the
    /// task completes once a run that started after this request has persisted its result.
    /// </summary>
    /// <param name="changedAt">When the change that caused the request was produced (for the freshness metric).</param>
    [AlwaysInterleave, Alias("Refresh")]
    Task RefreshAsync(DateTimeOffset changedAt);

    /// <summary>The current document as JSON, or null when the single view does not exist.</summary>
    [AlwaysInterleave, Alias("Get")]
    Task<StoredDocument?> GetAsync();
}
